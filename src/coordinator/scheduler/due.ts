import { CronExpressionParser, type CronExpression } from 'cron-parser';
import { InvalidArgumentError } from '../../common/errors.js';

/** True when `tz` is an IANA zone name this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/**
 * A parsed cron expression in a zone, reusable: `after(t)` is the first due time strictly after t. Five fields
 * (minute precision) or six (seconds first); `@hourly`-style macros too.
 */
export class CronSchedule {
  private constructor(private readonly expression: CronExpression) {}

  static parse(cron: string, tz: string, field = 'cron'): CronSchedule {
    const text = cron.trim();
    const zone = tz === '' ? 'UTC' : tz;
    if (!isValidTimeZone(zone)) {
      throw new InvalidArgumentError(
        `invalid time zone "${tz}": expected an IANA zone name such as UTC, Europe/Berlin or America/New_York`,
        { field: 'tz' },
      );
    }
    const fields = text.split(/\s+/).filter(Boolean).length;
    if (!text.startsWith('@') && fields !== 5 && fields !== 6) {
      throw new InvalidArgumentError(`invalid cron expression "${cron}": expected 5 or 6 fields`, { field });
    }
    let expression: CronExpression;
    try {
      expression = CronExpressionParser.parse(text, { tz: zone, currentDate: new Date(0), hashSeed: text });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new InvalidArgumentError(`invalid cron expression "${cron}": ${reason}`, { field });
    }
    const schedule = new CronSchedule(expression);
    if (schedule.after(Date.UTC(2000, 0, 1)) === null) {
      throw new InvalidArgumentError(`invalid cron expression "${cron}": it never fires`, { field });
    }
    return schedule;
  }

  /** The first due time after `t` (ms), or null when there is none. */
  after(t: number): number | null {
    this.expression.reset(new Date(t));
    if (!this.expression.hasNext()) return null;
    try {
      return this.expression.next().getTime();
    } catch {
      return null;
    }
  }
}
