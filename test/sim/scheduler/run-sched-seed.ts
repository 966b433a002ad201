import * as q from '../../../src/coordinator/state/queries.js';
import type { MisfirePolicy, OverlapPolicy, ScheduleRecord } from '../../../src/coordinator/state/records.js';
import { Prng } from '../prng.js';
import { SchedCluster, TICK_MS } from './sched-cluster.js';

export interface SchedSeedOptions {
  /** Virtual minutes of faults. */
  minutes: number;
  schedules: number;
}

export interface SchedSeedResult {
  seed: number;
  ok: boolean;
  problems: string[];
  stats: { fires: number; missed: number; crashes: number; partitions: number; clockSteps: number; transfers: number; leaders: number };
}

const TICKS_PER_SECOND = 1_000 / TICK_MS;
const SETTLE_SECONDS = 30;

/**
 * One run of the scheduler simulation: `schedules` schedules due every (virtual) second, with mixed misfire and
 * overlap policies, on a cluster of 3 or 5 whose nodes crash and restart, whose network partitions, drops and delays,
 * whose leadership is handed over, and whose clocks are off and jump. Then the faults heal. Afterwards every due time
 * of every schedule, from its first to the last it reached, has exactly one fire or one recorded miss.
 */
export async function runSchedSeed(seed: number, options: SchedSeedOptions): Promise<SchedSeedResult> {
  const prng = new Prng(seed);
  const size = prng.chance(0.5) ? 3 : 5;
  const sim = new SchedCluster(prng.fork(), size);
  const faults = prng.fork();
  const stats = { fires: 0, missed: 0, crashes: 0, partitions: 0, clockSteps: 0, transfers: 0, leaders: 0 };
  const problems: string[] = [];
  try {
    for (const node of sim.nodes.values()) node.skewMs = faults.int(-1_500, 1_500);
    await createSchedules(sim, prng.fork(), options.schedules);

    const downUntil = new Map<string, number>();
    const faultTicks = options.minutes * 60 * TICKS_PER_SECOND;
    let lastLeader = '';
    for (let t = 0; t < faultTicks; t++) {
      await sim.step();
      const leader = sim.leader()?.id ?? '';
      if (leader !== '' && leader !== lastLeader) stats.leaders++;
      lastLeader = leader || lastLeader;
      for (const [id, until] of downUntil) {
        if (sim.now >= until) {
          sim.restart(id);
          downUntil.delete(id);
        }
      }
      // About one fault every 2 virtual seconds.
      const roll = faults.next();
      if (roll < 0.004 && downUntil.size < Math.floor((size - 1) / 2)) {
        // Crash the leader more often than others: that is where exactly-once is at stake.
        const id = faults.chance(0.6) && leader !== '' ? leader : faults.pick(sim.ids);
        if (!downUntil.has(id)) {
          sim.crash(id);
          downUntil.set(id, sim.now + faults.int(1, 6 * TICKS_PER_SECOND));
          stats.crashes++;
        }
      } else if (roll < 0.008) {
        const shuffled = [...sim.ids].sort(() => faults.next() - 0.5);
        const cut = faults.int(1, shuffled.length - 1);
        sim.network.partition(shuffled.slice(0, cut), shuffled.slice(cut), faults.chance(0.3));
        stats.partitions++;
      } else if (roll < 0.016) {
        sim.network.heal();
      } else if (roll < 0.018) {
        const node = sim.nodes.get(faults.pick(sim.ids))!;
        node.skewMs = Math.max(-8_000, Math.min(8_000, node.skewMs + faults.pick([-5_000, -2_000, -500, 500, 2_000, 5_000])));
        stats.clockSteps++;
      } else if (roll < 0.019 && leader !== '') {
        sim.leader()!.raw.transferLeadership(faults.pick(sim.ids.filter((id) => id !== leader)));
        stats.transfers++;
      } else if (roll < 0.02) {
        sim.network.faults = { dropRate: faults.pick([0, 0.02, 0.1]), duplicateRate: faults.pick([0, 0.05]), maxExtraDelay: faults.int(0, 3) };
      }
    }

    sim.network.heal();
    sim.network.faults = { dropRate: 0, duplicateRate: 0, maxExtraDelay: 0 };
    for (const id of sim.ids) sim.restart(id);
    for (let t = 0; t < SETTLE_SECONDS * TICKS_PER_SECOND; t++) await sim.step();
    problems.push(...sim.violations);
    problems.push(...(await checkExactlyOnce(sim, stats)));
  } catch (err) {
    problems.push(`exception: ${err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 4).join(' | ') : String(err)}`);
  }
  return { seed, ok: problems.length === 0, problems, stats };
}

