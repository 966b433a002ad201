import { AlreadyExistsError, isParallaxError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Clock } from '../../common/time.js';
import type { CoordinatorMessage } from '../../common/proto/gen/parallax/v1/CoordinatorMessage.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { StateEvent } from '../state/events.js';
import { isActive, type RunRecord, type ScheduleRecord } from '../state/records.js';
import { listAgents } from '../state/queries.js';
import { listTenants } from '../state/identity-queries.js';
import { activeRunPrefix, runKey, scheduleKey } from '../storage/keys.js';
import { prefixEnd } from '../storage/kv.js';
import { assignmentOf, type Resolved, resolveVariables } from './assignment.js';
import type { Placement } from './placement.js';
import { matchesSelector, selectorText } from './selector.js';

/** Schedules whose selectors `reserve` keeps at most before it starts over (so memory stays bounded). */
const MAX_PLACEMENTS = 10_000;

/** How long a run waits before another try when proposing its lease failed (the log could not be written). */
const RETRY_DISPATCH_MS = 1_000;

export interface DispatcherOptions {
  heartbeatIntervalMs: number;
  /** A lease not renewed by a heartbeat for this long makes its attempt lost. */
  leaseTtlMs: number;
}

/**
 * Agents beat every 2 s. A lease lasts 15 s (`parallax-coordinator --lease-ttl`): its agent stops a run it could not
 * renew for 4/5 of it, so a leader's failover or a coordinator's restart fits well within it.
 */
export const DEFAULT_DISPATCH_OPTIONS: Readonly<DispatcherOptions> = { heartbeatIntervalMs: 2_000, leaseTtlMs: 15_000 };

export interface AgentHello {
  name: string;
  hostname: string;
  labels: Record<string, string>;
  capacity: number;
  version: string;
  running: AttemptRef[];
  /** The agent is shutting down: it finishes its runs and takes no new ones. */
  draining?: boolean;
  /** Its data directory's id: tells another agent of the same name from this one again ('' from an older agent). */
  instance?: string;
  /** Where its connection comes from, for messages. */
  peer?: string;
}

export interface AttemptRef {
  runId: string;
  attempt: number;
}

export interface AgentLink {
  send(message: CoordinatorMessage): void;
  close(): void;
}

export interface LiveAgent {
  connected: boolean;
  lastHeartbeat: number;
  running: number;
  /** The agent said it is shutting down. */
  stopping: boolean;
}

interface Session {
  id: number;
  hello: AgentHello;
  link: AgentLink;
  lastHeartbeat: number;
  draining: boolean;
}

interface Queued {
  run: RunRecord;
  dispatching: boolean;
}

interface Lease {
  tenant: string;
  agent: string;
  attempt: number;
  /** 0 while the lease is being proposed: the agent's capacity is reserved, nothing can expire yet. */
  deadline: number;
  /** Held by `reserve` for a run being made, by the session with this id: `settle` says what became of it. */
  reserved?: number;
  /**
   * Its agent reported the attempt's process ended, and the end is being recorded: the agent's slot is free, so the
   * next run may be leased to it meanwhile. The lease still counts against its tenant's max-running (the FSM counts it
   * until it applies the end) and stays renewable until the end is applied.
   */
  ended?: boolean;
}

/**
 * The leader's dispatcher: hands queued runs to connected agents whose labels match the run's selector, least loaded
 * first and never above an agent's capacity, and watches the leases. Which agent holds which attempt is in the FSM
 * (`run.lease`); what lives only here is who is connected and when each lease was last renewed, which a new leader
 * rebuilds by giving every active lease a full TTL from the moment it takes over.
 */
