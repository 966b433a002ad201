import { describe, expect, it } from 'vitest';
import { runSeed } from './run-seed.js';

const SEEDS = Number(process.env.PARALLAX_SIM_SEEDS ?? 1000);

describe('deterministic simulation of the Raft core', () => {
  it(`keeps every safety property and a linearizable history over ${SEEDS} seeds`, () => {
    const failures: string[] = [];
    let unchecked = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = runSeed(seed);
      if (result.unchecked) unchecked++;
      if (!result.ok) failures.push(`seed ${seed}: ${result.problems[0]} (replay: npm run sim -- --seed ${seed})`);
    }
    expect(failures).toEqual([]);
    // A history the checker cannot decide in its time is not a failure, but it must stay rare to mean anything.
    expect(unchecked).toBeLessThan(SEEDS / 100);
  }, 300_000);

  // Seeds that once failed, kept because the 1,000 above do not reach them. 2027790: the clients' work settled in a
  // moment between two elections, and the liveness check read "no leader" there instead of waiting for one.
  it.each([2027790])('passes seed %i, which once failed', (seed) => {
    expect(runSeed(seed).problems).toEqual([]);
  });

  it('replays a seed exactly', () => {
    expect(runSeed(42)).toEqual(runSeed(42));
  });
});
