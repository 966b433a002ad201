import { describe, expect, it } from 'vitest';
import { CronSchedule, parseTiming } from '../../src/coordinator/scheduler/due.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('due times', () => {
  it('takes six fields with seconds', () => {
    const cron = CronSchedule.parse('*/2 * * * * *', 'UTC');
    expect(iso(cron.after(at('2026-03-01T10:00:00.000Z')))).toBe('2026-03-01T10:00:02.000Z');
    expect(iso(cron.after(at('2026-03-01T10:00:01.999Z')))).toBe('2026-03-01T10:00:02.000Z');
  });

  it('takes five fields as minutes, and macros', () => {
    expect(iso(CronSchedule.parse('30 2 * * *', 'UTC').after(at('2026-03-01T10:00:00Z')))).toBe('2026-03-02T02:30:00.000Z');
    expect(iso(CronSchedule.parse('@hourly', 'UTC').after(at('2026-03-01T10:00:00Z')))).toBe('2026-03-01T11:00:00.000Z');
  });

  it('computes due times in the schedule time zone', () => {
    // 02:30 in Berlin is 01:30 UTC in winter (CET) and 00:30 UTC in summer (CEST).
    const cron = CronSchedule.parse('0 30 2 * * *', 'Europe/Berlin');
    expect(iso(cron.after(at('2026-01-10T12:00:00Z')))).toBe('2026-01-11T01:30:00.000Z');
    expect(iso(cron.after(at('2026-07-10T12:00:00Z')))).toBe('2026-07-11T00:30:00.000Z');
    const ny = CronSchedule.parse('0 9 * * 1-5', 'America/New_York');
    expect(iso(ny.after(at('2026-11-20T15:00:00Z')))).toBe('2026-11-23T14:00:00.000Z');
  });

  it('names what is wrong with a bad expression or zone', () => {
    expect(() => CronSchedule.parse('*/2 * *', 'UTC')).toThrow('invalid cron expression "*/2 * *": expected 5 or 6 fields');
    expect(() => CronSchedule.parse('61 * * * *', 'UTC')).toThrow(/invalid cron expression "61 \* \* \* \*": .*0-59/);
    expect(() => CronSchedule.parse('* * * * *', 'Mars/Olympus')).toThrow('invalid time zone "Mars/Olympus"');
    expect(() => CronSchedule.parse('0 0 31 2 *', 'UTC')).toThrow(/invalid cron expression/);
  });

  it('is reusable: the same question gives the same answer', () => {
    const cron = CronSchedule.parse('*/5 * * * * *', 'Europe/Berlin');
    const t = at('2026-05-05T05:05:03Z');
    expect(cron.after(t)).toBe(cron.after(t));
    expect(cron.after(cron.after(t)!)).toBe(at('2026-05-05T05:05:10Z'));
    // Asked again after other questions (the last answer is kept): still the answer of its own question.
    expect(iso(cron.after(t))).toBe('2026-05-05T05:05:05.000Z');
    expect(iso(cron.after(at('2026-05-05T05:05:05Z')))).toBe('2026-05-05T05:05:10.000Z');
    expect(iso(cron.after(t))).toBe('2026-05-05T05:05:05.000Z');
  });

  /** The due times from `from` on, as long as they are before `to`. */
  const between = (cron: CronSchedule, from: string, to: string) => {
    const out: string[] = [];
    for (let t = cron.after(at(from) - 1); t !== null && t < at(to) && out.length < 1000; t = cron.after(t)) out.push(iso(t)!);
    return out;
  };

  describe('daylight saving: a skipped local time fires once right after the gap, a repeated one once at its first occurrence', () => {
    it('Europe/Berlin', () => {
      // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC). 02:30 does not exist: it fires at 03:00 CEST.
      const daily = CronSchedule.parse('0 30 2 * * *', 'Europe/Berlin');
      expect(between(daily, '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).toEqual([
        '2026-03-28T01:30:00.000Z',
        '2026-03-29T01:00:00.000Z',
        '2026-03-30T00:30:00.000Z',
      ]);
      // 2026-10-25: 03:00 CEST goes back to 02:00 CET. 02:30 happens twice: it fires at the first (00:30 UTC).
      expect(between(daily, '2026-10-24T00:00:00Z', '2026-10-27T00:00:00Z')).toEqual([
        '2026-10-24T00:30:00.000Z',
        '2026-10-25T00:30:00.000Z',
        '2026-10-26T01:30:00.000Z',
      ]);
      // Every 30 minutes through the repeated hour: 02:00 and 02:30 once each (the first time round), then 03:00 CET.
      expect(between(CronSchedule.parse('0 */30 * * * *', 'Europe/Berlin'), '2026-10-24T23:30:00Z', '2026-10-25T02:01:00Z')).toEqual([
        '2026-10-24T23:30:00.000Z',
        '2026-10-25T00:00:00.000Z',
        '2026-10-25T00:30:00.000Z',
        '2026-10-25T02:00:00.000Z',
      ]);
      // Every 15 minutes through the gap: 02:00–02:45 do not exist and all stand for 03:00 CEST, which fires once.
      expect(between(CronSchedule.parse('0 */15 * * * *', 'Europe/Berlin'), '2026-03-29T00:45:00Z', '2026-03-29T01:16:00Z')).toEqual([
        '2026-03-29T00:45:00.000Z',
        '2026-03-29T01:00:00.000Z',
        '2026-03-29T01:15:00.000Z',
      ]);
    });

    it('America/New_York', () => {
      // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC); 2026-11-01: 02:00 EDT goes back to 01:00 EST.
      expect(between(CronSchedule.parse('0 30 2 * * *', 'America/New_York'), '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z')).toEqual([
        '2026-03-07T07:30:00.000Z',
        '2026-03-08T07:00:00.000Z',
        '2026-03-09T06:30:00.000Z',
      ]);
      expect(between(CronSchedule.parse('0 30 1 * * *', 'America/New_York'), '2026-10-31T00:00:00Z', '2026-11-03T00:00:00Z')).toEqual([
        '2026-10-31T05:30:00.000Z',
        '2026-11-01T05:30:00.000Z',
        '2026-11-02T06:30:00.000Z',
      ]);
      // Hourly through the repeated hour: 01:00 once (EDT), then 02:00 EST; no second 01:00.
      expect(between(CronSchedule.parse('0 0 * * * *', 'America/New_York'), '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z')).toEqual([
        '2026-11-01T04:00:00.000Z',
        '2026-11-01T05:00:00.000Z',
        '2026-11-01T07:00:00.000Z',
      ]);
    });

    it('Australia/Lord_Howe, whose clocks move by 30 minutes', () => {
      // 2026-10-04: 02:00 (+10:30) jumps to 02:30 (+11), at 15:30 UTC the day before. 02:15 fires at 02:30.
      expect(between(CronSchedule.parse('0 15 2 * * *', 'Australia/Lord_Howe'), '2026-10-02T00:00:00Z', '2026-10-05T00:00:00Z')).toEqual([
        '2026-10-02T15:45:00.000Z',
        '2026-10-03T15:30:00.000Z',
        '2026-10-04T15:15:00.000Z',
      ]);
      // 2026-04-05: 02:00 (+11) goes back to 01:30 (+10:30). 01:45 happens twice: it fires at the first, 14:45 UTC.
      expect(between(CronSchedule.parse('0 45 1 * * *', 'Australia/Lord_Howe'), '2026-04-03T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([
        '2026-04-03T14:45:00.000Z',
        '2026-04-04T14:45:00.000Z',
        '2026-04-05T15:15:00.000Z',
      ]);
    });
  });

  it('takes @every DURATION (multiples of the interval since 1970 UTC) and @at TIME (once)', () => {
    const every = parseTiming('@every 15m', 'Europe/Berlin');
    expect(iso(every.after(at('2026-03-01T10:07:00Z')))).toBe('2026-03-01T10:15:00.000Z');
    expect(iso(every.after(at('2026-03-01T10:15:00Z')))).toBe('2026-03-01T10:30:00.000Z');
    expect(every.once).toBe(false);
    const once = parseTiming('@at 2026-12-24T18:00:00+01:00', 'UTC');
    expect(once.once).toBe(true);
    expect(iso(once.after(at('2026-12-01T00:00:00Z')))).toBe('2026-12-24T17:00:00.000Z');
    expect(once.after(at('2026-12-24T17:00:00Z'))).toBeNull();
    expect(() => parseTiming('@every 500ms', 'UTC')).toThrow('invalid --every "500ms": expected an interval from 1s to 366d');
    expect(() => parseTiming('@every soon', 'UTC')).toThrow(/invalid --every "soon"/);
    expect(() => parseTiming('@at 2026-12-24 18:00', 'UTC')).toThrow(/invalid --at "2026-12-24 18:00": expected a date and time with its offset/);
  });
});
