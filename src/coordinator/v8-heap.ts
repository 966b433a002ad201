import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the heap grow past what a full collection found alive: by half (the default lets it grow up to
 * four times on a machine with much memory). A coordinator's live heap is mostly what it follows (100,000 schedules:
 * about 90 MiB); after a burst of writes V8 kept three to four times that, and the RSS of a leader of 100,000
 * schedules went from about 500 to about 300 MiB with this bound (`npm run bench -- fire --schedules 100000
 * --period 1h`). The cost is more frequent full collections, each of a heap that size.
 *
 * V8 reads this flag at every full collection, so setting it once the process runs takes effect.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
