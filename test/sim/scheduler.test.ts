import { describe, expect, it } from 'vitest';
import { runSchedSeed } from './scheduler/run-sched-seed.js';

const SEEDS = Number(process.env.PARALLAX_SCHED_SIM_SEEDS ?? 3);
const MINUTES = Number(process.env.PARALLAX_SCHED_SIM_MINUTES ?? 5);

describe('deterministic simulation of the scheduler on the Raft cluster', () => {
  it(`gives every due time of 50 schedules one fire or one recorded miss, through crashes, partitions and clock steps (${SEEDS} seeds × ${MINUTES} virtual minutes)`, async () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = await runSchedSeed(seed, { minutes: MINUTES, schedules: 50 });
      expect(result.stats.fires).toBeGreaterThan(50 * 60 * MINUTES * 0.3);
      expect(result.stats.crashes + result.stats.partitions).toBeGreaterThan(0);
      if (!result.ok) failures.push(`seed ${seed}: ${result.problems.slice(0, 3).join('; ')} (replay: npm run sim -- --scheduler --seed ${seed} --minutes ${MINUTES})`);
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('replays a seed exactly', async () => {
    const [a, b] = [await runSchedSeed(7, { minutes: 0.5, schedules: 10 }), await runSchedSeed(7, { minutes: 0.5, schedules: 10 })];
    expect(a).toEqual(b);
    expect(a.stats.fires).toBeGreaterThan(0);
  });
});