export class Dispatcher implements Placement {
  private readonly sessions = new Map<string, Session>();
  private readonly lastSeen = new Map<string, number>();
  private readonly queue = new Map<string, Queued>();
  private readonly leases = new Map<string, Lease>();
  /** Agents an operator drained (from the replicated state): given no new runs. */
  private readonly drained = new Set<string>();
  private running = false;
  private pumpScheduled = false;
  private sweepTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private nextSessionId = 1;
  /** Where leastLoaded starts looking among the takers: it moves on at every choice, so equals take turns. */
  private nextFirst = 0;
  /** Each start is a generation: a start still reading when its leadership ended must not go on. */
  private generation = 0;
  /**
   * Started and knows the leases it took over: only then may an agent connect. An agent welcomed earlier would be
   * told its attempts are not current, and stop runs that are.
   */
  private ready = false;
  /** Called when the dispatcher becomes ready or stops: see `whenReady`. */
  private readyWaiters: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private retryTimerAt = Infinity;
  /** Schedules' selectors by tenant/name, for `reserve`; one is dropped when its schedule changes (and reads in flight then are not kept). */
  private readonly placements = new Map<string, Pick<ScheduleRecord, 'selector' | 'requirements'>>();
  private placementGeneration = 0;
  /** Tenants' max-running quotas, read again every sweep: the FSM enforces them, this keeps leases from racing it. */
  private maxRunning = new Map<string, number>();

  constructor(
    private readonly log: ReplicatedLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly options: DispatcherOptions,
  ) {}

  async start(tenants: () => Promise<string[]>): Promise<void> {
    if (this.running) return;
    this.running = true;
    const generation = ++this.generation;
    const current = () => this.running && generation === this.generation;
    this.unsubscribe = this.log.onApplied((events) => this.onEvents(events));
    // A new leader may not be able to confirm a read at once: it tries again until it can or stops leading.
    let active: RunRecord[] | undefined;
    while (active === undefined && current()) {
      try {
        active = await this.log.read(async (state) => {
          const runs: RunRecord[] = [];
          for (const tenant of await tenants()) {
            const prefix = activeRunPrefix(tenant);
            for await (const [key] of state.scan({ gte: prefix, lt: prefixEnd(prefix) })) {
              const value = await state.get(runKey(tenant, key.slice(prefix.length)));
              if (value !== undefined) runs.push(JSON.parse(value.toString('utf8')) as RunRecord);
            }
          }
          return runs;
        });
      } catch (err) {
        if (!current()) return;
        this.logger.warn('could not read the active runs to start dispatching; trying again', { error: message(err) });
        await new Promise((resolve) => setTimeout(resolve, RETRY_DISPATCH_MS).unref());
      }
    }
    if (active === undefined || !current()) return;
    const deadline = this.clock.now() + this.options.leaseTtlMs;
    for (const run of active) this.track(run, deadline);
    this.drained.clear();
    for (const agent of await this.log.read((state) => listAgents(state), { stale: true })) if (agent.drained === true) this.drained.add(agent.name);
    if (!current()) return;
    await this.readQuotas();
    this.sweepTimer = setInterval(() => {
      this.sweep();
      void this.readQuotas();
    }, Math.min(1_000, this.options.heartbeatIntervalMs));
    this.sweepTimer.unref();
    this.ready = true;
    this.wakeReadyWaiters();
    this.logger.info('dispatcher started', { queued: this.queue.size, leased: this.leases.size });
    this.schedulePump();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.ready = false;
    this.wakeReadyWaiters();
    this.unsubscribe?.();
    clearInterval(this.sweepTimer);
    clearTimeout(this.retryTimer);
    this.retryTimerAt = Infinity;
    for (const session of this.sessions.values()) session.link.close();
    this.sessions.clear();
    this.queue.clear();
    this.leases.clear();
    this.placements.clear();
    this.placementGeneration++;
  }

