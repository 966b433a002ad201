import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Level } from 'level';
import { FailedPreconditionError, UnavailableError } from '../../common/errors.js';
import { checkDamage } from './damage.js';
import { HighWater } from './high-water.js';
import { AUDIT_PREFIX, FORMAT_KEY, LOG_PREFIX, runPrefixOf, SNAPSHOT_STAGE_PREFIX, TENANT_PREFIX } from './keys.js';
import { type KvOp, type KvReader, prefixEnd, type ScanRange } from './kv.js';
import { migrate3to4, migrate4to5 } from './migrate.js';
import { ReadCache } from './read-cache.js';

/**
 * The version of the on-disk layout (storage/keys.ts, storage/raft-store.ts). A node refuses a data directory of
 * another version. 2: the log holds Raft entries. 3: the membership keeps every member's address, and the data
 * directory its cluster id. 4: a schedule's active runs are keys of their own, not a list in its record (a data
 * directory of format 3 is migrated when opened: migrate.ts). 5: a snapshot from the leader is written to the data
 * directory as it arrives and installed in steps (snapshot-stage.ts); a node of format 4 would not finish an install
 * that a crash interrupted. Format 4 is format 5 without that, so it is moved to 5 as it is.
 */
export const STORAGE_FORMAT = 5;

/** The coordinator's LevelDB: one per data directory, the only place state is kept. */
export class Store implements KvReader {
  /**
   * 4 MiB: the hot records of a busy cluster (active runs, counters, agents, tokens, the schedules firing now), not its
   * history. A schedule is read once per fire, so caching 100,000 of them gains little: 32 MiB of cache took 15-30 MiB
   * of a leader's heap, with as many schedules.
   */
  private readonly cache = new ReadCache(4 * 1024 * 1024, 16 * 1024);
  /** Counts writes, so a read that raced one does not cache what it read. */
  private writes = 0;
  /** The last write carrying write-behind batches that LevelDB has not finished (each starts after the one before). */
  private behind: Promise<void> | undefined;
  /**
   * Write-behind batches not yet handed to LevelDB: they go first in the next synced write (a Raft append), or on
   * their own HOLD_MS after the first of them was made, or as soon as a read needs them.
   */
  private held: Held | undefined;
  private holdTimer: NodeJS.Timeout | undefined;
  /**
   * The keys the write-behind batches not yet in LevelDB write, each with how many of those batches write it. A read
   * of any other key need not wait for them: LevelDB already has its latest value. Under load there is always a batch
   * in flight, and waiting for it held up the FSM at every key the cache did not have (a new run's id, a run queued
   * long enough to leave the cache) on every node, and the Raft loop with it.
   */
  private readonly pendingKeys = new Map<string, number>();
  /** A new run's key is known to be free without asking LevelDB (high-water.ts). */
  private readonly highWater = new HighWater(runPrefixOf, (prefix) => this.greatestKey(prefix));

  private constructor(private readonly db: Level<string, Buffer>) {}

  /**
   * Opens (or creates) the data directory's LevelDB. Refuses one in use by another process, of another format, or
   * damaged (storage/damage.ts) unless `acceptDamage`, when `onDamageAccepted` hears what was lost.
   */
  static async open(dataDir: string, options: { acceptDamage?: boolean; onDamageAccepted?: (what: string) => void } = {}): Promise<Store> {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // LevelDB's own cache of uncompressed blocks is 4 MiB (its default is 8): the read cache above it keeps the hot
    // records, and the operating system's page cache keeps the files.
    const db = new Level<string, Buffer>(join(dataDir, 'db'), { keyEncoding: 'utf8', valueEncoding: 'buffer', cacheSize: 4 * 1024 * 1024 });
    try {
      await db.open();
    } catch (err) {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
      const code = (cause as (Error & { code?: string }) | undefined)?.code;
      if (code === 'LEVEL_LOCKED') {
        throw new FailedPreconditionError(`the data directory ${dataDir} is in use by another process (a coordinator running on it?): stop that first`, { cause: err });
      }
      if (code === 'LEVEL_CORRUPTION') {
        throw new FailedPreconditionError(`the data directory ${dataDir} is damaged, LevelDB cannot open it (${cause?.message ?? String(err)}): restore it from a backup or, in a cluster, empty it and add the node again`, { cause: err });
      }
      throw new UnavailableError(`cannot open the data directory ${dataDir}: ${cause?.message ?? String(err)}`, { cause: err });
    }
    try {
      const accepted = await checkDamage(db, dataDir, options.acceptDamage === true);
      if (accepted !== undefined) options.onDamageAccepted?.(accepted);
    } catch (err) {
      await db.close();
      throw err;
    }
    const store = new Store(db);
    let format = await db.get(FORMAT_KEY);
    if (format?.toString() === '3') {
      await migrate3to4(db);
      format = await db.get(FORMAT_KEY);
    }
    if (format?.toString() === '4') {
      await migrate4to5(db);
      format = await db.get(FORMAT_KEY);
    }
    if (format === undefined) {
      await db.put(FORMAT_KEY, Buffer.from(String(STORAGE_FORMAT)), { sync: true });
    } else if (Number(format.toString()) !== STORAGE_FORMAT) {
      await db.close();
      throw new FailedPreconditionError(
        `the data directory ${dataDir} has storage format ${format.toString()}; this version of parallax-coordinator reads format ${STORAGE_FORMAT} only`,
      );
    }
    return store;
  }

