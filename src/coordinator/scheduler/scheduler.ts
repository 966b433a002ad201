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
import { MinHeap } from './heap.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

interface Due {
  /** When to fire: the due time plus the schedule's jitter. */
  at: number;
  /** The due time itself, which the fire records. */
  dueAt: number;
  /** The due time before it, as settled (fired or missed) when this one was computed: the fire's check. */
  after: number;
  tenant: string;
  name: string;
  /** The entry's generation: a schedule changed since this entry was pushed makes the entry stale. */
  gen: number;
}

interface Tracked {
  gen: number;
  /** The schedule's fixed delay after each due time (--jitter). */
  jitter: number;
  cron: DueTimes;
}

/** The most missed due times counted one by one when a leader catches up (the rest are not walked). */
const MAX_MISSED_WALK = 1_000_000;

/** How long after a fire or miss failed the schedule is read again. */
const RESYNC_DELAY_MS = 1_000;

/** setTimeout's delay is a signed 32-bit number of milliseconds; longer waits are made of several timers. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The leader's scheduler: a heap of every schedule's next due time and ONE timer on the earliest, so 10,000 schedules
 * cost one timer and no polling. When a due time comes it proposes `schedule.fire`; the FSM makes the fire happen
 * exactly once per (schedule, due time), so a repeated proposal is harmless.
 *
 * On becoming leader it resumes each schedule from the due time the FSM last recorded. Due times that passed while
 * no leader ran are fired late or recorded as missed, by the schedule's misfire policy (catchUp): each due time gets
 * one fire or one recorded miss, never both, never neither.
 */
export class Scheduler {
  private readonly heap = new MinHeap<Due>((a, b) => a.at < b.at);
  private readonly tracked = new Map<string, Tracked>();
  private timer: unknown;
  private timerAt = Infinity;
  private running = false;
  private unsubscribe: (() => void) | undefined;
  private generation = 0;
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

  async start(tenants: () => Promise<string[]>): Promise<void> {
    if (this.running) return;
    this.running = true;
    const run = ++this.generation;
    this.unsubscribe = this.log.onApplied((events) => this.onEvents(events));
    const current = () => this.running && run === this.generation;
    // A new leader may not be able to confirm a read at once (its term's first entry not yet committed, a quorum
    // briefly out of reach): it tries again until it can or stops leading, rather than lead without firing.
    let schedules: { tenant: string; schedule: ScheduleRecord }[] | undefined;
    while (schedules === undefined && current()) {
      try {
        schedules = await this.log.read(async (state) => {
          const found: { tenant: string; schedule: ScheduleRecord }[] = [];
          for (const tenant of await tenants()) {
            const prefix = schedulePrefix(tenant);
            for await (const [, value] of state.scan({ gte: prefix, lt: prefixEnd(prefix) })) {
              found.push({ tenant, schedule: JSON.parse(value.toString('utf8')) as ScheduleRecord });
            }
          }
          return found;
        });
      } catch (err) {
        if (!current()) return;
        this.logger.warn('could not read the schedules to start firing; trying again', { error: err instanceof Error ? err.message : String(err) });
        await new Promise<void>((resolve) => this.timers.setTimeout(() => resolve(), RESYNC_DELAY_MS));
      }
    }
    if (schedules === undefined || !current()) return;
    const now = this.clock.now();
    for (const { tenant, schedule } of schedules) this.track(tenant, schedule, now, true);
    this.logger.info('scheduler started', { schedules: schedules.length });
    this.arm();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.disarm();
    this.heap.clear();
    this.tracked.clear();
  }

  private onEvents(events: StateEvent[]): void {
    let changed = false;
    for (const event of events) {
      if (event.kind === 'schedule.deleted') {
        this.tracked.delete(trackKey(event.tenant, event.name));
        changed = true;
      } else if (event.kind === 'schedule.changed') {
        void this.reload(event.tenant, event.name);
      }
    }
    if (changed) this.arm();
  }

  /** Re-reads a schedule after it was created or changed by a command other than a fire. */
  private async reload(tenant: string, name: string): Promise<void> {
    const key = trackKey(tenant, name);
    const value = await this.log.read((state) => state.get(scheduleKey(tenant, name)), { stale: true });
    if (!this.running) return;
    if (value === undefined) {
      this.tracked.delete(key);
    } else {
      this.track(tenant, JSON.parse(value.toString('utf8')) as ScheduleRecord, this.clock.now(), false);
    }
    this.arm();
  }

  private track(tenant: string, schedule: ScheduleRecord, now: number, resuming: boolean): void {
    const key = trackKey(tenant, schedule.name);
    // Paused, or chained with no timing of its own (it runs only after its upstream): nothing to fire.
    if (schedule.paused || schedule.cron === '') {
      this.tracked.delete(key);
      return;
    }
    let cron: DueTimes;
    try {
      cron = parseTiming(schedule.cron, schedule.tz, `${tenant}/${schedule.name}`);
    } catch (err) {
      this.logger.error('schedule has an expression this version cannot read; it will not fire', {
        tenant,
        schedule: schedule.name,
        error: err instanceof Error ? err.message : String(err),
      });
      return;
    }
    const entry: Tracked = { gen: ++this.generation, cron, jitter: jitterOf(tenant, schedule) };
    this.tracked.set(key, entry);
    const settled = Math.max(schedule.lastFiredDueAt, schedule.notBefore ?? 0);
    let next = cron.after(Math.max(settled, schedule.createdAt - 1));
    let after = settled;
    if (resuming && next !== null && next <= now) ({ next, after } = this.catchUp(tenant, schedule, cron, next, now, settled));
    if (next !== null) this.heap.push({ at: next + entry.jitter, dueAt: next, after, tenant, name: schedule.name, gen: entry.gen });
  }