  /**
   * Resolves when the dispatcher is ready (true: `isRunning`), stops, or `timeoutMs` passes (false): a new leader
   * reads the leases it takes over before agents may connect, and an agent that comes meanwhile waits for that.
   */
  whenReady(timeoutMs: number): Promise<boolean> {
    if (this.isRunning) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.readyWaiters = this.readyWaiters.filter((w) => w !== done);
        resolve(this.isRunning);
      };
      const timer = setTimeout(done, timeoutMs);
      this.readyWaiters.push(done);
    });
  }

  private wakeReadyWaiters(): void {
    for (const waiter of [...this.readyWaiters]) waiter();
  }

  /** Leading, with the leases it took over known: agents may connect. */
  get isRunning(): boolean {
    return this.running && this.ready;
  }

  /** An agent said hello on a new session. Returns the functions its session calls later. */
  connect(hello: AgentHello, link: AgentLink): { heartbeat(running: AttemptRef[], draining?: boolean): boolean; disconnect(): void } {
    const previous = this.sessions.get(hello.name);
    const now = this.clock.now();
    if (previous !== undefined) {
      const other = (hello.instance ?? '') !== '' && (previous.hello.instance ?? '') !== '' && hello.instance !== previous.hello.instance;
      if (other && now - previous.lastHeartbeat <= 2 * this.options.heartbeatIntervalMs) {
        // Two agents under one name (cloned hosts share a host name, the default name) would take the session from
        // each other at every reconnect, and the runs of each would look like the other's.
        throw new AlreadyExistsError(
          `another agent is connected as "${hello.name}"${previous.hello.peer === undefined ? '' : ` (from ${previous.hello.peer})`}: give each agent a name of its own (--name)`,
          { field: 'name' },
        );
      }
      // The same agent again (it restarted, or its old connection has not noticed it is dead), or one whose namesake
      // has gone silent: the new one wins.
      this.logger.info('agent reconnected; closing its previous session', { agent: hello.name });
      previous.link.close();
    }
    const session: Session = { id: this.nextSessionId++, hello, link, lastHeartbeat: now, draining: hello.draining === true };
    this.sessions.set(hello.name, session);
    this.lastSeen.set(hello.name, now);
    this.logger.info('agent connected', { agent: hello.name, capacity: hello.capacity, running: hello.running.length });
    void this.register(hello);
    this.reconcile(hello.name, hello.running, true);
    this.schedulePump();
    return {
      // True when the session is still this agent's, so the leases it lists were renewed (or their attempts cancelled).
      heartbeat: (running, draining = false) => {
        if (this.sessions.get(hello.name)?.id !== session.id) return false;
        if (draining && !session.draining) this.logger.info('agent draining: it takes no new runs', { agent: hello.name });
        session.draining = draining;
        session.lastHeartbeat = this.clock.now();
        this.lastSeen.set(hello.name, session.lastHeartbeat);
        this.reconcile(hello.name, running, false);
        return true;
      },
      disconnect: () => {
        if (this.sessions.get(hello.name)?.id !== session.id) return;
        this.sessions.delete(hello.name);
        this.logger.info('agent disconnected', { agent: hello.name });
        // A live agent reconnects within a heartbeat and says what it still runs (which renews the leases); a dead
        // one does not, and its attempts are lost a heartbeat from now rather than a whole lease from now. A session
        // ends early like this when the agent's end of the connection closed (its process exited); an agent cut off
        // by the network is silent instead, and its leases run their whole TTL, within which it stops its runs itself.
        const soon = this.clock.now() + this.options.heartbeatIntervalMs;
        for (const lease of this.leases.values()) {
          if (lease.agent === hello.name && lease.deadline !== 0) lease.deadline = Math.min(lease.deadline, soon);
        }
      },
    };
  }

  /** Who is connected now, how busy, and when each agent was last heard from. */
  live(name: string): LiveAgent {
    const running = this.load().get(name) ?? 0;
    return {
      connected: this.sessions.has(name),
      lastHeartbeat: this.sessions.get(name)?.lastHeartbeat ?? this.lastSeen.get(name) ?? 0,
      running,
      stopping: this.sessions.get(name)?.draining === true,
    };
  }

  /** Why a queued run has not started, as this dispatcher sees it; empty when it is not running (not the leader). */
  whyQueued(run: RunRecord): string {
    if (!this.running || run.state !== 'queued') return '';
    if (run.waiting === true) return 'waiting for an earlier run of its schedule to end (overlap policy queue)';
    const max = this.maxRunning.get(run.tenant);
    if (max !== undefined && (this.busyByTenant().get(run.tenant) ?? 0) >= max) {
      return `its tenant runs its maximum of ${max} at once (--max-running); it starts when one of those ends`;
    }
    const now = this.clock.now();
    if ((run.retryAt ?? 0) > now) {
      return `retrying in ${Math.ceil((run.retryAt! - now) / 1_000)}s, after attempt ${run.attempt} ${run.attempts?.at(-1)?.state ?? 'ended'}`;
    }
    if (this.sessions.size === 0) return 'no agent is connected';
    const matching = [...this.sessions.values()].filter((s) => matchesSelector(run.selector, s.hello.labels, run.requirements));
    if (matching.length === 0) return `no connected agent matches its selector (${selectorText(run.selector, run.requirements)})`;
    const open = matching.filter((s) => !s.draining && !this.drained.has(s.hello.name));
    if (open.length === 0) return `the agents that match its selector are drained or stopping: ${matching.map((s) => s.hello.name).join(', ')}`;
    const used = this.load();
    const load = (name: string) => used.get(name) ?? 0;
    if (open.every((s) => load(s.hello.name) >= s.hello.capacity)) {
      return `the agents that match its selector are at capacity: ${open.map((s) => `${s.hello.name} (${load(s.hello.name)}/${s.hello.capacity})`).join(', ')}`;
    }
    return 'being handed to an agent';
  }

  /**
   * An agent reported that the process of an attempt ended (its RunFinished is about to be proposed). Its slot is
   * handed out again at once, rather than when the end is applied: that is one write of the log less between a run's
   * end and the next run's start on a busy agent.
   */
  processEnded({ runId, attempt, agent }: AttemptRef & { agent: string }): void {
    const lease = this.leases.get(runId);
    if (lease === undefined || lease.attempt !== attempt || lease.agent !== agent || lease.ended === true || lease.deadline === 0) return;
    lease.ended = true;
    this.schedulePump();
  }

  connectedCount(): number {
    return this.sessions.size;
  }

  /**
   * Holds a slot for a run about to be made (`runId`, of `schedule`) on the least loaded agent that can take it now,
   * and names it: the entry that makes the run leases it there (Command `agent`), one commit instead of two before the
   * agent hears. Undefined when no agent can take it now (the run is queued as before). `settle` must follow.
   */
  reserve(tenant: string, schedule: string, runId: string): string | undefined {
    if (!this.running || this.sessions.size === 0) return undefined;
    if ((this.busyByTenant().get(tenant) ?? 0) >= (this.maxRunning.get(tenant) ?? Infinity)) return undefined;
    const placement = this.placementOf(tenant, schedule);
    if (placement === undefined) return undefined;
    const { selector, requirements } = placement;
    const best = this.leastLoaded(this.load(), (labels) => matchesSelector(selector, labels, requirements));
    if (best === undefined) return undefined;
    const agent = best.hello.name;
    this.leases.set(runId, { tenant, agent, attempt: 1, deadline: 0, reserved: best.id });
    return agent;
  }

  /**
   * Where a schedule's runs may go, kept from its record until it changes. The first time it is asked for, it is
   * read in the background and undefined is returned (that run is queued as before): reserve stays synchronous, so
   * a scheduler's fires are proposed in the order it makes them.
   */
  private placementOf(tenant: string, schedule: string): Pick<ScheduleRecord, 'selector' | 'requirements'> | undefined {
    const key = `${tenant}/${schedule}`;
    const known = this.placements.get(key);
    if (known !== undefined) return known;
    if (this.placements.size >= MAX_PLACEMENTS) this.placements.clear();
    const generation = this.placementGeneration;
    this.log
      .read((state) => state.get(scheduleKey(tenant, schedule)), { stale: true })
      .then((record) => {
        if (record === undefined || generation !== this.placementGeneration) return;
        const { selector, requirements } = JSON.parse(record.toString('utf8')) as ScheduleRecord;
        this.placements.set(key, { selector, requirements });
      })
      .catch(() => undefined);
    return undefined;
  }

  /**
   * What became of a run `reserve` held a slot for: made leased to that agent (the agent is sent the attempt), or
   * not (queued, not made, or the proposal failed: the slot is freed).
   */
  settle(runId: string, run: RunRecord | null | undefined): void {
    const lease = this.leases.get(runId);
    const reservedBy = lease?.reserved;
    if (lease === undefined || reservedBy === undefined) return;
    delete lease.reserved;
    if (run?.state !== 'leased' || run.agent !== lease.agent || run.attempt !== 1) {
      this.leases.delete(runId);
      this.schedulePump();
      return;
    }
    lease.deadline = this.clock.now() + this.options.leaseTtlMs;
    const session = this.sessions.get(lease.agent);
    void this.assign(run, 1, session?.id === reservedBy ? session : undefined);
  }

  private async register(hello: AgentHello): Promise<void> {
    try {
      await this.log.propose({
        type: 'agent.register',
        name: hello.name,
        hostname: hello.hostname,
        labels: hello.labels,
        capacity: hello.capacity,
        version: hello.version,
        now: this.clock.now(),
      });
    } catch (err) {
      this.logger.warn('could not record the agent', { agent: hello.name, error: message(err) });
    }
  }

  /**
   * Renews the leases an agent reports holding; tells it to stop attempts that are not current. On hello, an
   * attempt leased to the agent that it does not report was lost with its previous process.
   */
  private reconcile(agent: string, running: AttemptRef[], hello: boolean): void {
    const deadline = this.clock.now() + this.options.leaseTtlMs;
    const reported = new Set<string>();
    for (const ref of running) {
      reported.add(ref.runId);
      const lease = this.leases.get(ref.runId);
      if (lease !== undefined && lease.agent === agent && lease.attempt === ref.attempt) {
        if (lease.deadline !== 0) lease.deadline = deadline;
      } else {
        this.sessions.get(agent)?.link.send({
          cancel: { runId: ref.runId, attempt: ref.attempt, reason: 'this attempt is no longer current' },
        });
      }
    }
    if (!hello) return;
    for (const [runId, lease] of this.leases) {
      if (lease.agent === agent && lease.deadline !== 0 && !reported.has(runId)) {
        this.abort(runId, lease, `agent "${agent}" restarted and no longer runs this attempt`);
      }
    }
  }

  private onEvents(events: StateEvent[]): void {
    for (const event of events) {
      if (event.kind === 'schedule.changed' || event.kind === 'schedule.deleted') {
        this.placements.delete(`${event.tenant}/${event.name}`);
        this.placementGeneration++;
        continue;
      }
      if (event.kind === 'state.replaced') {
        this.placements.clear();
        this.placementGeneration++;
        continue;
      }
      if (event.kind === 'agent.changed') {
        if (event.agent.drained === true) this.drained.add(event.agent.name);
        else if (this.drained.delete(event.agent.name)) this.schedulePump();
        continue;
      }
      if (event.kind === 'agent.removed') {
        // Not connected (checked before it was proposed); if it connects again it registers anew, undrained.
        if (this.drained.delete(event.name)) this.schedulePump();
        this.lastSeen.delete(event.name);
        continue;
      }
      if (event.kind !== 'run.changed') continue;
      const { run } = event;
      if (run.state === 'queued') {
        // New, released by the overlap queue, or queued again for a retry (its attempt's lease is over).
        const lease = this.leases.get(run.id);
        if (lease !== undefined && lease.attempt <= run.attempt) {
          this.leases.delete(run.id);
          // A lost attempt may still be running on an agent that lost touch: it stops it when it hears.
          if (run.attempts?.at(-1)?.state === 'lost') this.stopAttempt(run.id, lease, 'the attempt was lost; the run is retried');
        }
        const queued = this.queue.get(run.id);
        if (queued === undefined) this.track(run, 0);
        else queued.run = run;
        this.schedulePump();
      } else if (!isActive(run.state)) {
        this.queue.delete(run.id);
        const lease = this.leases.get(run.id);
        if (lease === undefined) continue;
        this.leases.delete(run.id);
        // Ended by the coordinator (cancelled, lost): the agent that may still run the attempt stops it.
        if (run.state === 'cancelled' || run.state === 'lost') this.stopAttempt(run.id, lease, run.error);
        this.schedulePump();
      }
    }
  }

  private stopAttempt(runId: string, lease: Lease, reason: string): void {
    this.sessions.get(lease.agent)?.link.send({ cancel: { runId, attempt: lease.attempt, reason } });
  }

  private track(run: RunRecord, deadline: number): void {
    if (run.state === 'queued') this.queue.set(run.id, { run, dispatching: false });
    else if (isActive(run.state)) this.leases.set(run.id, { tenant: run.tenant, agent: run.agent, attempt: run.attempt, deadline });
  }

  private async readQuotas(): Promise<void> {
    try {
      const tenants = await this.log.read((state) => listTenants(state), { stale: true });
      const limits = new Map<string, number>();
      for (const tenant of tenants) if (tenant.quotas.maxRunning !== undefined) limits.set(tenant.name, tenant.quotas.maxRunning);
      const raised = [...this.maxRunning].some(([tenant, max]) => (limits.get(tenant) ?? Infinity) > max);
      this.maxRunning = limits;
      if (raised) this.schedulePump();
    } catch (err) {
      this.logger.debug('could not read the tenants\' quotas; keeping the last ones', { error: message(err) });
    }
  }

  /** Leases held in each tenant now. */
  private busyByTenant(): Map<string, number> {
    const busy = new Map<string, number>();
    for (const lease of this.leases.values()) busy.set(lease.tenant, (busy.get(lease.tenant) ?? 0) + 1);
    return busy;
  }

  private schedulePump(): void {
    if (this.pumpScheduled || !this.running) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Slots in use per agent: attempts leased or being leased, but for those whose process has ended. */
  private load(): Map<string, number> {
    const load = new Map<string, number>();
    for (const lease of this.leases.values()) if (lease.ended !== true) load.set(lease.agent, (load.get(lease.agent) ?? 0) + 1);
    return load;
  }

  /** Connected agents that take new runs: not drained, not stopping. */
  private takers(): Session[] {
    return [...this.sessions.values()].filter((s) => !s.draining && !this.drained.has(s.hello.name));
  }

  /**
   * Of the takers with a free slot whose labels `fits`, the one with the smallest share of its capacity in use; among
   * equals, each in turn. Ties went to the agent that connected first: with short runs every agent is idle most of
   * the time, and one of four agents took 980 of the dispatch benchmark's 1,000 runs, each waiting for that agent's
   * previous spawn() while the other three did nothing.
   */
  private leastLoaded(load: Map<string, number>, fits: (labels: Record<string, string>) => boolean, takers = this.takers()): Session | undefined {
    let best: Session | undefined;
    let bestLoad = Infinity;
    const first = takers.length === 0 ? 0 : this.nextFirst++ % takers.length;
    for (let i = 0; i < takers.length; i++) {
      const session = takers[(first + i) % takers.length]!;
      const used = load.get(session.hello.name) ?? 0;
      if (used >= session.hello.capacity || !fits(session.hello.labels)) continue;
      const share = used / session.hello.capacity;
      if (share < bestLoad) {
        best = session;
        bestLoad = share;
      }
    }
    return best;
  }

  private pump(): void {
    if (!this.running || this.sessions.size === 0) return;
    const now = this.clock.now();
    let nextRetry = Infinity;
    const load = this.load();
    let free = 0;
    const takers = this.takers();
    for (const session of takers) free += Math.max(0, session.hello.capacity - (load.get(session.hello.name) ?? 0));
    const busy = this.busyByTenant();
    for (const queued of this.queue.values()) {
      if (free === 0) break;
      if (queued.dispatching || queued.run.waiting === true) continue;
      if ((busy.get(queued.run.tenant) ?? 0) >= (this.maxRunning.get(queued.run.tenant) ?? Infinity)) continue;
      const retryAt = queued.run.retryAt ?? 0;
      if (retryAt > now) {
        nextRetry = Math.min(nextRetry, retryAt);
        continue;
      }
      const { selector, requirements } = queued.run;
      const best = this.leastLoaded(load, (labels) => matchesSelector(selector, labels, requirements), takers);
      if (best === undefined) continue;
      queued.dispatching = true;
      busy.set(queued.run.tenant, (busy.get(queued.run.tenant) ?? 0) + 1);
      load.set(best.hello.name, (load.get(best.hello.name) ?? 0) + 1);
      free--;
      void this.dispatch(queued, best);
    }
    this.armRetry(nextRetry);
  }

  /** Pumps again when the earliest retry that is waiting out its backoff may go. */
  private armRetry(at: number): void {
    if (at === Infinity || at >= this.retryTimerAt) return;
    clearTimeout(this.retryTimer);
    this.retryTimerAt = at;
    this.retryTimer = setTimeout(() => {
      this.retryTimerAt = Infinity;
      this.schedulePump();
    }, Math.max(0, at - this.clock.now()));
    this.retryTimer.unref();
  }

  /**
   * Leases one queued run to the agent the pump chose. Everything the pump starts in one turn proposes in the same
   * turn, so the leases of a burst of fires share one log write.
   */
  private async dispatch(queued: Queued, session: Session): Promise<void> {
    const agent = session.hello.name;
    const { run } = queued;
    const attempt = run.attempt + 1;
    let retrying = false;
    try {
      const resolved = await resolveVariables(this.log, run);
      if (typeof resolved === 'string') {
        this.queue.delete(run.id);
        await this.log.propose({ type: 'run.abort', tenant: run.tenant, runId: run.id, attempt: run.attempt, state: 'failed', error: resolved, now: this.clock.now() });
        return;
      }
      this.leases.set(run.id, { tenant: run.tenant, agent, attempt, deadline: 0 });
      this.queue.delete(run.id);
      await this.log.propose({ type: 'run.lease', tenant: run.tenant, runId: run.id, agent, attempt, now: this.clock.now() });
      const lease = this.leases.get(run.id);
      if (lease === undefined || !this.running) return;
      lease.deadline = this.clock.now() + this.options.leaseTtlMs;
      this.send(run, attempt, resolved, session);
    } catch (err) {
      const lease = this.leases.get(run.id);
      if (lease?.deadline === 0) this.leases.delete(run.id);
      // Refused because the run is no longer queued (cancelled, already leased): nothing to do.
      if (!(isParallaxError(err) && err.code === 'failed_precondition') && this.running && !this.queue.has(run.id)) {
        this.logger.warn('could not dispatch a run; it stays queued', { run: run.id, agent, error: message(err) });
        retrying = true;
        this.queue.set(run.id, queued);
        setTimeout(() => {
          queued.dispatching = false;
          this.schedulePump();
        }, RETRY_DISPATCH_MS).unref();
      }
    } finally {
      if (!retrying) {
        queued.dispatching = false;
        this.schedulePump();
      }
    }
  }

  /** Sends a run leased at its making to its agent, once its variables are read; a missing one fails the attempt. */
  private async assign(run: RunRecord, attempt: number, session: Session | undefined): Promise<void> {
    try {
      const resolved = await resolveVariables(this.log, run);
      if (typeof resolved !== 'string') {
        this.send(run, attempt, resolved, session);
        return;
      }
      await this.log.propose({ type: 'run.abort', tenant: run.tenant, runId: run.id, attempt, state: 'failed', error: resolved, now: this.clock.now() });
    } catch (err) {
      // The lease runs out and the attempt is lost (then retried by its policy): nothing is left hanging.
      this.logger.warn('could not hand a run to its agent', { run: run.id, agent: run.agent, error: message(err) });
    }
  }

  /** Hands attempt `attempt` to the agent of `session`; if the session is gone, the lease expires and the attempt is lost. */
  private send(run: RunRecord, attempt: number, resolved: Resolved, session: Session | undefined): void {
    if (session === undefined || this.sessions.get(session.hello.name)?.id !== session.id) return;
    session.link.send({ assign: assignmentOf(run, attempt, resolved) });
  }

  private sweep(): void {
    const now = this.clock.now();
    // Runs no agent took in time fail, with why they waited.
    for (const [runId, queued] of this.queue) {
      const startBy = queued.run.startBy ?? 0;
      if (queued.dispatching || startBy === 0 || startBy > now) continue;
      this.queue.delete(runId);
      const { run } = queued;
      const error = `no agent took it within ${Math.round((run.startWithinMs ?? 0) / 1000)}s of being queued: ${this.whyQueued(run) || 'no leader could hand it out'}`;
      this.log.propose({ type: 'run.abort', tenant: run.tenant, runId, attempt: run.attempt, state: 'failed', error, now }).catch((err: unknown) => {
        this.logger.warn('could not end a run that was not started in time; trying again', { run: runId, error: message(err) });
        if (this.running && !this.queue.has(runId)) this.queue.set(runId, queued);
      });
    }
    for (const [runId, lease] of this.leases) {
      if (lease.deadline !== 0 && lease.deadline < now) {
        this.abort(runId, lease, `agent "${lease.agent}" stopped sending heartbeats; its lease expired`);
      }
    }
  }

  private abort(runId: string, lease: Lease, error: string): void {
    lease.deadline = 0;
    this.logger.warn('run attempt lost', { run: runId, attempt: lease.attempt, agent: lease.agent, reason: error });
    this.log
      .propose({ type: 'run.abort', tenant: lease.tenant, runId, attempt: lease.attempt, state: 'lost', error, now: this.clock.now() })
      .catch((err: unknown) => {
        if (this.leases.get(runId) === lease) lease.deadline = this.clock.now() + this.options.leaseTtlMs;
        this.logger.warn('could not record a lost attempt', { run: runId, error: message(err) });
      });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