  async get(key: string): Promise<Buffer | undefined> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    if (this.highWater.isAbove(key)) return undefined;
    if (this.pendingKeys.has(key)) await this.caughtUp();
    const writes = this.writes;
    const value = await this.db.get(key);
    if (writes === this.writes && cacheable(key)) this.cache.set(key, value ?? null);
    return value;
  }

  async *scan(range: ScanRange): AsyncIterable<[string, Buffer]> {
    const options = { gte: range.gte, lt: range.lt, reverse: range.reverse ?? false, limit: range.limit ?? -1 };
    if (this.pendingIn(range.gte, range.lt)) await this.caughtUp();
    for await (const entry of this.db.iterator(options)) yield entry;
  }

  /**
   * Every pair in the store (but those under `skip`), in key order, through one iterator: LevelDB reads them as of
   * one point in time, whatever is written meanwhile.
   */
  async *scanAll(options: { skip?: string[] }): AsyncIterable<[string, Buffer]> {
    await this.caughtUp();
    const iterator = this.db.iterator();
    try {
      for (;;) {
        const entry = await iterator.next();
        if (entry === undefined) return;
        const skip = options.skip?.find((prefix) => entry[0].startsWith(prefix));
        if (skip !== undefined) {
          iterator.seek(prefixEnd(skip));
          continue;
        }
        yield entry;
      }
    } finally {
      await iterator.close();
    }
  }

  /**
   * One atomic write. `sync` waits until it is on disk: log appends need it, state derived from the log does not. A
   * synced write also carries the write-behind batches held until then, ahead of its own operations: one LevelDB write
   * (one append to its log, one trip through the thread pool) where there were two for every Raft round.
   */
  async write(ops: KvOp[], sync: boolean): Promise<void> {
    if (ops.length === 0) return;
    this.learn(ops);
    if (sync && this.held !== undefined && this.behind === undefined) {
      const held = this.takeHeld()!;
      const written = this.commit([...held.ops, ...ops], true);
      this.track(written, held);
      return written;
    }
    await this.commit(ops, sync);
  }

  /**
   * One atomic write, not synced, made after every earlier write-behind batch, that readers see at once: a read
   * finds the values in the cache, or waits for the batches not yet in LevelDB before it asks LevelDB. What the FSM
   * applies goes this way, so a caller is answered without waiting on LevelDB's thread pool (its entry is in the
   * synced log: a crash before the batch is written replays it). The batch is held briefly to go with the next
   * synced write (above). The promise rejects if the batch could not be written.
   */
  writeBehind(ops: KvOp[]): Promise<void> {
    this.learn(ops);
    for (const op of ops) this.pendingKeys.set(op.key, (this.pendingKeys.get(op.key) ?? 0) + 1);
    if (this.held === undefined) {
      this.held = newHeld();
      this.holdTimer = setTimeout(() => void this.release(), HOLD_MS);
      this.holdTimer.unref();
    }
    for (const op of ops) this.held.ops.push(op);
    const written = this.held.written;
    const landed = () => {
      for (const op of ops) {
        const left = (this.pendingKeys.get(op.key) ?? 1) - 1;
        if (left === 0) this.pendingKeys.delete(op.key);
        else this.pendingKeys.set(op.key, left);
      }
    };
    // A batch that failed is no better: the FSM stops applying (RaftLog) and the node stops serving.
    written.then(landed, landed);
    return written;
  }

  /** Hands the held batches to LevelDB on their own, after the write-behind still in flight; resolves with the last. */
  private release(): Promise<void> {
    const held = this.takeHeld();
    if (held === undefined) return this.behind ?? Promise.resolve();
    const written = (this.behind ?? Promise.resolve()).then(() => this.commit(held.ops, false));
    this.track(written, held);
    return written;
  }

  private takeHeld(): Held | undefined {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const taken = this.held;
    this.held = undefined;
    return taken;
  }

  /** `written` carries the held batches: their callers hear how it went, and later ones start after it. */
  private track(written: Promise<void>, carried: Held): void {
    this.behind = written;
    written.then(carried.resolve, carried.reject);
    const done = () => {
      if (this.behind === written) this.behind = undefined;
    };
    written.then(done, done);
  }

  /** Whether a write-behind batch not yet in LevelDB writes a key in [gte, lt). */
  private pendingIn(gte: string, lt: string): boolean {
    for (const key of this.pendingKeys.keys()) if (key >= gte && key < lt) return true;
    return false;
  }

  /** Resolves once every write-behind batch made so far is in LevelDB (or failed: the caller of writeBehind hears). */
  async caughtUp(): Promise<void> {
    await this.release().catch(() => undefined);
  }

  /** The cache learns a batch before LevelDB does: a read that races the batch must not cache the value it replaces. */
  private learn(ops: KvOp[]): void {
    this.writes++;
    for (const op of ops) {
      if (cacheable(op.key)) this.cache.set(op.key, op.type === 'put' ? op.value : null);
      else this.cache.delete(op.key);
      if (op.type === 'put') this.highWater.learn(op.key);
    }
  }

  /** The greatest key in LevelDB under `prefix`. */
  private async greatestKey(prefix: string): Promise<string | undefined> {
    const found = await this.db.keys({ gte: prefix, lt: prefixEnd(prefix), reverse: true, limit: 1 }).all();
    return found[0];
  }

  private async commit(ops: KvOp[], sync: boolean): Promise<void> {
    // A chained batch: abstract-level's array form costs about four times as much per operation (measured: 20
    // puts take ~90 µs chained and ~400 µs as an array), and every Ready writes one.
    const batch = this.db.batch();
    for (const op of ops) {
      if (op.type === 'put') batch.put(op.key, op.value);
      else batch.del(op.key);
    }
    await batch.write({ sync });
  }

  async clearRange(gte: string, lt: string): Promise<void> {
    // Forgetting a range walks the whole cache (4 ms when full): not for a range the cache never holds keys of, such
    // as the log's at every compaction.
    const uncached = UNCACHED_PREFIXES.some((prefix) => gte.startsWith(prefix) && lt <= prefixEnd(prefix));
    if (!uncached) this.cache.deleteRange(gte, lt);
    await this.db.clear({ gte, lt });
  }

  /** Deletes every key but those that start with `keep`, in place (no batch in memory). */
  async clearAllBut(keep: string): Promise<void> {
    await this.caughtUp();
    await this.clearRange('', keep);
    await this.clearRange(prefixEnd(keep), MAX_KEY);
  }

  /** The tenants that hold any data, found by skipping from one tenant's prefix to the next. */
  async tenants(): Promise<string[]> {
    await this.caughtUp();
    const found: string[] = [];
    const iterator = this.db.keys({ gte: TENANT_PREFIX, lt: TENANT_PREFIX + '\u00ff' });
    try {
      for (;;) {
        const key = await iterator.next();
        if (key === undefined) break;
        const tenant = key.slice(TENANT_PREFIX.length).split('/', 1)[0] ?? '';
        found.push(tenant);
        iterator.seek(`${TENANT_PREFIX}${tenant}/\u00ff`);
      }
    } finally {
      await iterator.close();
    }
    return found;
  }

  async close(): Promise<void> {
    await this.caughtUp();
    await this.db.close();
  }
}

