import { createHash } from 'node:crypto';

/**
 * The delay before retry `attempt` + 1 of a run: `minMs` doubled per attempt already made, with jitter (between half
 * of that and all of it, fixed by the run id and the attempt, so every node computes the same), kept within
 * [minMs, maxMs].
 */
export function backoffDelay(runId: string, attempt: number, minMs: number, maxMs: number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(Math.max(attempt - 1, 0), 40));
  const hash = createHash('sha256').update(`${runId}#${attempt}`).digest();
  const fraction = hash.readUIntBE(0, 6) / 2 ** 48;
  return Math.round(Math.min(maxMs, Math.max(minMs, base / 2 + (fraction * base) / 2)));
}
