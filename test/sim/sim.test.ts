import { describe, expect, it } from 'vitest';
import { runSeed } from './run-seed.js';

const SEEDS = Number(process.env.PARALLAX_SIM_SEEDS ?? 1000);

describe('deterministic simulation of the Raft core', () => {
  it(`keeps every safety property and a linearizable history over ${SEEDS} seeds`, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const result = runSeed(seed);
      if (!result.ok) failures.push(`seed ${seed}: ${result.problems[0]} (replay: npm run sim -- --seed ${seed})`);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('replays a seed exactly', () => {
    expect(runSeed(42)).toEqual(runSeed(42));
  });
});
