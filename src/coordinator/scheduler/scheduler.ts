import { createHash } from 'node:crypto';
import type { Logger } from '../../common/logger.js';
import { newId } from '../../common/ids.js';
import type { Clock } from '../../common/time.js';
import type { Placement } from '../dispatch/placement.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { StateEvent } from '../state/events.js';
import { schedulePrefix, scheduleKey } from '../storage/keys.js';
import { prefixEnd } from '../storage/kv.js';
import { DEFAULT_CATCHUP_MS, type ScheduleRecord } from '../state/records.js';
import { type DueTimes, parseTiming } from './due.js';
import { type Tracked, TrackedSchedules } from './tracked.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The most missed due times counted one by one when a leader catches up (the rest are not walked). */
const MAX_MISSED_WALK = 1_000_000;

/** How long after a fire or miss failed the schedule is read again. */
const RESYNC_DELAY_MS = 1_000;

/** setTimeout's delay is a signed 32-bit number of milliseconds; longer waits are made of several timers. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The scheduler: a heap of every schedule's next due time and ONE timer on the earliest, so 100,000 schedules cost
 * one timer and no polling. When a due time comes, the leader proposes `schedule.fire`; the FSM makes the fire
 * happen exactly once per (schedule, due time), so a repeated proposal is harmless.
 *
 * Every coordinator follows the schedules (`follow`), not only the leader: it reads them once from its own state,
 * then keeps each one's next due time from what it applies (changes, fires and misses). A node that becomes leader
 * (`start`) therefore fires at once rather than reading and computing 100,000 schedules first: it confirms that it
 * has applied everything committed, catches up the due times that passed while no leader fired them, and arms its
 * timer. Due times that passed are fired late or recorded as missed by the schedule's misfire policy (catchUp):
 * each due time gets one fire or one recorded miss, never both, never neither.
 */
export class Scheduler {
  private readonly tracked = new TrackedSchedules();
  private timer: unknown;
  private timerAt = Infinity;
  /** Following the state (set by follow, until close). */
  private following: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Events applied while the schedules are being read: handled once the read is done. */
  private held: StateEvent[] | undefined;
  /** Re-reads of changed schedules in flight; a new leader waits for them. */
  private readonly reloading = new Set<Promise<void>>();
  private leading = false;
  /** Counts leaderships, so work begun for one stops when it ends. */
  private term = 0;
  /** Schedules (their rows) whose fire this leader proposed and has not yet seen applied. */
  private readonly inFlight = new Set<number>();
  /** Schedules being read again after a fire or miss came back stale or failed (one read at a time each). */
  private readonly resyncing = new Set<string>();

  constructor(
    private readonly log: ReplicatedLog,
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly random: (size: number) => Uint8Array,
    private readonly logger: Logger,
    /** An agent free now takes a fire's run in the entry that makes it (dispatch/placement.ts). */
    private readonly placement?: Placement,
  ) {}

  /** Reads every schedule from this node's state and follows what is applied from then on (every node does). */
  follow(tenants: () => Promise<string[]>): Promise<void> {
    if (this.following === undefined) {
      this.unsubscribe = this.log.onApplied((events) => this.onEvents(events, tenants));
      this.following = this.load(tenants);
    }
    return this.following;
  }

