import { type ClientDuplexStream, status as grpcStatus } from '@grpc/grpc-js';
import { DeadlineExceededError, errorFromCode, UnavailableError } from '../common/errors.js';
import { fromServiceError } from '../common/grpc-errors.js';
import type { Logger } from '../common/logger.js';
import type { AgentMessage } from '../common/proto/gen/parallax/v1/AgentMessage.js';
import type { Assignment__Output } from '../common/proto/gen/parallax/v1/Assignment.js';
import type { Cancel__Output } from '../common/proto/gen/parallax/v1/Cancel.js';
import type { CoordinatorMessage__Output } from '../common/proto/gen/parallax/v1/CoordinatorMessage.js';
import type { AttemptRef } from '../common/proto/gen/parallax/v1/AttemptRef.js';
import type { Heartbeat } from '../common/proto/gen/parallax/v1/Heartbeat.js';
import type { Hello } from '../common/proto/gen/parallax/v1/Hello.js';
import type { Report } from '../common/proto/gen/parallax/v1/Report.js';
import type { ReportResult__Output } from '../common/proto/gen/parallax/v1/ReportResult.js';
import type { Welcome__Output } from '../common/proto/gen/parallax/v1/Welcome.js';
import type { Clock } from '../common/time.js';
import { Backoff } from './backoff.js';
import { type CoordinatorPool, leaderHint } from './coordinators.js';
import type { Timer, Timers } from './timers.js';

/** The longest wait between tries once a coordinator has answered: the cluster is up, only between leaders. */
const ANSWERED_RETRY_MAX_MS = 500;
/** Heartbeats awaiting their LeaseRenewed that are remembered; older ones can only renew less. */
const MAX_PENDING_HEARTBEATS = 16;

export interface SessionOptions {
  /** The coordinator to open the session with now, and what to do when it fails. */
  coordinators: Pick<CoordinatorPool, 'client' | 'current' | 'failover' | 'size'>;
  /** Built anew for every connection, so it lists the attempts executing at that moment. */
  hello(): Hello;
  heartbeat(): Omit<Heartbeat, 'seq'>;
  onWelcome(welcome: Welcome__Output): void;
  /**
   * The leader renewed the leases of `running`, as of `sentAt` (by `monotonic`): when the Hello or heartbeat that
   * listed them was sent, which is no later than when the leader renewed them.
   */
  onRenewed(sentAt: number, running: AttemptRef[]): void;
  onAssignment(assignment: Assignment__Output): void;
  onCancel(cancel: Cancel__Output): void;
  /** The coordinator refused this agent's credential (revoked, expired, or without the agent role). */
  onRefused?(reason: string): void;
  clock: Clock;
  /** Milliseconds that only go forward (performance.now): leases are measured with it, never with the wall clock. */
  monotonic: () => number;
  random: () => number;
  timers: Timers;
  logger: Logger;
  /** Used when the Welcome does not say; default 5 s. */
  defaultHeartbeatMs?: number;
  /** A stream that gets no Welcome this long is given up and opened again; default 10 s. */
  welcomeTimeoutMs?: number;
  /** A report on the stream not answered this long fails (its sender tries again); default 10 s. */
  reportDeadlineMs?: number;
}

/** A report without its number: the body of a Report. */
export type ReportBody = Omit<Report, 'seq'>;

interface PendingReport {
  resolve(): void;
  reject(err: Error): void;
  deadline: Timer;
}

type SessionCall = ClientDuplexStream<AgentMessage, CoordinatorMessage__Output>;

/**
 * The agent's one Session stream: Hello first, heartbeats at the pace the Welcome sets, and a new stream with a
 * new Hello (backoff with jitter) whenever the old one ends, for as long as the session is not closed.
 */
export class Session {
  private readonly backoff: Backoff;
  private call: SessionCall | undefined;
  private timer: Timer | undefined;
  private closed = false;
  private welcomed = false;
  private lostAt: number | undefined;
  private failedTries = 0;
  /** Since the session was lost, a coordinator has answered (named a leader or refused): the cluster is up. */
  private answered = false;
  /** A Welcome has come at least once: a session lost after that is worth saying how long it took to get back. */
  private everWelcomed = false;
  /**
   * Tries in a row that went where a coordinator's answer sent them (the leader it named, or the next coordinator
   * when it knew none). Up to one per coordinator go at once; past that an election is on, and the backoff applies.
   */
  private routed = 0;
  /** Of the current stream: the Hello and the heartbeats not yet renewed, by seq (0: the Hello). */
  private readonly pending = new Map<number, { sentAt: number; running: AttemptRef[] }>();
  private seq = 0;
  /** Of the current stream: the reports sent and not yet answered, by their seq. */
  private readonly reports = new Map<number, PendingReport>();
  private reportSeq = 0;

