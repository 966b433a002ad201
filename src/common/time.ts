/** RFC 3339 in UTC with milliseconds, or null for "never" (0). */
export function rfc3339(ms: number): string | null {
  return ms > 0 ? new Date(ms).toISOString() : null;
}

/** A clock a component is given, so tests can give it a fake one. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
