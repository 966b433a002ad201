import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/coordinator/api/rate-limit.js';

describe('RateLimiter', () => {
  it('allows a burst, then one request per 1/rate, and says how long to wait', () => {
    const limiter = new RateLimiter(10, 3);
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('a', t))).toEqual([0, 0, 0]);
    expect(limiter.take('a', t)).toBe(100);
    expect(limiter.take('a', t + 50)).toBe(50);
    expect(limiter.take('a', t + 100)).toBe(0);
    // Another caller has a bucket of its own.
    expect(limiter.take('b', t + 100)).toBe(0);
  });

  it('refills to the burst and no further while a caller is idle', () => {
    const limiter = new RateLimiter(10, 2);
    const t = 5_000_000;
    limiter.take('a', t);
    limiter.take('a', t);
    expect(limiter.take('a', t + 10_000)).toBe(0);
    expect(limiter.take('a', t + 10_000)).toBe(0);
    expect(limiter.take('a', t + 10_000)).toBe(100);
  });
});