  constructor(private readonly options: SessionOptions) {
    this.backoff = new Backoff({ random: options.random });
  }

  get connected(): boolean {
    return this.welcomed;
  }

  open(): void {
    this.connect();
  }

  /** Ends the stream politely and stops reconnecting; resolves once the coordinator saw the end (at most 1 s). */
  close(): Promise<void> {
    this.closed = true;
    this.welcomed = false;
    this.timer?.cancel();
    this.failReports('the agent is stopping');
    const call = this.call;
    this.call = undefined;
    if (call === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      const fallback = this.options.timers.setTimeout(1_000, () => {
        call.cancel();
        resolve();
      });
      call.on('status', () => {
        fallback.cancel();
        resolve();
      });
      call.end();
    });
  }

  /**
   * Sends a report on the stream, if the session is open (undefined otherwise: send it another way). Resolves when
   * the coordinator answers that it is done; rejects with the error it answered, or when the stream ends or the
   * deadline passes first. A report is idempotent, so whatever rejects can simply be sent again.
   */
  report(body: ReportBody): Promise<void> | undefined {
    const call = this.call;
    if (!this.welcomed || call === undefined) return undefined;
    const seq = ++this.reportSeq;
    return new Promise<void>((resolve, reject) => {
      const deadline = this.options.timers.setTimeout(this.options.reportDeadlineMs ?? 10_000, () => {
        if (this.reports.delete(seq)) reject(new DeadlineExceededError(`the coordinator at ${this.options.coordinators.current} did not answer the report in time`));
      });
      this.reports.set(seq, { resolve, reject, deadline });
      call.write({ report: { ...body, seq } });
    });
  }

  /** Sends a heartbeat now (the agent's state changed), if the session is open. */
  beat(): void {
    if (this.welcomed && this.call !== undefined) this.sendHeartbeat(this.call);
  }

  private sendHeartbeat(call: SessionCall): void {
    const heartbeat = this.options.heartbeat();
    const seq = ++this.seq;
    this.pending.set(seq, { sentAt: this.options.monotonic(), running: heartbeat.running ?? [] });
    if (this.pending.size > MAX_PENDING_HEARTBEATS) this.pending.delete(this.pending.keys().next().value!);
    call.write({ heartbeat: { ...heartbeat, seq } });
  }

  /** The leader answered heartbeat `seq` (0: the Hello, answered by the Welcome). */
  private renewed(seq: number): void {
    const sent = this.pending.get(seq);
    if (sent === undefined) return;
    // Answers come in order: what was sent before this one is answered too, or never will be.
    for (const older of this.pending.keys()) {
      if (older > seq) break;
      this.pending.delete(older);
    }
    this.options.onRenewed(sent.sentAt, sent.running);
  }

  private connect(): void {
    if (this.closed) return;
    const { coordinators, logger } = this.options;
    const target = coordinators.current;
    const call = coordinators.client().session();
    this.call = call;
    this.welcomed = false;
    this.pending.clear();
    this.seq = 0;
    this.reportSeq = 0;
    let ended = false;
    const end = (reason: string, err?: unknown) => {
      if (ended) return;
      ended = true;
      if (this.call !== call) return;
      this.call = undefined;
      this.welcomed = false;
      this.timer?.cancel();
      call.cancel();
      this.failReports(reason);
      if (this.closed) return;
      // Next time, the leader this coordinator named, or the next coordinator of the list.
      const answered = coordinators.failover(err);
      if (answered && coordinators.current !== target && this.routed < coordinators.size) {
        // A coordinator that is not the leader named the one that is (an agent given several addresses starts on
        // the first), or stopped leading: routing, not a failure, so no warning and no wait.
        this.routed++;
        if (this.everWelcomed && this.lostAt === undefined) {
          this.lostAt = this.options.clock.now();
          this.answered = true;
        }
        if (leaderHint(err) === undefined) {
          logger.info('this coordinator is not the leader and knows of none yet; trying the next one', { coordinator: target, next: coordinators.current });
        } else {
          logger.info('this coordinator is not the leader; connecting to the leader', { coordinator: target, leader: coordinators.current });
        }
        this.timer = this.options.timers.setTimeout(0, () => this.connect());
        return;
      }
      this.routed = 0;
      if (this.lostAt === undefined) {
        this.lostAt = this.options.clock.now();
        this.answered = false;
      }
      this.answered ||= answered;
      // Once a coordinator has answered, the cluster is up and only between leaders: a new leader holds the leases
      // of this agent's runs for a lease from when it starts, so the wait stays short however long the outage was.
      const delayMs = this.answered ? Math.min(this.backoff.next(), ANSWERED_RETRY_MAX_MS) : this.backoff.next();
      // The first failure is worth a line; while the coordinator stays away, the retries would only repeat it.
      logger[this.failedTries++ === 0 ? 'warn' : 'debug']('no session with the coordinator; reconnecting', {
        coordinator: target,
        reason,
        next: coordinators.current,
        retryInMs: delayMs,
      });
      this.timer = this.options.timers.setTimeout(delayMs, () => this.connect());
    };
    call.on('data', (message: CoordinatorMessage__Output) => this.receive(call, message));
    call.on('error', (err) => {
      const reason = fromServiceError(err, target).message;
      if (this.call === call && isRefusal(err)) this.options.onRefused?.(reason);
      end(reason, err);
    });
    call.on('end', () => end('the coordinator ended the session'));
    const hello = this.options.hello();
    this.pending.set(0, { sentAt: this.options.monotonic(), running: hello.running ?? [] });
    call.write({ hello });
    this.schedule(this.options.welcomeTimeoutMs ?? 10_000, () => end('no Welcome from the coordinator in time'));
  }

  private receive(call: SessionCall, message: CoordinatorMessage__Output): void {
    if (this.call !== call) return;
    if (message.welcome) {
      this.welcome(call, message.welcome);
    } else if (message.assign) {
      this.options.onAssignment(message.assign);
    } else if (message.cancel) {
      this.options.onCancel(message.cancel);
    } else if (message.renewed) {
      this.renewed(message.renewed.seq);
    } else if (message.reportResult) {
      this.reportAnswered(message.reportResult);
    }
  }

  private reportAnswered(result: ReportResult__Output): void {
    const report = this.reports.get(result.seq);
    if (report === undefined) return;
    this.reports.delete(result.seq);
    report.deadline.cancel();
    if (result.code === '') report.resolve();
    else report.reject(errorFromCode(result.code, result.message, result.field));
  }

  /** The stream ended: its reports will never be answered. */
  private failReports(reason: string): void {
    const target = this.options.coordinators.current;
    for (const report of this.reports.values()) {
      report.deadline.cancel();
      report.reject(new UnavailableError(`the session with the coordinator at ${target} ended before it answered the report: ${reason}`));
    }
    this.reports.clear();
  }

  private welcome(call: SessionCall, welcome: Welcome__Output): void {
    this.welcomed = true;
    this.everWelcomed = true;
    this.routed = 0;
    this.backoff.reset();
    this.failedTries = 0;
    const fields = { coordinator: this.options.coordinators.current, nodeId: welcome.nodeId, heartbeatMs: welcome.heartbeatIntervalMs };
    if (this.lostAt === undefined) {
      this.options.logger.info('session with the coordinator open', fields);
    } else {
      this.options.logger.info('session with the coordinator open again', { ...fields, afterMs: this.options.clock.now() - this.lostAt });
      this.lostAt = undefined;
    }
    this.options.onWelcome(welcome);
    this.renewed(0);
    const asked = welcome.heartbeatIntervalMs > 0 ? welcome.heartbeatIntervalMs : (this.options.defaultHeartbeatMs ?? 5_000);
    // Bounded so a mistaken Welcome can neither flood the coordinator nor overflow a timer.
    const intervalMs = Math.min(Math.max(asked, 100), 600_000);
    const beat = () => {
      if (this.call !== call) return;
      this.sendHeartbeat(call);
      this.schedule(intervalMs, beat);
    };
    this.schedule(intervalMs, beat);
  }

  private schedule(ms: number, fn: () => void): void {
    this.timer?.cancel();
    this.timer = this.options.timers.setTimeout(ms, fn);
  }
}

/** UNAUTHENTICATED or PERMISSION_DENIED from a coordinator: it will not take this agent as it is. */
function isRefusal(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
  return code === grpcStatus.UNAUTHENTICATED || code === grpcStatus.PERMISSION_DENIED;
}
