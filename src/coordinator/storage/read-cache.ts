/**
 * Recently read or written small values, so the FSM's reads during apply (the schedule of a fire, the run of a
 * report, the tenant's counters) rarely wait for LevelDB's thread pool. `null` is cached too: "this key is absent"
 * is as useful to know.
 *
 * Two generations instead of an exact LRU list: values go into the young one; once it holds half of `maxBytes`, it
 * becomes the old one and the previous old one is dropped whole. A hit in the old generation moves the value to the
 * young one. Every operation is a Map lookup or two, with no reordering on a hit and no scan to evict (an exact LRU
 * on a Map re-inserted every key it read and walked past deleted slots to find the oldest: 10% of a busy leader's
 * time). What is used within a generation stays; the cache holds at most `maxBytes`.
 *
 * Values are kept as one-byte (latin1) strings, byte for byte, and handed out as new Buffers. A small Buffer is a
 * view of an 8 KiB slab it shares with whatever else was allocated then; kept Buffers held 4.5 times their bytes in
 * slabs (87 MiB for 19 MiB of values with 100,000 schedules). A string costs its bytes and a header.
 */
export class ReadCache {
  private young = new Map<string, string | null>();
  private old = new Map<string, string | null>();
  private youngBytes = 0;
  private readonly generationBytes: number;

  constructor(
    maxBytes: number,
    /** Values larger than this (run output) are not kept. */
    private readonly maxValueBytes: number,
  ) {
    this.generationBytes = Math.max(1, Math.floor(maxBytes / 2));
  }

  /** The cached value (null when the key is known to be absent), or undefined when the cache does not know. */
  get(key: string): Buffer | null | undefined {
    let value = this.young.get(key);
    if (value === undefined) {
      value = this.old.get(key);
      if (value === undefined) return undefined;
      this.old.delete(key);
      this.insert(key, value);
    }
    return value === null ? null : Buffer.from(value, 'latin1');
  }

  set(key: string, value: Buffer | null): void {
    this.old.delete(key);
    if (value !== null && value.length > this.maxValueBytes) {
      this.delete(key);
      return;
    }
    const kept = value === null ? null : value.toString('latin1');
    const previous = this.young.get(key);
    if (previous === undefined) {
      this.insert(key, kept);
      return;
    }
    // Replaced in place. Deleting it and adding it again, as this did, left a deleted slot in the Map at every write
    // of a hot key (a run's record, a tenant's counters); V8 rebuilt the Map each time those filled it, and grew it
    // while fewer than half its slots were deleted ones: writing to the cache took 7-18 µs once the young
    // generation held a few thousand keys (0.3 µs now), and now and then a millisecond or two.
    this.young.set(key, kept);
    this.youngBytes += size(key, kept) - size(key, previous);
    this.turnOverIfFull();
  }

  delete(key: string): void {
    this.old.delete(key);
    const previous = this.young.get(key);
    if (previous === undefined) return;
    this.young.delete(key);
    this.youngBytes -= size(key, previous);
  }

  /** Forgets every key in [gte, lt). */
  deleteRange(gte: string, lt: string): void {
    for (const generation of [this.young, this.old]) {
      for (const key of [...generation.keys()]) if (key >= gte && key < lt) this.delete(key);
    }
  }

  private insert(key: string, value: string | null): void {
    this.young.set(key, value);
    this.youngBytes += size(key, value);
    this.turnOverIfFull();
  }

  private turnOverIfFull(): void {
    if (this.youngBytes < this.generationBytes) return;
    this.old = this.young;
    this.young = new Map();
    this.youngBytes = 0;
  }
}

/** What an entry costs the process, roughly: its key and value, two string headers and the Map's entry. */
function size(key: string, value: string | null): number {
  return key.length + (value?.length ?? 0) + 64;
}
