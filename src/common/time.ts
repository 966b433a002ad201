/** RFC 3339 in UTC with milliseconds, or null for "never" (0). */
export function rfc3339(ms: number): string | null {
  return ms > 0 ? new Date(ms).toISOString() : null;
}

/** A clock a component is given, so tests can give it a fake one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A moment written as RFC 3339 with its offset (2026-12-24T18:00:00+01:00, or Z), or, with `dateAlone`, a date
 * alone (midnight UTC); undefined for anything else. A time without an offset is refused: it would mean whatever
 * zone the reading machine is in.
 */
export function parseMoment(text: string, options: { dateAlone?: boolean } = {}): number | undefined {
  const t = text.trim();
  const full = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(t);
  const date = options.dateAlone === true && /^\d{4}-\d{2}-\d{2}$/.test(t);
  if (!full && !date) return undefined;
  const ms = Date.parse(t);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}
