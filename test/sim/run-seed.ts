import { checkOperations, kvModel } from './linearizability.js';
import { clusterStats, DEFAULT_SIM, SimCluster, type SimOptions } from './cluster.js';
import { Prng } from './prng.js';

export interface SeedResult {
  seed: number;
  ok: boolean;
  /** The linearizability check gave up (its time ran out): the run broke no rule that was checked. */
  unchecked: boolean;
  problems: string[];
  stats: ReturnType<typeof clusterStats> & { operations: number; messages: number; dropped: number };
}

/**
 * One simulated run: a cluster under client load while the seed decides when nodes crash and restart, the network
 * drops, duplicates and delays, links are cut (both ways or one way), and leadership is handed over. Then the faults
 * heal, the cluster must make progress again, and the clients' history must be linearizable.
 */
/** Search steps the linearizability check may take per seed before it gives up (the history is then unchecked). */
export const DEFAULT_CHECK_STEPS = 2_000_000;

export function runSeed(seed: number, overrides: Partial<SimOptions> = {}, checkSteps = DEFAULT_CHECK_STEPS): SeedResult {
  try {
    return simulate(seed, overrides, checkSteps);
  } catch (err) {
    // The core threw (one of its own assertions): that is this seed's failure, with the stack to find it.
    const where = err instanceof Error ? (err.stack ?? err.message).split('\n').slice(0, 4).join(' | ') : String(err);
    return {
      seed,
      ok: false,
      unchecked: false,
      problems: [`exception: ${where}`],
      stats: { ...clusterStats(), operations: 0, messages: 0, dropped: 0 },
    };
  }
}

function simulate(seed: number, overrides: Partial<SimOptions>, checkSteps: number): SeedResult {
  const prng = new Prng(seed);
  const options = { ...DEFAULT_SIM, nodes: prng.chance(0.5) ? 3 : 5, ...overrides };
  const sim = new SimCluster(prng.fork(), options);
  const faults = prng.fork();
  const downUntil = new Map<string, number>();
  sim.network.faults = { dropRate: faults.chance(0.5) ? 0.05 : 0, duplicateRate: faults.chance(0.5) ? 0.05 : 0, maxExtraDelay: faults.int(0, 3) };

  for (let t = 0; t < options.ticks; t++) {
    sim.step();
    sim.runClients();
    for (const [id, until] of downUntil) {
      if (sim.now >= until) {
        sim.restart(id);
        downUntil.delete(id);
      }
    }
    const roll = faults.next();
    if (roll < 0.01 && downUntil.size < Math.floor((options.nodes - 1) / 2) + 1) {
      const id = faults.pick(sim.ids);
      if (!downUntil.has(id)) {
        sim.crash(id);
        downUntil.set(id, sim.now + faults.int(1, 40));
      }
    } else if (roll < 0.02) {
      const shuffled = [...sim.ids].sort(() => faults.next() - 0.5);
      const cut = faults.int(1, shuffled.length - 1);
      sim.network.partition(shuffled.slice(0, cut), shuffled.slice(cut), faults.chance(0.3));
      sim.stats.partitions++;
    } else if (roll < 0.035) {
      sim.network.heal();
    } else if (roll < 0.04) {
      const leader = sim.leader();
      if (leader !== undefined) {
        leader.raw.transferLeadership(faults.pick(sim.ids.filter((id) => id !== leader.id)));
        sim.stats.transfers++;
      }
    } else if (roll < 0.045 && options.nodes === 5) {
      sim.changeMembership(faults);
    } else if (roll < 0.05) {
      sim.network.faults = { dropRate: faults.pick([0, 0.02, 0.1, 0.3]), duplicateRate: faults.pick([0, 0.05]), maxExtraDelay: faults.int(0, 4) };
    }
    if (t % 50 === 0) sim.checkLogMatching();
  }

  // Heal everything: the cluster must elect a leader and commit again, and the clients' work must settle.
  sim.network.heal();
  sim.network.faults = { dropRate: 0, duplicateRate: 0, maxExtraDelay: 0 };
  sim.crashBeforeWrite = 0;
  for (const id of sim.ids) sim.restart(id);
  const committedBefore = sim.stats.committed;
  // Until it has settled: no client operation open, something new committed, and a leader at that moment (the
  // liveness check below reads it), not only somewhere along the way.
  const settled = (t: number) => sim.openOps === 0 && sim.stats.committed > committedBefore && t >= 30 && sim.leader() !== undefined;
  for (let t = 0; t < options.settleTicks && !settled(t); t++) {
    sim.step();
    if (t < options.settleTicks / 2) sim.runClients();
  }
  sim.checkLogMatching();
  const problems = [...sim.violations];
  if (sim.leader() === undefined) problems.push(`liveness: no leader ${options.settleTicks} ticks after the faults healed`);
  // A budget of search steps, not of time, so a seed replays with the same verdict on any machine.
  const verdict = checkOperations(kvModel, sim.history, { maxSteps: checkSteps, timeoutMs: Infinity });
  if (verdict.ok === false) problems.push(`linearizability: ${verdict.partial.join('; ')}`);
  return {
    seed,
    ok: problems.length === 0,
    unchecked: verdict.ok === 'unknown',
    problems,
    stats: { ...sim.stats, operations: sim.history.length, messages: sim.network.sent, dropped: sim.network.dropped },
  };
}
