/**
 * Recently read or written small values, so the FSM's reads during apply (the schedule of a fire, the run of a
 * report, the tenant's counters) rarely wait for LevelDB's thread pool. Least recently used values go first once
 * the cache holds `maxBytes`. `undefined` is cached too: "this key is absent" is as useful to know.
 */
export class ReadCache {
  private readonly entries = new Map<string, Buffer | null>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    /** Values larger than this (run output) are not kept. */
    private readonly maxValueBytes: number,
  ) {}

  /** The cached value (null when the key is known to be absent), or undefined when the cache does not know. */
  get(key: string): Buffer | null | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Buffer | null): void {
    this.delete(key);
    if (value !== null && value.length > this.maxValueBytes) return;
    this.entries.set(key, value);
    this.bytes += size(key, value);
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= size(oldest, old);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= size(key, old);
  }

  /** Forgets every key in [gte, lt). */
  deleteRange(gte: string, lt: string): void {
    for (const key of [...this.entries.keys()]) if (key >= gte && key < lt) this.delete(key);
  }
}

function size(key: string, value: Buffer | null): number {
  return key.length + (value?.length ?? 0) + 64;
}