  /**
   * A fire or miss came back stale (the schedule settled due times this scheduler did not know of), or its outcome
   * is unknown: the schedule is read again, linearizably, and caught up from what the state says.
   */
  private resync(tenant: string, name: string): void {
    const key = trackKey(tenant, name);
    if (!this.running || this.resyncing.has(key)) return;
    this.resyncing.add(key);
    // Its entries in the heap stop at once: they were computed from what is no longer true.
    this.tracked.delete(key);
    void this.log
      .read((state) => state.get(scheduleKey(tenant, name)))
      .then(
        (value) => {
          if (!this.running) return;
          if (value !== undefined) this.track(tenant, JSON.parse(value.toString('utf8')) as ScheduleRecord, this.clock.now(), true);
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
   * Due times from `first` to now passed while no leader could fire them. By the schedule's misfire policy, the ones
   * to fire late are fired (the latest for `once`, each for `all`, only within the catch-up window), and the others
   * are recorded as missed with the reason. Returns the first due time to fire: in the past for a catch-up, else
   * the next one to come.
   */
  private catchUp(
    tenant: string,
    schedule: ScheduleRecord,
    cron: DueTimes,
    first: number,
    now: number,
    settled: number,
  ): { next: number | null; after: number } {
    const policy = schedule.misfire ?? 'once';
    const windowStart = now - (schedule.catchupMs ?? DEFAULT_CATCHUP_MS);
    // Walk the missed due times (bounded: a schedule every second missed for 11 days is a million).
    let count = 0;
    let latest = first;
    let previous = first;
    let lastBeforeWindow: number | undefined;
    let countBeforeWindow = 0;
    let firstInWindow: number | undefined;
    let t: number | null = first;
    for (; t !== null && t <= now && count < MAX_MISSED_WALK; t = cron.after(t)) {
      count++;
      previous = latest;
      latest = t;
      if (t < windowStart) {
        lastBeforeWindow = t;
        countBeforeWindow++;
      } else {
        firstInWindow ??= t;
      }
    }
    const upcoming = t !== null && t > now ? t : cron.after(now);
    const why = 'no leader was running when it fell due';
    if (policy === 'skip' || firstInWindow === undefined) {
      const reason = policy === 'skip' ? `${why} (misfire policy skip)` : `${why}, and it is older than the catch-up window`;
      this.recordMissed(tenant, schedule.name, { from: first, to: latest, count, reason, after: settled });
      return { next: upcoming, after: latest };
    }
    if (policy === 'all') {
      if (lastBeforeWindow === undefined) return { next: firstInWindow, after: settled };
      const reason = `${why}, and it is older than the catch-up window`;
      this.recordMissed(tenant, schedule.name, { from: first, to: lastBeforeWindow, count: countBeforeWindow, reason, after: settled });
      return { next: firstInWindow, after: lastBeforeWindow };
    }
    // once: the latest is fired late; the ones before it are missed.
    if (count === 1) return { next: latest, after: settled };
    const reason = `${why}; the latest was fired late instead (misfire policy once)`;
    this.recordMissed(tenant, schedule.name, { from: first, to: previous, count: count - 1, reason, after: settled });
    return { next: latest, after: previous };
  }

  private recordMissed(tenant: string, name: string, miss: { from: number; to: number; count: number; reason: string; after: number }): void {
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

  private arm(): void {
    if (!this.running) return;
    this.dropStale();
    const top = this.heap.peek();
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

  private dropStale(): void {
    for (let top = this.heap.peek(); top !== undefined; top = this.heap.peek()) {
      if (this.tracked.get(trackKey(top.tenant, top.name))?.gen === top.gen) return;
      this.heap.pop();
    }
  }

  private fireDue(): void {
    if (!this.running) return;
    const now = this.clock.now();
    for (let top = this.heap.peek(); top !== undefined && top.at <= now; top = this.heap.peek()) {
      this.heap.pop();
      const entry = this.tracked.get(trackKey(top.tenant, top.name));
      if (entry?.gen !== top.gen) continue;
      this.propose(top);
      const next = entry.cron.after(top.dueAt);
      if (next !== null) this.heap.push({ ...top, at: next + entry.jitter, dueAt: next, after: top.dueAt });
      else this.tracked.delete(trackKey(top.tenant, top.name));
    }
    this.arm();
  }

  private propose(due: Due): void {
    const now = this.clock.now();
    const runId = newId(now, this.random);
    const agent = this.placement?.reserve(due.tenant, due.name, runId);
    this.log
      .propose({
        type: 'schedule.fire',
        tenant: due.tenant,
        name: due.name,
        dueAt: due.dueAt,
        after: due.after,
        runId,
        now,
        ...(agent === undefined ? {} : { agent }),
      })
      .then(
        (result) => {
          if (agent !== undefined) this.placement?.settle(runId, result.run);
          if (result.stale === true) this.resync(due.tenant, due.name);
        },
        (err: unknown) => {
          if (agent !== undefined) this.placement?.settle(runId, undefined);
          // The outcome is unknown (no leader could confirm it): the schedule is read again in a moment, and what
          // the state then says is caught up. A fire that did happen is not repeated: the FSM checks `after`.
          this.logger.warn('could not record a fire; reading the schedule again', {
            tenant: due.tenant,
            schedule: due.name,
            dueAt: new Date(due.dueAt).toISOString(),
            error: err instanceof Error ? err.message : String(err),
          });
          this.resyncLater(due.tenant, due.name);
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

function trackKey(tenant: string, name: string): string {
  return `${tenant}/${name}`;
}
