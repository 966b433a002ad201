import { describe, expect, it } from 'vitest';
import { localTime, relativeTime, runDuration, shortSpan, whenText } from '../../src/cli/lib/human-time.js';

// Built from local-time fields, so the expectations hold in any time zone the tests run in.
const now = new Date(2025, 5, 15, 12, 0, 0).getTime();

describe('human times', () => {
  it('shows the clock for today and the date otherwise, in local time', () => {
    expect(localTime(new Date(2025, 5, 15, 9, 5, 7).getTime(), now)).toBe('09:05:07');
    expect(localTime(new Date(2025, 5, 14, 23, 59, 1).getTime(), now)).toBe('2025-06-14 23:59:01');
    expect(localTime(0, now)).toBe('-');
  });

  it('says how far away a time is', () => {
    expect(relativeTime(now + 3_000, now)).toBe('in 3s');
    expect(relativeTime(now - 90_000, now)).toBe('1m30s ago');
    expect(relativeTime(now + 200, now)).toBe('now');
    expect(relativeTime(0, now)).toBe('-');
    expect(whenText(now + 3_000, now)).toBe('12:00:03 (in 3s)');
  });

  it('keeps spans to their two largest units', () => {
    expect(shortSpan(450)).toBe('450ms');
    expect(shortSpan(59_000)).toBe('59s');
    expect(shortSpan(3_600_000 + 5_000)).toBe('1h');
    expect(shortSpan(3_600_000 + 120_000 + 5_000)).toBe('1h2m');
    expect(shortSpan(2 * 86_400_000 + 3 * 3_600_000)).toBe('2d3h');
  });

  it('gives a run’s duration so far, or "-" before it started', () => {
    expect(runDuration(now - 5_000, now - 1_000, now)).toBe('4.0s');
    expect(runDuration(now - 5_000, 0, now)).toBe('5.0s');
    expect(runDuration(now - 1_990, now, now)).toBe('2.0s');
    expect(runDuration(now - 9_960, now, now)).toBe('10.0s');
    expect(runDuration(now - 10_900, now, now)).toBe('10s');
    expect(runDuration(now - 75_500, now, now)).toBe('1m15s');
    expect(runDuration(now - 17, now, now)).toBe('17ms');
    expect(runDuration(0, 0, now)).toBe('-');
  });
});
