/** Times for people: local wall-clock time and "in 3s" / "5m ago". JSON output uses RFC 3339 UTC instead. */

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** HH:MM:SS for a time today, YYYY-MM-DD HH:MM:SS otherwise, in the local time zone; "-" for never (0). */
export function localTime(ms: number, now: number): string {
  if (ms <= 0) return '-';
  const t = new Date(ms);
  const n = new Date(now);
  const clock = `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
  const sameDay =
    t.getFullYear() === n.getFullYear() && t.getMonth() === n.getMonth() && t.getDate() === n.getDate();
  return sameDay ? clock : `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${clock}`;
}

const UNITS: readonly (readonly [string, number])[] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A span in its two largest units: 3s, 5m10s, 2h5m, 3d4h; under a second in ms. */
export function shortSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${Math.round(abs)}ms`;
  const parts: string[] = [];
  let rest = abs;
  for (const [unit, size] of UNITS) {
    if (parts.length === 0 && rest < size) continue;
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
    if (parts.length === 2 || (parts.length === 1 && count === 0)) break;
  }
  return parts.join('');
}

export function relativeTime(ms: number, now: number): string {
  if (ms <= 0) return '-';
  const diff = ms - now;
  if (Math.abs(diff) < 1_000) return 'now';
  return diff > 0 ? `in ${shortSpan(diff)}` : `${shortSpan(diff)} ago`;
}

/** "14:03:05 (in 3s)"; "-" for never. */
export function whenText(ms: number, now: number): string {
  return ms <= 0 ? '-' : `${localTime(ms, now)} (${relativeTime(ms, now)})`;
}

/**
 * How long a run took, or has been running so far; "-" before it started. Under 10 s to a tenth of a second: a run
 * stopped by a 2s timeout took 2.0s, not the "1s" whole seconds would cut 1,990 ms to.
 */
export function runDuration(startedAtMs: number, endedAtMs: number, now: number): string {
  if (startedAtMs <= 0) return '-';
  const ms = Math.max(0, (endedAtMs > 0 ? endedAtMs : now) - startedAtMs);
  return ms >= 1_000 && ms < 10_000 ? `${(ms / 1_000).toFixed(1)}s` : shortSpan(ms);
}
