import { constants, type EventLoopUtilization, performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, type HeapSpaceInfo, setFlagsFromString } from 'node:v8';
import type { Logger } from '../common/logger.js';

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
 * - `--single-threaded-gc` (same line): V8 collects on the main thread only, without its four helper threads. On 2
 *   cores shared with the other nodes and the agents, perf found the leader's helpers using 5% of the machine in the
 *   dispatch benchmark. Without them, in alternating runs of each: the raft benchmark's serial shape wrote 624 and
 *   651 writes/s instead of 597 and 609, dispatch latency p99 was 15-17 ms instead of 19-25 (the agents without
 *   helpers too), and fire lateness was unchanged (p99 5-6 ms with 100,000 schedules, 8-10 ms with 10,000).
 * - `--no-allocation-site-pretenuring` (same line): after a burst of calls V8 decided, from one young collection in
 *   which nearly everything survived, to allocate the objects of those call sites in the old generation for good; the
 *   leader then promoted 6.5 KB per serial write instead of 1.1 and collected its old generation every second (7 ms
 *   on one core). Without pretenuring: every 4 s, garbage collection 10-12 ms a second instead of 17-25, and the raft
 *   benchmark's serial p99 4.4-5.2 ms instead of 5.1-5.7 in six alternating runs.
 * - `MALLOC_ARENA_MAX=2` (same line, set by env -S): glibc gives every thread that allocates an arena of its own,
 *   and each keeps what it freed. The leader had 11 of them holding 23 MiB; with two, its RSS after 100,000
 *   schedules was 162-163 MiB instead of 174-186 (0.91-0.92 KiB per schedule instead of 1.01-1.13).
 *
 * Not set: `--compact-on-every-full-gc`. It returns the sparse pages a burst of writes leaves in the old generation
 * (the leader's RSS fell from 1.11-1.15 to 0.90 KiB per schedule), but each full collection then stopped the process
 * for 60-170 ms instead of 10-60, and a stop at the second when schedules fall due made fire lateness p99 19-49 ms in
 * two runs of six (the target is 10 ms). compactWhenQuiet() below compacts once, when it pays and nothing is due.
 */
export function tuneHeap(): void {
  setFlagsFromString('--heap-growing-percent=50');
}

/** Free space in the old generation's pages that makes a compaction worth its pause: this much, and a quarter. */
const COMPACT_FREE_BYTES = 16 * 1024 * 1024;
const COMPACT_FREE_SHARE = 0.25;
/** How often the old generation is looked at, and the least time between two compactions. */
const CHECK_EVERY_MS = 5_000;
const COMPACT_AT_MOST_EVERY_MS = 60_000;
/** A compaction stops the process for up to about 200 ms: it waits for a moment with nothing due for longer. */
const QUIET_NEEDED_MS = 300;
/**
 * Nor while the coordinator is busy with calls, agents and its peers (the share of the time its event loop worked
 * since the last look): under the raft benchmark's writes, with no schedule at all, a node compacted in the middle of
 * them (63 ms) in one run of two; with this, in none of three. Busy, it looks again this soon.
 */
const BUSY_SHARE = 0.2;
const BUSY_RECHECK_MS = 1_000;

/** For tests: shorter periods and a smaller threshold than the daemon's. */
export interface CompactionTuning {
  checkEveryMs?: number;
  atMostEveryMs?: number;
  freeBytes?: number;
  busyRecheckMs?: number;
}

/**
 * Gives back the sparse pages a burst of writes leaves in the old generation, which V8's own collections keep:
 * once the last full collection left the old generation's pages a quarter free (and at least 16 MiB), one that
 * compacts runs at a moment `nextBusyAt` says nothing is due and the event loop has mostly been idle. After
 * creating 100,000 schedules, each node of the fire benchmark compacted once, 65 → 35 MiB on the leader in 81-103 ms,
 * and the leader's RSS went from 1.11-1.21 to 0.95-0.97 KiB per schedule with fire lateness p99 unchanged (2-4 ms);
 * with the event loop's idleness asked too (2026-11-23), each node compacted once in 89-126 ms, 0.82 KiB per
 * schedule. Needs the `gc` function (`--expose-gc`, in bin/parallax-coordinator's first line); without it, does
 * nothing. Returns stop.
 */
export function compactWhenQuiet(nextBusyAt: () => number, logger: Logger, tuning: CompactionTuning = {}): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function') return () => undefined;
  const { checkEveryMs = CHECK_EVERY_MS, atMostEveryMs = COMPACT_AT_MOST_EVERY_MS, freeBytes = COMPACT_FREE_BYTES, busyRecheckMs = BUSY_RECHECK_MS } = tuning;
  // The old generation as the last full collection left it, when what it holds is what is alive: between two, what
  // it holds grows with garbage, and its free space says nothing.
  let afterFull: HeapSpaceInfo | undefined;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as { detail?: { kind?: number } };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) afterFull = oldSpace();
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  let lastAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let since: EventLoopUtilization = performance.eventLoopUtilization();
  const check = (): void => {
    const now = Date.now();
    const busy = performance.eventLoopUtilization(since).utilization > BUSY_SHARE;
    since = performance.eventLoopUtilization();
    const free = afterFull === undefined ? 0 : afterFull.space_size - afterFull.space_used_size;
    if (afterFull !== undefined && now - lastAt >= atMostEveryMs && free >= freeBytes && free >= COMPACT_FREE_SHARE * afterFull.space_size) {
      const quietMs = nextBusyAt() - now;
      if (quietMs < QUIET_NEEDED_MS || busy) {
        // Something is due soon: look again just after it. Busy: look again soon, at how busy it was meanwhile.
        timer = setTimeout(check, busy ? busyRecheckMs : Math.max(quietMs, 0) + 50).unref();
        return;
      }
      lastAt = now;
      const before = afterFull.space_size;
      const started = performance.now();
      setFlagsFromString('--compact-on-every-full-gc');
      try {
        gc();
      } finally {
        setFlagsFromString('--no-compact-on-every-full-gc');
      }
      afterFull = undefined;
      logger.info('compacted the old generation', {
        ms: Math.round(performance.now() - started),
        beforeMiB: Math.round(before / 1048576),
        afterMiB: Math.round((oldSpace()?.space_size ?? 0) / 1048576),
      });
    }
    timer = setTimeout(check, checkEveryMs).unref();
  };
  timer = setTimeout(check, checkEveryMs).unref();
  return () => {
    clearTimeout(timer);
    observer.disconnect();
  };
}

function oldSpace(): HeapSpaceInfo | undefined {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'old_space');
}
