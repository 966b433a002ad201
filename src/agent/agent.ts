import { type ChannelCredentials, credentials as grpcCredentials } from '@grpc/grpc-js';
import { hostname as osHostname } from 'node:os';
import { createLogger, type Logger } from '../common/logger.js';
import type { Assignment__Output } from '../common/proto/gen/parallax/v1/Assignment.js';
import type { AttemptRef } from '../common/proto/gen/parallax/v1/AttemptRef.js';
import type { Cancel__Output } from '../common/proto/gen/parallax/v1/Cancel.js';
import type { RunSpec__Output } from '../common/proto/gen/parallax/v1/RunSpec.js';
import { type Clock, systemClock } from '../common/time.js';
import { VERSION } from '../common/version.js';
import { AttemptReporter, type ReportTuning } from './attempt-reporter.js';
import type { DeliveryContext } from './deliver.js';
import type { Executor, OutputStream, RunHandle, RunSpec } from './executors/executor.js';
import { ExecutorByKind } from './executors/by-kind.js';
import { HttpExecutor } from './executors/http.js';
import { ShellExecutor } from './executors/shell.js';
import { SshExecutor } from './executors/ssh.js';
import { grpcReportRpc, type ReportRpc, sessionReportRpc } from './report-rpc.js';
import { SecretMasker } from './secret-masker.js';
import { CoordinatorPool } from './coordinators.js';
import { killOrphanedRun } from './orphans.js';
import { instanceId } from './instance-id.js';
import { Session } from './session.js';
import { type RecoveredAttempt, Spool, type SpoolOptions } from './spool/spool.js';
import { systemTimers, type Timers } from './timers.js';

export interface AgentOptions {
  /** HOST:PORT of the coordinators, separated by commas: the agent finds the leader among them. */
  coordinator: string;
  /** How the coordinator knows this agent; every report carries it. */
  name: string;
  /**
   * Where the agent keeps its state: the spool of reports the coordinator has not acknowledged (created 0700 if
   * missing), delivered when the agent starts again. One agent per directory.
   */
  dataDir: string;
  labels?: Record<string, string>;
  /** How many runs the coordinator may give this agent at once; default 4. */
  capacity?: number;
  /** Default os.hostname(). */
  hostname?: string;
  /** Default the package version. */
  version?: string;
  /** Default plaintext (the only choice until TLS exists). */
  credentials?: ChannelCredentials;
  /** The API token the agent presents (a token of the agent role); never logged. */
  token?: string;
  /** Default a ShellExecutor logging to this agent's logger. */
  executor?: Executor;
  logger?: Logger;
  clock?: Clock;
  /** Milliseconds that only go forward, for leases; default performance.now. */
  monotonic?: () => number;
  random?: () => number;
  timers?: Timers;
  /** Deadline of each report call; default 10 s. */
  callDeadlineMs?: number;
  /** On stop, how long running runs may take to finish before they are cancelled; default 30 s. */
  drainGraceMs?: number;
  /** On stop, runs still alive this long after their SIGTERM are killed; default 10 s. */
  stopKillAfterMs?: number;
  /** On stop, reports not acknowledged by then are given up; default 14 s (closing the session adds at most 1 s). */
  stopTimeoutMs?: number;
  /** When reports go: RunStarted's delay, output batching and spooling. */
  reports?: ReportTuning;
  spool?: Pick<SpoolOptions, 'maxBytes' | 'compactBytes' | 'syncDelayMs'>;
}

interface Execution {
  runId: string;
  attempt: number;
  /** The agent name its reports carry: another one when it was spooled under an earlier name. */
  agent: string;
  handle: RunHandle | undefined;
  /** The process has exited; only its reports may still be on their way. */
  exited: boolean;
  /** When its lease was last renewed, as far as this agent can be sure (by `monotonic`). */
  renewedAt: number;
  /** Why the agent stopped it itself: its lease ran out (the run is reported lost). */
  fenced?: string;
}

const SHUTDOWN_REASON = 'the agent is shutting down';
const RESTARTED_REASON = 'the agent restarted while the run was in progress';
/** An attempt is stopped when its lease has gone unrenewed for this part of the lease the coordinator gives. */
const FENCE_AT = 0.8;
/** And must be gone this part of the lease after it was last renewed: SIGTERM, then SIGKILL in between. */
const FENCE_KILL_AT = 0.9;

