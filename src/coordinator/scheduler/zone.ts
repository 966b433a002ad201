/**
 * Wall-clock time in an IANA zone, and the instants it stands for. A wall time is written as milliseconds since the
 * epoch as if the zone were UTC: 2026-03-29 02:30 in Berlin is Date.UTC(2026, 2, 29, 2, 30).
 *
 * Parallax's daylight-saving policy lives here (wallToInstant): a wall time that does not exist (the clock jumps
 * over it) stands for the first instant after the gap; one that occurs twice (the clock goes back over it) stands for
 * its first occurrence only.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Offsets by zone and quarter of an hour: zones change offset only at quarter-hour instants (every offset in use is
 * a multiple of 15 minutes), so one answer holds for the whole quarter. Asking Intl costs microseconds; due-time
 * searches ask often.
 */
const offsets = new Map<string, number>();
const QUARTER = 900_000;
const MAX_OFFSETS = 100_000;

/** The zone's offset from UTC at `instant`, in ms (east positive): Berlin in summer is +7,200,000. */
export function offsetAt(zone: string, instant: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const quarter = Math.floor(instant / QUARTER);
  const key = `${zone} ${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = askOffset(zone, quarter * QUARTER);
    if (offsets.size >= MAX_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function askOffset(zone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - instant;
}

export function instantToWall(zone: string, instant: number): number {
  return instant + offsetAt(zone, instant);
}

const DAY = 86_400_000;

/** The instant a wall time stands for, by the policy above. */
export function wallToInstant(zone: string, wall: number): number {
  // Zones change their offset at most once within a day around any moment: the offsets a day before and a day
  // after are the only ones this wall time can have.
  const before = offsetAt(zone, wall - DAY);
  const after = offsetAt(zone, wall + DAY);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((instant) => instantToWall(zone, instant) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // In a gap: the first instant on the far side of the jump. The transition lies between the instant this wall time
  // would be at the new offset and the one it would be at the old.
  let lo = wall - Math.max(before, after);
  let hi = wall - Math.min(before, after);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** RFC 3339 with the zone's offset at that instant: 2026-03-29T03:00:00+02:00. */
export function formatLocal(zone: string, instant: number): string {
  const offset = offsetAt(zone, instant);
  const wall = new Date(instant + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset) / 60_000;
  return `${wall}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
