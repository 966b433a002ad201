import { idTime } from '../../common/ids.js';
import type { Logger } from '../../common/logger.js';
import type { Clock } from '../../common/time.js';
import type { ReplicatedLog } from '../replication/log.js';
import * as q from '../state/queries.js';
import { DEFAULT_KEEP, DEFAULT_KEEP_FOR_MS, type ScheduleRecord } from '../state/records.js';
import { runsOfSchedulePrefix } from '../storage/keys.js';
import { prefixEnd } from '../storage/kv.js';

export interface PrunerOptions {
  intervalMs: number;
  /** Schedules looked at per sweep, round the list, so a sweep costs the same however many there are. */
  schedulesPerSweep: number;
  /** Runs per run.prune command. */
  batch: number;
}

const DEFAULTS: PrunerOptions = { intervalMs: 60_000, schedulesPerSweep: 500, batch: 500 };

/**
 * The leader's retention: now and then it looks at some schedules' runs and proposes `run.prune` for ended runs
 * beyond the schedule's `keep` newest, or made longer ago than its `keepForMs`. Pruning is a replicated command,
 * so every node drops the same runs; the FSM leaves active runs alone.
 */
export class Pruner {
  private timer: NodeJS.Timeout | undefined;
  private cursor: { tenant: string; after: string | undefined } = { tenant: '', after: undefined };
  private sweeping = false;
  private readonly options: PrunerOptions;

  constructor(
    private readonly log: ReplicatedLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<PrunerOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  start(tenants: () => Promise<string[]>): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.sweep(tenants).catch((err: unknown) => this.logger.warn('pruning runs failed; trying again later', { error: String(err) }));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One sweep: returns how many runs it pruned. */
  async sweep(tenants: () => Promise<string[]>): Promise<number> {
    if (this.sweeping || !this.log.isLeader()) return 0;
    this.sweeping = true;
    try {
      // Goes on from where the last sweep stopped (a tenant, and the last schedule name it looked at), reading only
      // the schedules it looks at: a sweep costs the same however many schedules there are.
      const all = await tenants();
      let pruned = 0;
      let budget = this.options.schedulesPerSweep;
      const first = Math.max(0, all.findIndex((t) => t >= this.cursor.tenant));
      for (let i = 0; i < all.length && budget > 0 && this.log.isLeader(); i++) {
        const tenant = all[(first + i) % all.length]!;
        const after = tenant === this.cursor.tenant ? this.cursor.after : undefined;
        const page = await this.log.read((s) => q.listSchedules(s, tenant, { after, limit: budget }), { stale: true });
        for (const schedule of page) pruned += await this.pruneSchedule(tenant, schedule);
        budget -= page.length;
        // This tenant is done when it gave fewer than asked: the next sweep starts on the next one.
        this.cursor = budget > 0 ? { tenant: all[(first + i + 1) % all.length]!, after: undefined } : { tenant, after: page.at(-1)?.name };
      }
      return pruned;
    } finally {
      this.sweeping = false;
    }
  }

  private async pruneSchedule(tenant: string, schedule: ScheduleRecord): Promise<number> {
    const keep = schedule.keep ?? DEFAULT_KEEP;
    const oldest = this.clock.now() - (schedule.keepForMs ?? DEFAULT_KEEP_FOR_MS);
    const prefix = runsOfSchedulePrefix(tenant, schedule.name);
    const ids = await this.log.read(async (s) => {
      const found: string[] = [];
      for await (const [key] of s.scan({ gte: prefix, lt: prefixEnd(prefix) })) found.push(key.slice(prefix.length));
      return found;
    }, { stale: true });
    // Ids sort by creation: the ones before the newest `keep`, and any made before the retention period.
    const candidates = ids.filter((id, i) => i < ids.length - keep || idTime(id) < oldest);
    let pruned = 0;
    for (let i = 0; i < candidates.length; i += this.options.batch) {
      const runIds = candidates.slice(i, i + this.options.batch);
      pruned += (await this.log.propose({ type: 'run.prune', tenant, runIds })).pruned;
    }
    if (pruned > 0) this.logger.debug('pruned runs', { tenant, schedule: schedule.name, pruned });
    return pruned;
  }
}
