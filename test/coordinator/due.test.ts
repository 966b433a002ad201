import { describe, expect, it } from 'vitest';
import { CronSchedule } from '../../src/coordinator/scheduler/due.js';

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
  });
});
