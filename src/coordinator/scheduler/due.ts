import { CronExpression, CronExpressionParser, type CronFieldCollection } from 'cron-parser';
import { parseDuration } from '../../common/duration.js';
import { InvalidArgumentError } from '../../common/errors.js';
import { parseMoment } from '../../common/time.js';
import { instantToWall, wallToInstant } from './zone.js';

/** Throws the error a schedule with this --tz gets, unless it is an IANA zone name this runtime knows. */
export function requireTimeZone(tz: string): void {
  if (!isValidTimeZone(tz)) {
    throw new InvalidArgumentError(`invalid time zone "${tz}": expected an IANA zone name such as UTC, Europe/Berlin or America/New_York`, { field: 'tz' });
  }
}

const knownZones = new Map<string, boolean>();

/** True when `tz` is an IANA zone name this runtime knows. (Asking Intl costs ~0.5 ms, so answers are kept.) */
export function isValidTimeZone(tz: string): boolean {
  let valid = knownZones.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      valid = tz.length > 0;
    } catch {
      valid = false;
    }
    if (knownZones.size < 1_000) knownZones.set(tz, valid);
  }
  return valid;
}

/** Parsed expressions by zone, text and seed: 10,000 schedules usually share a few hundred distinct expressions. */
const parsed = new Map<string, CronSchedule>();
const MAX_PARSED = 50_000;

/** When a schedule is due: `after(t)` is the first due time strictly after t, or null when there is none. */
export interface DueTimes {
  after(t: number): number | null;
  /** A one-off (`@at`): due once, then never again. */
  readonly once: boolean;
}

/**
 * A schedule's timing: a cron expression read in `tz` (CronSchedule), `@every DURATION` (at every multiple of the
 * interval since 1970-01-01 UTC, so `@every 15m` is due at :00, :15, :30 and :45), or `@at TIME` (once, at that
 * instant, RFC 3339). `field` names the flag in errors.
 */
export function parseTiming(expression: string, tz: string, seed = '', field = 'cron'): DueTimes {
  const text = expression.trim();
  const every = /^@every(?:\s+(.*))?$/i.exec(text);
  if (every !== null) {
    const ms = parseDuration(every[1] ?? '', '--every');
    if (ms < 1_000 || ms > 366 * 86_400_000) {
      throw new InvalidArgumentError(`invalid --every "${every[1] ?? ''}": expected an interval from 1s to 366d`, { field: 'every' });
    }
    return { once: false, after: (t) => (Math.floor(t / ms) + 1) * ms };
  }
  const at = /^@at(?:\s+(.*))?$/i.exec(text);
  if (at !== null) {
    const when = parseMoment(at[1] ?? '');
    if (when === undefined) {
      throw new InvalidArgumentError(`invalid --at "${at[1] ?? ''}": expected a date and time with its offset, such as 2026-12-24T18:00:00+01:00`, { field: 'at' });
    }
    return { once: true, after: (t) => (t < when ? when : null) };
  }
  return CronSchedule.parse(text, tz, seed, field);
}

/** Bounds the search for the next due time through wall times that stand for instants already past. */
const MAX_STEPS = 10_000;

/**
 * A parsed cron expression in a zone, reusable: `after(t)` is the first due time strictly after t. Five fields
 * (minute precision) or six (seconds first); `@hourly`-style macros too.
 *
 * The expression is matched against the zone's wall clock, and each matching wall time becomes an instant by the
 * daylight-saving policy of zone.ts: a wall time the clock skips fires once at the first instant after the gap, and
 * one the clock passes twice fires once, at its first occurrence.
 */
export class CronSchedule implements DueTimes {
  readonly once = false;
  /**
   * The last question and its answer. Schedules of one expression share this object and usually fall due together:
   * each of their fires asks for the due time after the same one. cron-parser takes 50-70 µs an answer; a burst of
   * 167 fires of one expression took 10 ms before the last of them was proposed.
   */
  private lastAsked = Number.NaN;
  private lastAnswer: number | null = null;

  private constructor(
    /**
     * The parsed fields, matched against wall times as if the zone were UTC. Not a CronExpression: one holds two
     * luxon DateTimes, each with a Locale and its caches, about 2 KB kept per distinct expression (3,600 distinct
     * expressions held 5 MiB); an iterator is made for each question instead.
     */
    private readonly fields: CronFieldCollection,
    private readonly zone: string,
  ) {}

  /**
   * `seed` (the schedule's identity) picks the values of `H` fields, so hashed schedules spread out while each one
   * keeps its own fixed times.
   */
  static parse(cron: string, tz: string, seed = '', field = 'cron'): CronSchedule {
    const text = cron.trim();
    const zone = tz === '' ? 'UTC' : tz;
    const cacheKey = `${zone}\n${text}\n${/h/i.test(text) ? seed : ''}`;
    const cached = parsed.get(cacheKey);
    if (cached !== undefined) return cached;
    requireTimeZone(zone);
    const fields = text.split(/\s+/).filter(Boolean).length;
    if (!text.startsWith('@') && fields !== 5 && fields !== 6) {
      throw new InvalidArgumentError(`invalid cron expression "${cron}": expected 5 or 6 fields`, { field });
    }
    let expression: CronExpression;
    try {
      expression = CronExpressionParser.parse(text, { tz: 'UTC', currentDate: new Date(0), hashSeed: seed });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new InvalidArgumentError(`invalid cron expression "${cron}": ${reason}`, { field });
    }
    const schedule = new CronSchedule(expression.fields, zone);
    if (schedule.after(Date.UTC(2000, 0, 1)) === null) {
      throw new InvalidArgumentError(`invalid cron expression "${cron}": it never fires`, { field });
    }
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(cacheKey, schedule);
    return schedule;
  }

  /** The first due time after `t` (ms), or null when there is none. */
  after(t: number): number | null {
    if (t !== this.lastAsked) {
      this.lastAnswer = this.compute(t);
      this.lastAsked = t;
    }
    return this.lastAnswer;
  }

  private compute(t: number): number | null {
    if (this.zone === 'UTC' || this.zone === 'Etc/UTC') return this.nextWall(t);
    // Wall times stand for instants in the same order (never earlier for a later wall time), and t's own wall time
    // stands for t or an instant before it: so the search starts there. After the clock went back, it steps over
    // the wall times whose first occurrence has passed.
    let wall = this.nextWall(instantToWall(this.zone, t));
    for (let i = 0; i < MAX_STEPS && wall !== null; i++) {
      const instant = wallToInstant(this.zone, wall);
      if (instant > t) return instant;
      wall = this.nextWall(wall);
    }
    return null;
  }

  /** The first wall time strictly after `wall` that matches the expression. */
  private nextWall(wall: number): number | null {
    try {
      // next() throws when nothing matches (within cron-parser's search bounds): that is "never again".
      return new CronExpression(this.fields, { tz: 'UTC', currentDate: new Date(wall) }).next().getTime();
    } catch {
      return null;
    }
  }
}
