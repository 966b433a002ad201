import { type ConfState, type Entry, EMPTY_HARD_STATE, type HardState, LogCompactedError, type Snapshot } from '../raft/types.js';
import { copyConf, limitSize, type RaftStorage } from '../raft/storage.js';
import type { Store } from './db.js';
import { LOG_PREFIX, logKey } from './keys.js';
import type { KvOp } from './kv.js';
import { prefixEnd } from './kv.js';

const HARD_STATE_KEY = 'M/raft/hard-state';
const CONF_KEY = 'M/raft/conf';
/** The index and term of the last entry removed by compaction: the log starts after it. */
const LOG_START_KEY = 'M/raft/log-start';

/**
 * The Raft log on LevelDB. Everything the core may ask for is kept in memory too (the log is compacted, so it stays
 * small), so the core's reads are synchronous; `persist` writes one synced batch per Ready.
 *
 * An entry on disk: 6 bytes of term, 1 byte of type (0 normal, 1 conf), then the data.
 */
export class RaftStore implements RaftStorage {
  private entriesInMemory: Entry[] = [];
  private start = { index: 0, term: 0 };
  private hardState: HardState = { ...EMPTY_HARD_STATE };
  private conf: ConfState;

  private constructor(
    private readonly store: Store,
    initialConf: ConfState,
  ) {
    this.conf = copyConf(initialConf);
  }

  /** Loads the log; a new data directory starts with `initialConf` as its membership. */
  static async open(store: Store, initialConf: ConfState): Promise<RaftStore> {
    const raft = new RaftStore(store, initialConf);
    const [hard, conf, start] = await Promise.all([store.get(HARD_STATE_KEY), store.get(CONF_KEY), store.get(LOG_START_KEY)]);
    if (hard !== undefined) raft.hardState = JSON.parse(hard.toString('utf8')) as HardState;
    if (conf !== undefined) raft.conf = JSON.parse(conf.toString('utf8')) as ConfState;
    else await store.write([{ type: 'put', key: CONF_KEY, value: Buffer.from(JSON.stringify(raft.conf)) }], true);
    if (start !== undefined) raft.start = JSON.parse(start.toString('utf8')) as { index: number; term: number };
    for await (const [key, value] of store.scan({ gte: logKey(raft.start.index + 1), lt: prefixEnd(LOG_PREFIX) })) {
      const entry = decodeEntry(Number(key.slice(LOG_PREFIX.length)), value);
      if (entry.index !== raft.lastIndex() + 1) throw new Error(`the log on disk has a gap before entry ${entry.index}`);
      raft.entriesInMemory.push(entry);
    }
    return raft;
  }

  initialState(): { hardState: HardState; conf: ConfState } {
    return { hardState: { ...this.hardState }, conf: copyConf(this.conf) };
  }

  firstIndex(): number {
    return this.start.index + 1;
  }

  lastIndex(): number {
    return this.start.index + this.entriesInMemory.length;
  }

  term(i: number): number {
    if (i === this.start.index) return this.start.term;
    if (i < this.start.index) throw new LogCompactedError(i);
    const entry = this.entriesInMemory[i - this.start.index - 1];
    if (entry === undefined) throw new Error(`log entry ${i} is not stored (last ${this.lastIndex()})`);
    return entry.term;
  }

  entries(lo: number, hi: number, maxBytes: number): Entry[] {
    if (lo <= this.start.index) throw new LogCompactedError(lo);
    return limitSize(this.entriesInMemory.slice(lo - this.start.index - 1, hi - this.start.index - 1), maxBytes);
  }

  snapshot(): Snapshot {
    // Sending the FSM's state to a follower that fell behind needs the snapshot stream of the cluster transport.
    return { index: this.start.index, term: this.start.term, conf: copyConf(this.conf), data: new Uint8Array() };
  }

  /**
   * Writes new entries (replacing any from the first new index on) and the hard state in one synced batch: what a
   * Ready asks to be on disk before its messages leave.
   */
  async persist(entries: Entry[], hardState: HardState | undefined): Promise<void> {
    const ops: KvOp[] = [];
    if (entries.length > 0) {
      const first = entries[0]!.index;
      if (first <= this.start.index) throw new Error(`cannot overwrite compacted entry ${first}`);
      for (let i = first; i <= this.lastIndex(); i++) ops.push({ type: 'del', key: logKey(i) });
      for (const entry of entries) ops.push({ type: 'put', key: logKey(entry.index), value: encodeEntry(entry) });
    }
    if (hardState !== undefined) ops.push({ type: 'put', key: HARD_STATE_KEY, value: Buffer.from(JSON.stringify(hardState)) });
    if (ops.length === 0) return;
    await this.store.write(ops, true);
    if (entries.length > 0) {
      const keep = entries[0]!.index - this.start.index - 1;
      if (keep < this.entriesInMemory.length) this.entriesInMemory.length = keep;
      for (const entry of entries) this.entriesInMemory.push(entry);
    }
    if (hardState !== undefined) this.hardState = { ...hardState };
  }

  /** The membership as of the last applied change, written with the FSM batch that applied it. */
  confOps(conf: ConfState): KvOp[] {
    this.conf = copyConf(conf);
    return [{ type: 'put', key: CONF_KEY, value: Buffer.from(JSON.stringify(this.conf)) }];
  }

  /**
   * Drops entries up to `index` (applied, and the FSM state in the store already holds their effect). The FSM's
   * writes are not synced, but LevelDB's write-ahead log is one sequence: this synced batch makes them durable too.
   */
  async compact(index: number): Promise<void> {
    if (index <= this.start.index || index > this.lastIndex()) return;
    const start = { index, term: this.term(index) };
    await this.store.write([{ type: 'put', key: LOG_START_KEY, value: Buffer.from(JSON.stringify(start)) }], true);
    await this.store.clearRange(logKey(this.start.index + 1), logKey(index + 1));
    this.entriesInMemory = this.entriesInMemory.slice(index - this.start.index);
    this.start = start;
  }
}

function encodeEntry(entry: Entry): Buffer {
  const value = Buffer.alloc(7 + entry.data.length);
  value.writeUIntBE(entry.term, 0, 6);
  value[6] = entry.type === 'conf' ? 1 : 0;
  value.set(entry.data, 7);
  return value;
}

function decodeEntry(index: number, value: Buffer): Entry {
  return { index, term: value.readUIntBE(0, 6), type: value[6] === 1 ? 'conf' : 'normal', data: value.subarray(7) };
}
