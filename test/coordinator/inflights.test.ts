import { describe, expect, it } from 'vitest';
import { Inflights } from '../../src/coordinator/raft/progress.js';

describe('appends in flight to a follower', () => {
  it('are bounded by their count and by the bytes of their entries, and freed as they are acknowledged', () => {
    const inflights = new Inflights(4, 3 * 1024 * 1024);
    inflights.add(10, 1024 * 1024);
    inflights.add(20, 1024 * 1024);
    expect(inflights.full).toBe(false);
    inflights.add(30, 1024 * 1024);
    // Three appends of 1 MiB reach the byte bound long before the count of 4.
    expect([inflights.count, inflights.bytes, inflights.full]).toEqual([3, 3 * 1024 * 1024, true]);

    inflights.freeLE(20);
    expect([inflights.count, inflights.bytes, inflights.full]).toEqual([1, 1024 * 1024, false]);
    // Small appends: the count binds.
    for (const index of [31, 32, 33]) inflights.add(index, 100);
    expect([inflights.count, inflights.full]).toEqual([4, true]);

    inflights.freeFirstOne();
    expect([inflights.count, inflights.bytes, inflights.full]).toEqual([3, 300, false]);
    inflights.reset();
    expect([inflights.count, inflights.bytes]).toEqual([0, 0]);
    inflights.freeFirstOne();
    expect(inflights.bytes).toBe(0);
  });
});
