import { setFlagsFromString } from 'node:v8';

/**
 * The coordinator's garbage collector is set for a small footprint. A coordinator holds what it follows (100,000
 * schedules) for days, and every write adds a little short-lived garbage; V8's defaults suit a process that lives
 * briefly. Measured on the leader of `npm run bench -- fire --nodes 3 --schedules 100000 --period 1h`:
 *
 * - `--heap-growing-percent=50`: the next full collection comes when the heap has grown by half of what was alive
 *   after the last one. The default lets it grow up to four times on a machine with much memory: the leader's RSS
 *   went from about 500 to about 300 MiB with this bound.
 * - The young generation is bounded by bin/parallax-coordinator's first line (`--max-semi-space-size=4`, two halves
 *   of 4 MiB), as V8 sizes it from flags read when the process starts. By default it grows to 32 MiB under a burst
 *   of writes and never shrinks. Smaller costs throughput, as more of what a request allocates lives long enough to
 *   be moved to the old generation: the parallel shape of `npm run bench -- raft` wrote about 2,190 writes/s with
 *   32 MiB, 2,100 with 16, 2,040 with 8 and 1,840-1,920 with 2.
 *
 * Not set: `--compact-on-every-full-gc`. It returns the sparse pages a burst of writes leaves in the old generation
 * (the leader's RSS fell from 1.11-1.15 to 0.90 KiB per schedule), but each full collection then stopped the process
 * for 60-170 ms instead of 10-60, and a stop at the second when schedules fall due made fire lateness p99 19-49 ms in
 * two runs of six (the target is 10 ms).
 */
export function tuneHeap(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