/**
 * Log entries, run output, audit entries and schedules' past versions are written once and read rarely; the indexes
 * of a schedule's runs and of the runs not yet ended are only ever scanned, never read by key. Caching them would
 * only push out the rest: the indexes took a quarter of what a queued run held in the cache.
 */
function cacheable(key: string): boolean {
  return !UNCACHED_PREFIXES.some((prefix) => key.startsWith(prefix)) && !NOT_READ_BY_KEY.test(key);
}

const UNCACHED_PREFIXES = [LOG_PREFIX, AUDIT_PREFIX, SNAPSHOT_STAGE_PREFIX];

/**
 * How long write-behind batches wait for a synced write to go with: longer than a Raft round under load (about a
 * millisecond), short enough that an idle node has its state in LevelDB at once. A read never waits for it.
 */
const HOLD_MS = 5;

/** Write-behind batches held together, and the promise their callers were given. */
interface Held {
  ops: KvOp[];
  written: Promise<void>;
  resolve(): void;
  reject(err: unknown): void;
}

function newHeld(): Held {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const written = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { ops: [], written, resolve, reject };
}

/** Above every key: keys are ASCII (kv.ts, prefixEnd). */
const MAX_KEY = '\u00ff';

/** Output (o), schedule versions (sv), the runs of a schedule (rs) and the runs not ended (a), of any tenant. */
const NOT_READ_BY_KEY = /^t\/[^/]+\/(?:o|sv|rs|a)\//;
