import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/agent/backoff.js';

describe('Backoff', () => {
  it('doubles from 100 ms to at most 5 s, with jitter in the upper half of each step', () => {
    const low = new Backoff({ random: () => 0 });
    const high = new Backoff({ random: () => 0.999999 });
    const take = (b: Backoff) => Array.from({ length: 9 }, () => b.next());
    expect(take(low)).toEqual([50, 100, 200, 400, 800, 1600, 2500, 2500, 2500]);
    expect(take(high)).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('starts over after a reset', () => {
    const backoff = new Backoff({ random: () => 0 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(50);
  });
});
