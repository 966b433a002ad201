/**
 * The greatest key under each prefix of a family whose new keys sort after the old ones (a tenant's runs: run ids
 * begin with the time they were made). A key above its prefix's greatest one cannot exist, so a read of it needs no
 * trip to LevelDB.
 *
 * That read is the FSM's check that a new run's id is not taken. The cache never knows the answer (the id is new),
 * so every node asked LevelDB's thread pool once per new run and held up the apply loop, and the Raft loop with it,
 * until the answer came. In the dispatch benchmark's throughput shape (6,000 runs) each node read run records from
 * LevelDB about 1,600 times instead of 8,000 (those left are runs queued so long that the cache let them go).
 *
 * What makes "above the greatest" safe: every key written since the store opened is learned before LevelDB has it,
 * and what LevelDB held before is found by one reverse scan of the prefix, the first time the prefix is asked about.
 * Until that scan is back, nothing is said to be absent. Deleted keys stay counted: the greatest key can only be too
 * high, which costs a read and never a wrong answer.
 */
export class HighWater {
  /** The greatest key learned or found under each prefix. */
  private readonly greatest = new Map<string, string>();
  /** Each prefix's scan of the keys on disk: under way (false) or done (true). Only after it is a key said to be absent. */
  private readonly scans = new Map<string, boolean>();

  constructor(
    /** The prefix of the family `key` belongs to, or undefined for a key of no family. */
    private readonly prefixOf: (key: string) => string | undefined,
    /** The greatest key stored under `prefix` (undefined: none). */
    private readonly greatestStored: (prefix: string) => Promise<string | undefined>,
  ) {}

  /** A key is being written (before LevelDB has it). */
  learn(key: string): void {
    const prefix = this.prefixOf(key);
    if (prefix !== undefined) this.raise(prefix, key);
  }

  /** True when `key` certainly does not exist: it sorts after every key its prefix ever had. */
  isAbove(key: string): boolean {
    const prefix = this.prefixOf(key);
    if (prefix === undefined) return false;
    if (this.scans.get(prefix) !== true) {
      this.scan(prefix);
      return false;
    }
    const greatest = this.greatest.get(prefix);
    return greatest === undefined || key > greatest;
  }

  private raise(prefix: string, key: string): void {
    const greatest = this.greatest.get(prefix);
    if (greatest === undefined || key > greatest) this.greatest.set(prefix, key);
  }

  private scan(prefix: string): void {
    if (this.scans.has(prefix)) return;
    this.scans.set(prefix, false);
    this.greatestStored(prefix).then(
      (key) => {
        if (key !== undefined) this.raise(prefix, key);
        this.scans.set(prefix, true);
      },
      // Not known, then: asked about again later, it is scanned again.
      () => this.scans.delete(prefix),
    );
  }
}