/** Creates the schedules through the first leader, before any fault. */
async function createSchedules(sim: SchedCluster, prng: Prng, count: number): Promise<void> {
  for (let t = 0; t < 20 * TICKS_PER_SECOND && sim.leader() === undefined; t++) await sim.step();
  const leader = sim.leader();
  if (leader === undefined) throw new Error('no leader to create the schedules');
  const spec = { shell: 'true', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };
  const created: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const overlap: OverlapPolicy = prng.pick(['replace', 'replace', 'forbid', 'queue']);
    const schedule: ScheduleRecord = {
      name: `s${i}`,
      cron: '@every 1s',
      tz: 'UTC',
      paused: false,
      spec,
      selector: {},
      createdAt: leader.clockNow(),
      lastFiredDueAt: 0,
      misfire: prng.pick<MisfirePolicy>(['once', 'all', 'skip']),
      catchupMs: prng.pick([2_000, 5_000, 60_000]),
      overlap,
      ...(overlap === 'queue' ? { queueMax: 2 } : {}),
      // Few runs kept, so the pruner works all the time and memory stays flat over virtual hours.
      keep: 5,
    };
    created.push(leader.propose({ type: 'schedule.create', tenant: 'default', schedule }));
  }
  for (let t = 0; t < 20 * TICKS_PER_SECOND; t++) {
    await sim.step();
    if ((await Promise.allSettled(created.map((p) => Promise.race([p, Promise.resolve('pending')])))).every((r) => r.status === 'fulfilled' && r.value !== 'pending')) return;
  }
  throw new Error('the schedules were not created');
}

/**
 * For every schedule and every due time from its first to the last it reached: exactly one fire (counted over the
 * committed log) or one recorded miss (in the replicated state). And firing resumed after the faults healed.
 */
async function checkExactlyOnce(sim: SchedCluster, stats: SchedSeedResult['stats']): Promise<string[]> {
  const problems: string[] = [];
  const node = sim.leader() ?? [...sim.nodes.values()].find((n) => n.alive)!;
  const schedules = await q.listSchedules(node.kv, 'default');
  const end = node.clockNow();
  for (const schedule of schedules) {
    const misses = await q.listMisses(node.kv, 'default', schedule.name, 1_000_000);
    stats.missed += misses.reduce((n, m) => n + m.count, 0);
    for (const m of misses) {
      if (m.count !== (m.to - m.from) / 1_000 + 1) problems.push(`${schedule.name}: a miss of ${m.count} from ${m.from} to ${m.to} does not add up`);
    }
    const first = Math.floor((schedule.createdAt - 1) / 1_000) * 1_000 + 1_000;
    const last = schedule.lastFiredDueAt;
    if (last < end - 3_000) problems.push(`${schedule.name}: stopped firing (last due time ${last}, now ${end})`);
    for (let t = first; t <= last; t += 1_000) {
      const fired = sim.observed.fires.get(`${schedule.name}@${t}`) ?? 0;
      const missed = misses.filter((m) => m.from <= t && t <= m.to).length;
      stats.fires += fired;
      if (fired + missed !== 1) {
        problems.push(`${schedule.name} (${schedule.misfire}, ${schedule.overlap}): due time ${t} has ${fired} fires and ${missed} misses`);
        if (problems.length > 20) return problems;
      }
    }
  }
  return problems;
}