/**
 * An agent: one Session with the coordinator, and for every assigned attempt a process and a reporter. Runs keep
 * executing and their output keeps accumulating while the coordinator is unreachable.
 */
export class Agent {
  private readonly logger: Logger;
  private readonly coordinators: CoordinatorPool;
  private readonly rpc: ReportRpc;
  private readonly session: Session;
  private readonly executor: Executor;
  private readonly timers: Timers;
  private readonly delivery: DeliveryContext;
  private readonly abort = new AbortController();
  /** Attempts listed as running: from their Assignment until their RunFinished is acknowledged or refused. */
  private readonly executions = new Map<string, Execution>();
  /** Called when a process exits or an attempt is forgotten: what `waitFor` checks its condition on. */
  private readonly changeWaiters = new Set<() => void>();
  private stopping: Promise<void> | undefined;
  /** Stopping: the coordinator is told to give no new runs, and those running may finish (for drainGraceMs). */
  private draining = false;
  /** Stopping, after the grace: what is still running is cancelled, and new assignments are refused. */
  private cancelling = false;
  private welcomedNodeId: string | undefined;
  /** This agent's data directory's id (instance-id.ts): set when it starts. */
  private instance = '';
  /** How long the leader holds a lease without a renewal, as its Welcome said; 0: not said (no fencing). */
  private leaseTtlMs = 0;
  private fenceTimer: ReturnType<Timers['setTimeout']> | undefined;
  private readonly clock: Clock;
  private readonly monotonic: () => number;
  private spool: Spool | undefined;

  constructor(private readonly options: AgentOptions) {
    this.logger = options.logger ?? createLogger('agent');
    this.timers = options.timers ?? systemTimers;
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    this.monotonic = options.monotonic ?? (() => performance.now());
    const random = options.random ?? Math.random;
    this.executor = options.executor ?? new ExecutorByKind({ command: new ShellExecutor({ logger: this.logger.child('shell') }), http: new HttpExecutor(), ssh: new SshExecutor() });
    this.coordinators = new CoordinatorPool(coordinatorList(options.coordinator), options.credentials ?? grpcCredentials.createInsecure(), options.token);
    this.delivery = { target: options.coordinator, timers: this.timers, random, logger: this.logger, signal: this.abort.signal };
    this.session = new Session({
      coordinators: this.coordinators,
      hello: () => ({
        name: options.name,
        labels: options.labels ?? {},
        capacity: this.capacity,
        version: options.version ?? VERSION,
        hostname: options.hostname ?? osHostname(),
        running: this.running(),
        draining: this.draining,
        instance: this.instance,
      }),
      heartbeat: () => ({ running: this.running(), draining: this.draining }),
      onWelcome: (welcome) => {
        this.welcomedNodeId = welcome.nodeId;
        this.leaseTtlMs = welcome.leaseTtlMs;
        this.scheduleFence();
      },
      onRenewed: (sentAt, running) => this.renewed(sentAt, running),
      onAssignment: (assignment) => this.assign(assignment),
      onCancel: (cancel) => this.cancel(cancel),
      onRefused: (reason) => this.refused(reason),
      clock,
      monotonic: this.monotonic,
      random,
      timers: this.timers,
      logger: this.logger,
      reportDeadlineMs: options.callDeadlineMs ?? 10_000,
    });
    const unary = grpcReportRpc(() => this.coordinators.client(), clock, options.callDeadlineMs ?? 10_000);
    this.rpc = sessionReportRpc(this.session, unary);
  }

  get capacity(): number {
    return this.options.capacity ?? 4;
  }

  /** The node id the coordinator gave in its last Welcome. */
  get nodeId(): string | undefined {
    return this.welcomedNodeId;
  }

  /** True while the Session is open and welcomed. */
  get connected(): boolean {
    return this.session.connected;
  }

  /**
   * The attempts this agent answers for: executing, or ended with reports not yet acknowledged (spooled ones
   * included, so the coordinator keeps their leases while they are delivered).
   */
  running(): AttemptRef[] {
    return [...this.executions.values()].filter((e) => e.agent === this.options.name).map(({ runId, attempt }) => ({ runId, attempt }));
  }