  /** Waits until the schedules are read and no re-read of one is in flight. */
  private async settledView(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const following = this.following;
      await following;
      while (this.reloading.size > 0) await Promise.all(this.reloading);
      if (following === this.following) return;
    }
  }

  /**
   * This node leads: once it has applied every committed entry, it catches up and fires. A new leader may not be able
   * to confirm that at once (its term's first entry not yet committed, a quorum briefly out of reach): it tries again
   * until it can or stops leading, rather than lead without firing.
   */
  async start(tenants: () => Promise<string[]>): Promise<void> {
    if (this.leading) return;
    this.leading = true;
    const term = ++this.term;
    const current = () => this.leading && term === this.term;
    const started = this.clock.now();
    await this.follow(tenants);
    for (let confirmed = false; !confirmed && current(); ) {
      try {
        await this.log.read(async () => undefined);
        confirmed = true;
      } catch (err) {
        if (!current()) return;
        this.logger.warn('could not confirm the state to start firing; trying again', { error: err instanceof Error ? err.message : String(err) });
        await new Promise<void>((resolve) => this.timers.setTimeout(() => resolve(), RESYNC_DELAY_MS));
      }
    }
    await this.settledView();
    if (!current()) return;
    const now = this.clock.now();
    const overdue = [...this.tracked.values()].filter((t) => t.dueAt !== null && t.dueAt <= now);
    for (const t of overdue) this.catchUp(t, now);
    this.logger.info('scheduler started', { schedules: this.tracked.size, caughtUp: overdue.length, ms: this.clock.now() - started });
    this.arm();
  }

  /** This node no longer leads: no more fires; fires it proposed but did not see applied are forgotten. */
  stop(): void {
    if (!this.leading) return;
    this.leading = false;
    this.term++;
    this.disarm();
    // A proposed fire may never commit: the schedule goes back to what the state says, so whichever node leads
    // next (this one again, too) fires or records that due time.
    for (const row of this.inFlight) {
      const t = this.tracked.view(row);
      this.schedule(t, t.settled);
    }
    this.inFlight.clear();
  }

  /** Stops following (the node is shutting down). */
  close(): void {
    this.stop();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.following = undefined;
    this.tracked.clear();
  }

  /** Reads every schedule (again: a snapshot replaced the state), holding the events applied meanwhile. */
  private async load(tenants: () => Promise<string[]>): Promise<void> {
    this.held = [];
    const started = this.clock.now();
    try {
      const found = await this.log.read(async (state) => {
        const all: { tenant: string; schedule: ScheduleRecord }[] = [];
        for (const tenant of await tenants()) {
          const prefix = schedulePrefix(tenant);
          for await (const [, value] of state.scan({ gte: prefix, lt: prefixEnd(prefix) })) {
            all.push({ tenant, schedule: JSON.parse(value.toString('utf8')) as ScheduleRecord });
          }
        }
        return all;
      }, { stale: true });
      this.tracked.clear();
      this.inFlight.clear();
      for (const { tenant, schedule } of found) this.track(tenant, schedule);
      this.logger.info('following the schedules', { schedules: this.tracked.size, ms: this.clock.now() - started });
    } catch (err) {
      // Only a closed store fails a read of this node's own state: the node is stopping.
      this.logger.warn('could not read the schedules', { error: err instanceof Error ? err.message : String(err) });
      this.unsubscribe?.();
      this.unsubscribe = undefined;
      this.following = undefined;
      throw err;
    } finally {
      const held = this.held;
      this.held = undefined;
      if (this.following !== undefined) this.onEvents(held, tenants);
    }
    this.arm();
  }

  private onEvents(events: StateEvent[], tenants: () => Promise<string[]>): void {
    if (this.held !== undefined) {
      this.held.push(...events);
      return;
    }
    let changed = false;
    for (const event of events) {
      if (event.kind === 'schedule.settled') {
        changed = this.settle(event.tenant, event.name, event.dueAt) || changed;
      } else if (event.kind === 'schedule.deleted') {
        this.untrack(event.tenant, event.name);
        changed = true;
      } else if (event.kind === 'schedule.changed') {
        const reload = this.reload(event.tenant, event.name).finally(() => this.reloading.delete(reload));
        this.reloading.add(reload);
      } else if (event.kind === 'state.replaced') {
        const loading = this.load(tenants);
        // A failed read is logged by load, and a leader that awaits it hears of it.
        loading.catch(() => undefined);
        this.following = loading;
        return;
      }
    }
    if (changed) this.arm();
  }

  /** The state settled `dueAt` (a fire or a miss was applied): the schedule's next due time comes after it. */
  private settle(tenant: string, name: string, dueAt: number): boolean {
    const t = this.tracked.get(tenant, name);
    if (t === undefined || dueAt <= t.settled) return false;
    t.settled = dueAt;
    if (t.after <= dueAt) this.inFlight.delete(t.row);
    // This leader fired it and moved on already; otherwise (a follower, or another leader's fire) it moves now.
    if (t.dueAt !== null && t.dueAt > dueAt) return false;
    this.schedule(t, dueAt);
    return true;
  }

  /** Re-reads a schedule after it was created or changed by a command other than a fire. */
  private async reload(tenant: string, name: string): Promise<void> {
    const value = await this.log.read((state) => state.get(scheduleKey(tenant, name)), { stale: true });
    if (this.following === undefined) return;
    if (value === undefined) this.untrack(tenant, name);
    else this.track(tenant, JSON.parse(value.toString('utf8')) as ScheduleRecord);
    this.arm();
  }

  /** Follows a schedule from its record: its next due time comes after what the record settled. */
  private track(tenant: string, schedule: ScheduleRecord): Tracked | undefined {
    const { name } = schedule;
    // Paused, or chained with no timing of its own (it runs only after its upstream): nothing to fire.
    if (schedule.paused || schedule.cron === '') {
      this.untrack(tenant, name);
      return undefined;
    }
    let cron: DueTimes;
    try {
      cron = parseTiming(schedule.cron, schedule.tz, `${tenant}/${name}`);
    } catch (err) {
      this.logger.error('schedule has an expression this version cannot read; it will not fire', {
        tenant,
        schedule: name,
        error: err instanceof Error ? err.message : String(err),
      });
      this.untrack(tenant, name);
      return undefined;
    }
    const settled = Math.max(schedule.lastFiredDueAt, schedule.notBefore ?? 0);
    let t = this.tracked.get(tenant, name);
    if (t === undefined) {
      t = this.tracked.add(tenant, name, cron);
      t.settled = settled;
      t.after = settled;
    }
    t.cron = cron;
    t.jitter = jitterOf(tenant, schedule);
    t.misfire = schedule.misfire ?? 'once';
    t.catchupMs = schedule.catchupMs ?? DEFAULT_CATCHUP_MS;
    t.createdAt = schedule.createdAt;
    // What the state settled only grows; a read that raced a fire applied after it does not undo that fire.
    t.settled = Math.max(t.settled, settled);
    this.inFlight.delete(t.row);
    this.schedule(t, t.settled);
    return t;
  }

  private untrack(tenant: string, name: string): void {
    const t = this.tracked.get(tenant, name);
    if (t === undefined) return;
    this.inFlight.delete(t.row);
    this.tracked.remove(tenant, name);
  }

  /** Puts the schedule's next due time after `after` in the heap (or takes it out when there is none). */
  private schedule(t: Tracked, after: number): void {
    this.moveTo(t, t.cron.after(Math.max(after, t.createdAt - 1)), after);
  }

  /**
   * A fire or miss came back stale (the schedule settled due times this scheduler did not know of), or its outcome
   * is unknown: the schedule is read again, linearizably, and caught up from what the state says.
   */
  private resync(tenant: string, name: string): void {
    const key = trackKey(tenant, name);
    if (!this.leading || this.resyncing.has(key)) return;
    this.resyncing.add(key);
    // It stops firing at once: its next due time was computed from what is no longer true.
    const stale = this.tracked.get(tenant, name);
    if (stale !== undefined) {
      this.tracked.due.delete(stale.row);
      this.inFlight.delete(stale.row);
    }
    void this.log
      .read((state) => state.get(scheduleKey(tenant, name)))
      .then(
        (value) => {
          if (this.following === undefined) return;
          const t = value === undefined ? undefined : this.track(tenant, JSON.parse(value.toString('utf8')) as ScheduleRecord);
          if (value === undefined) this.untrack(tenant, name);
          if (t !== undefined && this.leading && t.dueAt !== null && t.dueAt <= this.clock.now()) this.catchUp(t, this.clock.now());
          this.arm();
        },
        (err: unknown) => {
          this.logger.warn('could not read a schedule again; trying later', { tenant, schedule: name, error: err instanceof Error ? err.message : String(err) });
          this.resyncLater(tenant, name);
        },
      )
      .finally(() => this.resyncing.delete(key));
  }

  private resyncLater(tenant: string, name: string): void {
    this.timers.setTimeout(() => this.resync(tenant, name), RESYNC_DELAY_MS);
  }

  /**
   * Due times from `t.dueAt` to now passed while no leader could fire them. By the schedule's misfire policy, the
   * ones to fire late are fired (the latest for `once`, each for `all`, only within the catch-up window), and the
   * others are recorded as missed with the reason. Leaves in the heap the first due time to fire: in the past for a
   * catch-up, else the next one to come.
   */
  private catchUp(t: Tracked, now: number): void {
    const first = t.dueAt!;
    const settled = t.after;
    const windowStart = now - t.catchupMs;
    // Walk the missed due times (bounded: a schedule every second missed for 11 days is a million).
    let count = 0;
    let latest = first;
    let previous = first;
    let lastBeforeWindow: number | undefined;
    let countBeforeWindow = 0;
    let firstInWindow: number | undefined;
    let due: number | null = first;
    for (; due !== null && due <= now && count < MAX_MISSED_WALK; due = t.cron.after(due)) {
      count++;
      previous = latest;
      latest = due;
      if (due < windowStart) {
        lastBeforeWindow = due;
        countBeforeWindow++;
      } else {
        firstInWindow ??= due;
      }
    }
    const upcoming = due !== null && due > now ? due : t.cron.after(now);
    const why = 'no leader was running when it fell due';
    if (t.misfire === 'skip' || firstInWindow === undefined) {
      const reason = t.misfire === 'skip' ? `${why} (misfire policy skip)` : `${why}, and it is older than the catch-up window`;
      this.recordMissed(t, { from: first, to: latest, count, reason, after: settled });
      this.moveTo(t, upcoming, latest);
      return;
    }
    if (t.misfire === 'all') {
      if (lastBeforeWindow === undefined) return this.moveTo(t, firstInWindow, settled);
      const reason = `${why}, and it is older than the catch-up window`;
      this.recordMissed(t, { from: first, to: lastBeforeWindow, count: countBeforeWindow, reason, after: settled });
      this.moveTo(t, firstInWindow, lastBeforeWindow);
      return;
    }
    // once: the latest is fired late; the ones before it are missed.
    if (count === 1) return;
    const reason = `${why}; the latest was fired late instead (misfire policy once)`;
    this.recordMissed(t, { from: first, to: previous, count: count - 1, reason, after: settled });
    this.moveTo(t, latest, previous);
  }

  /**
   * Sets the next due time to fire (`dueAt`, after `after`). An `after` the state has not settled yet is this leader's
   * own fire or miss in flight.
   */
  private moveTo(t: Tracked, dueAt: number | null, after: number): void {
    t.after = after;
    t.dueAt = dueAt;
    if (after > t.settled) this.inFlight.add(t.row);
    if (dueAt === null) {
      this.tracked.due.delete(t.row);
      return;
    }
    t.at = dueAt + t.jitter;
    this.tracked.due.set(t.row);
  }

  private recordMissed(t: Tracked, miss: { from: number; to: number; count: number; reason: string; after: number }): void {
    const { tenant, name } = t;
    const { from, to, count, reason } = miss;
    this.logger.warn('due times missed', { tenant, schedule: name, count, from: new Date(from).toISOString(), to: new Date(to).toISOString(), reason });
    this.log.propose({ type: 'schedule.miss', tenant, name, ...miss, now: this.clock.now() }).then(
      (result) => {
        if (result.stale === true) this.resync(tenant, name);
      },
      (err: unknown) => {
        this.logger.warn('could not record missed due times; reading the schedule again', { tenant, schedule: name, error: err instanceof Error ? err.message : String(err) });
        this.resyncLater(tenant, name);
      },
    );
  }

  /** When this leader next fires (epoch ms); Infinity when it does not lead or nothing is due. */
  nextFireAt(): number {
    return this.leading ? this.timerAt : Infinity;
  }

  private arm(): void {
    if (!this.leading) return;
    const top = this.tracked.next();
    const at = top?.at ?? Infinity;
    if (at === this.timerAt && this.timer !== undefined) return;
    this.disarm();
    if (at === Infinity) return;
    this.timerAt = at;
    const delay = Math.min(Math.max(0, at - this.clock.now()), MAX_TIMER_MS);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.fireDue();
    }, delay);
  }

  private disarm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private fireDue(): void {
    if (!this.leading) return;
    const now = this.clock.now();
    for (let top = this.tracked.next(); top !== undefined && top.at <= now; top = this.tracked.next()) {
      this.propose(top, top.dueAt!, top.after);
      this.schedule(top, top.dueAt!);
    }
    this.arm();
  }

  private propose(t: Tracked, dueAt: number, after: number): void {
    const { tenant, name } = t;
    const now = this.clock.now();
    const runId = newId(now, this.random);
    const agent = this.placement?.reserve(tenant, name, runId);
    this.log
      .propose({ type: 'schedule.fire', tenant, name, dueAt, after, runId, now, ...(agent === undefined ? {} : { agent }) })
      .then(
        (result) => {
          if (agent !== undefined) this.placement?.settle(runId, result.run);
          if (result.stale === true) this.resync(tenant, name);
        },
        (err: unknown) => {
          if (agent !== undefined) this.placement?.settle(runId, undefined);
          // The outcome is unknown (no leader could confirm it): the schedule is read again in a moment, and what
          // the state then says is caught up. A fire that did happen is not repeated: the FSM checks `after`.
          this.logger.warn('could not record a fire; reading the schedule again', {
            tenant,
            schedule: name,
            dueAt: new Date(dueAt).toISOString(),
            error: err instanceof Error ? err.message : String(err),
          });
          this.resyncLater(tenant, name);
        },
      );
  }
}

/**
 * A schedule's jitter: a fixed delay in [0, --jitter) after each of its due times, the same on every leader (a hash
 * of its tenant and name), so schedules that fall due together start spread out.
 */
export function jitterOf(tenant: string, schedule: ScheduleRecord): number {
  const range = schedule.jitterMs ?? 0;
  if (range <= 0) return 0;
  const hash = createHash('sha256').update(`${tenant}/${schedule.name}`).digest();
  return hash.readUIntBE(0, 6) % range;
}

/** Names a schedule in the set of those being read again. */
function trackKey(tenant: string, name: string): string {
  return `${tenant}/${name}`;
}