  /**
   * Opens the data directory (throws if it cannot be used, or another agent uses it), picks up the reports the
   * previous process left in its spool, and connects.
   */
  start(): void {
    const { name, coordinator, dataDir } = this.options;
    this.logger.info('agent starting', { name, coordinator, capacity: this.capacity, dataDir });
    this.spool = Spool.open({ ...this.options.spool, dataDir, logger: this.logger, timers: this.timers });
    this.instance = instanceId(dataDir);
    for (const recovered of this.spool.recover()) this.resume(recovered);
    this.session.open();
  }

  /**
   * Drains, then stops: tells the coordinator to give it no new runs and lets those running finish for up to
   * drainGraceMs; then cancels what still runs (SIGTERM, SIGKILL after at most stopKillAfterMs), reports it, and
   * closes the session. The cancelling part is bounded by stopTimeoutMs: reports the coordinator has not
   * acknowledged by then are given up.
   */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    const killAfterMs = this.options.stopKillAfterMs ?? 10_000;
    const timeoutMs = this.options.stopTimeoutMs ?? 14_000;
    const graceMs = this.options.drainGraceMs ?? 30_000;
    this.draining = true;
    this.session.beat();
    // The grace is for processes to finish: one that has ended waits only for its reports to be acknowledged,
    // which is the stop's part below (bounded, and the spool keeps them), not the grace's.
    if (this.processesRunning() > 0 && graceMs > 0) {
      this.logger.info('agent draining: no new runs; waiting for the running ones to finish', { running: this.processesRunning(), graceMs });
      if (await this.waitFor(graceMs, () => this.processesRunning() === 0)) this.logger.info('every run finished');
    }
    this.cancelling = true;
    this.logger.info('agent stopping', { running: this.processesRunning(), unacknowledged: this.executions.size });
    for (const execution of this.executions.values()) execution.handle?.cancel(SHUTDOWN_REASON, killAfterMs);
    const idle = await this.waitFor(timeoutMs, () => this.executions.size === 0);
    if (!idle) {
      this.logger.warn('stopping without acknowledgement of every report; they stay in the spool and are delivered when the agent starts again', {
        unacknowledged: this.executions.size,
        dir: this.spool?.dir,
      });
    }
    // Nothing a run started may outlive the agent that answers for it.
    for (const execution of this.executions.values()) execution.handle?.kill();
    this.fenceTimer?.cancel();
    this.abort.abort();
    await this.session.close();
    this.coordinators.close();
    await this.spool?.close();
    this.logger.info('agent stopped');
  }

  private assign(assignment: Assignment__Output): void {
    const { runId, attempt, schedule } = assignment;
    const key = `${runId}#${attempt}`;
    const fields = { runId, attempt };
    if (this.executions.has(key)) {
      this.logger.debug('assignment already executing', fields);
      return;
    }
    for (const older of this.executions.values()) {
      if (older.runId === runId && older.attempt < attempt) {
        // A newer attempt means the coordinator has given up on the older one; its processes must not run on.
        this.logger.warn('newer attempt assigned; killing the older one', { runId, attempt: older.attempt, newer: attempt });
        older.handle?.kill();
      }
    }
    // The leader leased the attempt just before it sent it: its lease is counted from now.
    const execution: Execution = { runId, attempt, agent: this.options.name, handle: undefined, exited: false, renewedAt: this.monotonic() };
    this.executions.set(key, execution);
    const forget = () => this.forget(key);
    const reporter = new AttemptReporter({
      ...this.options.reports,
      runId,
      tenant: assignment.tenant,
      attempt,
      agent: this.options.name,
      rpc: this.rpc,
      delivery: this.delivery,
      timers: this.timers,
      spool: this.spool?.create({ runId, tenant: assignment.tenant, attempt, agent: this.options.name }),
      onRefused: (reason) => {
        this.logger.warn('attempt is no longer current; killing it', { ...fields, reason });
        execution.handle?.kill();
        forget();
      },
      onDone: forget,
    });
    if (this.cancelling) {
      // The coordinator should learn at once that this assignment will not run, rather than from a lost lease.
      reporter.started(undefined);
      reporter.finished({ state: 'cancelled', error: SHUTDOWN_REASON });
      return;
    }
    // The coordinator frees a slot when it has applied a run's end, which can be before this agent has seen the
    // acknowledgement of that report: count processes, not attempts awaiting acknowledgement.
    if (this.processesRunning() > this.capacity) {
      this.logger.warn('assigned more runs than the capacity; running it anyway', { ...fields, capacity: this.capacity });
    }
    const spec = toRunSpec(assignment.spec);
    const masker = new SecretMasker(assignment.secretEnv.map((name) => spec.env?.[name] ?? ''));
    const output = (stream: OutputStream, data: Buffer) => {
      const masked = masker.push(stream, data);
      if (masked.length > 0) reporter.output(stream, masked);
    };
    let startTold = false;
    /** pid 0: the run began without a process here (an SSH command, an HTTP request); undefined: it never began. */
    const began = (pid: number | undefined) => {
      if (startTold) return;
      startTold = true;
      reporter.started(pid, this.clock.now());
      if (pid !== undefined) this.logger.info('run started', pid > 0 ? { ...fields, pid } : fields);
    };
    const handle = this.executor.start({ runId, attempt, schedule, spec }, { onOutput: output, onStarted: () => began(0) });
    execution.handle = handle;
    if (handle.pid !== undefined) began(handle.pid);
    void handle.outcome.then((outcome) => {
      began(undefined);
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = masker.flush(stream);
        if (rest.length > 0) reporter.output(stream, rest);
      }
      execution.exited = true;
      this.changed();
      // Stopped because its lease ran out: the leader counts it lost (and retries it by its policy), whatever the
      // process made of the signal.
      const told = execution.fenced === undefined ? outcome : { ...outcome, state: 'lost' as const, error: execution.fenced };
      // An executor's error can quote what a secret was put into (an HTTP request's URL, say).
      const ended = told.error === undefined ? told : { ...told, error: masker.text(told.error) };
      this.logger.info('run ended', { ...fields, ...ended });
      reporter.finished({ ...ended, endedAt: this.clock.now() });
    });
  }

  /**
   * An attempt the previous process of this agent did not get acknowledged: its reports are delivered from the
   * spool, from the first piece not acknowledged, through the same ordered path as a live attempt's. One whose
   * process was still running cannot be resumed: it is reported failed. The coordinator decides whether the
   * attempt still counts; if it refuses it (it was lost and retried meanwhile), the spool forgets it.
   */
  private resume({ spooled, spool, modifiedAt }: RecoveredAttempt): void {
    const { runId, attempt, tenant, agent, buffer } = spooled;
    const key = `${runId}#${attempt}`;
    const fields = { runId, attempt };
    if (this.executions.has(key)) {
      spool.keep();
      return;
    }
    this.executions.set(key, { runId, attempt, agent, handle: undefined, exited: true, renewedAt: this.monotonic() });
    this.logger.info('delivering the spooled reports of a run attempt from before the agent restarted', {
      ...fields,
      agent,
      fromSeq: buffer.firstSeq,
      pieces: buffer.nextSeq - buffer.firstSeq,
      bytes: buffer.liveBytes,
      outcome: spooled.outcome?.state ?? 'none (it was running)',
    });
    const reporter = new AttemptReporter({
      ...this.options.reports,
      runId,
      tenant,
      attempt,
      agent,
      rpc: this.rpc,
      delivery: this.delivery,
      timers: this.timers,
      spool,
      resumed: spooled,
      onRefused: (reason) => {
        this.logger.info('a spooled run attempt is no longer current; discarding it', { ...fields, reason });
        this.forget(key);
      },
      onDone: () => {
        this.logger.info('spooled reports delivered', fields);
        this.forget(key);
      },
    });
    if (spooled.outcome === undefined) {
      const killed = spooled.process !== undefined && killOrphanedRun(spooled.process.pid, spooled.process.at);
      this.logger.warn(`a run was in progress when the agent stopped; ${killed ? 'stopped what was left of it and ' : ''}reporting it failed`, fields);
      reporter.finished({ state: 'failed', error: RESTARTED_REASON, endedAt: Math.round(modifiedAt) });
    }
    reporter.resume();
  }

  private renewed(sentAt: number, running: AttemptRef[]): void {
    for (const { runId, attempt } of running) {
      const execution = this.executions.get(`${runId}#${attempt}`);
      if (execution !== undefined && execution.renewedAt < sentAt) execution.renewedAt = sentAt;
    }
  }

  /**
   * Checks the leases of the running attempts a few times a lease. Fencing: the leader makes an attempt lost when
   * its lease runs out and may then start it again elsewhere (or, for a schedule that forbids overlap, start the
   * next run). An attempt whose lease this agent has not seen renewed for most of the lease (the leader is out of
   * reach) is therefore stopped before then: never two processes for one run, nor a run beside its successor.
   */
  private scheduleFence(): void {
    this.fenceTimer?.cancel();
    if (this.leaseTtlMs <= 0) return;
    this.fenceTimer = this.timers.setTimeout(Math.max(100, Math.round(this.leaseTtlMs / 20)), () => {
      this.fence();
      this.scheduleFence();
    });
  }

  private fence(): void {
    const now = this.monotonic();
    for (const execution of this.stoppable()) {
      const unrenewedMs = now - execution.renewedAt;
      if (unrenewedMs < FENCE_AT * this.leaseTtlMs) continue;
      this.logger.warn('lease not renewed in time; stopping the run so it cannot run beside its retry', {
        runId: execution.runId,
        attempt: execution.attempt,
        unrenewedMs: Math.round(unrenewedMs),
        leaseTtlMs: this.leaseTtlMs,
      });
      this.stopAsLost(execution, `the agent could not renew the attempt's lease for ${Math.round(unrenewedMs / 1_000)}s (no leader reachable), and stopped it before the lease ran out`);
    }
  }

  /** Attempts whose process runs and that nothing has stopped yet. */
  private stoppable(): Execution[] {
    return [...this.executions.values()].filter((e) => e.handle !== undefined && !e.exited && e.fenced === undefined);
  }

  /**
   * Stops an attempt the leader counts (or will count) lost, to run it again elsewhere: SIGTERM now, SIGKILL a tenth
   * of a lease later, and reported `lost` with `why`.
   */
  private stopAsLost(execution: Execution, why: string): void {
    execution.fenced = why;
    execution.handle?.cancel(why, Math.max(0, Math.round((FENCE_KILL_AT - FENCE_AT) * this.leaseTtlMs)));
  }

  /**
   * The coordinators refused this agent's credential: they count its attempts lost and run them elsewhere, so its
   * processes stop now rather than when their leases would have run out.
   */
  private refused(reason: string): void {
    const running = this.stoppable();
    for (const execution of running) this.stopAsLost(execution, `the coordinators refused this agent's credential (${reason}), and it stopped the run`);
    // The session says why on its own; this is about the runs.
    if (running.length > 0) this.logger.error('the coordinators refused this agent\'s credential; it stopped its runs', { reason, stopped: running.length });
  }

  private forget(key: string): void {
    this.executions.delete(key);
    this.changed();
  }

  private changed(): void {
    for (const check of this.changeWaiters) check();
  }

  /** Attempts whose process has not exited yet (attempts whose reports still go out are not counted). */
  private processesRunning(): number {
    let running = 0;
    for (const execution of this.executions.values()) if (!execution.exited) running++;
    return running;
  }

  private cancel(cancel: Cancel__Output): void {
    const execution = this.executions.get(`${cancel.runId}#${cancel.attempt}`);
    const fields = { runId: cancel.runId, attempt: cancel.attempt, reason: cancel.reason };
    if (execution?.handle === undefined) {
      this.logger.debug('cancel for an attempt not executing here', fields);
      return;
    }
    this.logger.info('cancelling run', fields);
    execution.handle.cancel(cancel.reason === '' ? 'cancelled by the coordinator' : cancel.reason);
  }

  /** Whether `done()` holds within `ms`: checked now and after each change to the attempts. */
  private waitFor(ms: number, done: () => boolean): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (met: boolean) => {
        timer.cancel();
        this.changeWaiters.delete(check);
        resolve(met);
      };
      const check = () => {
        if (done()) finish(true);
      };
      const timer = this.timers.setTimeout(ms, () => finish(false));
      this.changeWaiters.add(check);
    });
  }
}

function coordinatorList(text: string): string[] {
  return text.split(',').map((a) => a.trim()).filter(Boolean);
}

function toRunSpec(spec: RunSpec__Output | null): RunSpec {
  if (spec === null) return {};
  const { shell, argv, env, cwd, timeoutMs, killGraceMs, http, ssh, user } = spec;
  return { shell, argv, env, cwd, timeoutMs, killGraceMs, user, http: http ?? undefined, ssh: ssh === null ? undefined : { ...ssh, port: ssh.port || 22 } };
}
