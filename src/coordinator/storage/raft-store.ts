import { createHash } from 'node:crypto';
import { type ConfState, type Entry, EMPTY_HARD_STATE, type HardState, LogCompactedError, type NodeId, type Snapshot } from '../raft/types.js';
import { copyConf, entrySize, limitSize, type RaftStorage } from '../raft/storage.js';
import type { Store } from './db.js';
import { APPLIED_KEY, LOG_PREFIX, logKey, META_PREFIX, SNAPSHOT_STAGE_PREFIX } from './keys.js';
import type { KvOp } from './kv.js';
import { prefixEnd } from './kv.js';
import { moveStagedInPlace, SnapshotStage } from './snapshot-stage.js';

/** Who is in the cluster and how to reach each member: the core's ConfState plus every member's address. */
export interface Membership extends ConfState {
  addresses: Record<NodeId, string>;
}

/** What a snapshot's pairs are the state of. */
export interface SnapshotMeta {
  index: number;
  term: number;
  membership: Membership;
  /** How many pairs it holds, and their SHA-256 (SnapshotHash): the receiver checks both before installing. */
  pairs: number;
  checksum: string;
}

/** The checksum of a snapshot's pairs, fed in key order: each key and value with its length before it. */
export class SnapshotHash {
  private readonly hash = createHash('sha256');
  private readonly lengths = Buffer.alloc(8);

  add(key: string, value: Buffer): void {
    const k = Buffer.from(key, 'utf8');
    this.lengths.writeUInt32BE(k.length, 0);
    this.lengths.writeUInt32BE(value.length, 4);
    this.hash.update(this.lengths).update(k).update(value);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** A snapshot on its way: pairs of the state machine in key order, in chunks of about this many bytes. */
const SNAPSHOT_CHUNK_BYTES = 512 * 1024;

const HARD_STATE_KEY = 'M/raft/hard-state';
const CONF_KEY = 'M/raft/conf';
/** The index and term of the last entry removed by compaction: the log starts after it. */
const LOG_START_KEY = 'M/raft/log-start';
/** Set while a snapshot is being installed (its stage and meta): a restart finishes the install first. */
const INSTALLING_KEY = 'M/raft/installing';

interface Installing {
  stage: string;
  meta: SnapshotMeta;
}

/**
 * The Raft log on LevelDB. Everything the core may ask for is kept in memory too (the log is compacted by count and
 * by size, compactionPoint, so it stays small), so the core's reads are synchronous; `persist` writes one synced
 * batch per Ready.
 *
 * An entry on disk: 6 bytes of term, 1 byte of type (0 normal, 1 conf), then the data.
 */
export class RaftStore implements RaftStorage {
  private entriesInMemory: Entry[] = [];
  /** What entriesInMemory hold, by entrySize. */
  private bytesInMemory = 0;
  private start = { index: 0, term: 0 };
  private hardState: HardState = { ...EMPTY_HARD_STATE };
  private membership: Membership;
  private stages = 0;

  private constructor(
    private readonly store: Store,
    initial: Membership,
  ) {
    this.membership = copyMembership(initial);
  }

  /** Loads the log; a new data directory starts with `initial` as its membership. */
  static async open(store: Store, initial: Membership): Promise<RaftStore> {
    const raft = new RaftStore(store, initial);
    const installing = await store.get(INSTALLING_KEY);
    if (installing !== undefined) {
      // Stopped in the middle of installing a snapshot: the old state is partly gone, the stage still whole.
      const { stage, meta } = JSON.parse(installing.toString('utf8')) as Installing;
      await moveStagedInPlace(store, stage, META_PREFIX, installedOps(meta));
    }
    // What streams cut short left (not synced, so possibly in part): the leader sends again what is still needed.
    await SnapshotStage.discardAll(store);
    const [hard, conf, start] = await Promise.all([store.get(HARD_STATE_KEY), store.get(CONF_KEY), store.get(LOG_START_KEY)]);
    if (hard !== undefined) raft.hardState = JSON.parse(hard.toString('utf8')) as HardState;
    if (conf !== undefined) raft.membership = copyMembership(JSON.parse(conf.toString('utf8')) as Membership);
    else await store.write([membershipOp(raft.membership)], true);
    if (start !== undefined) raft.start = JSON.parse(start.toString('utf8')) as { index: number; term: number };
    for await (const [key, value] of store.scan({ gte: logKey(raft.start.index + 1), lt: prefixEnd(LOG_PREFIX) })) {
      const entry = decodeEntry(Number(key.slice(LOG_PREFIX.length)), value);
      if (entry.index !== raft.lastIndex() + 1) throw new Error(`the log on disk has a gap before entry ${entry.index}`);
      raft.entriesInMemory.push(entry);
      raft.bytesInMemory += entrySize(entry);
    }
    return raft;
  }

  initialState(): { hardState: HardState; conf: ConfState } {
    return { hardState: { ...this.hardState }, conf: copyConf(this.membership) };
  }

  /** The membership as of the last applied change (or installed snapshot). */
  members(): Membership {
    return copyMembership(this.membership);
  }

  /** True when the data directory has never held any log entry or vote: a node that is still to join a cluster. */
  isEmpty(): boolean {
    return this.lastIndex() === 0 && this.hardState.term === 0;
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

  /**
   * The core learns only where the log starts: the state itself is read from LevelDB when the transport streams it
   * (readSnapshot), as of whatever entry is applied by then.
   */
  snapshot(): Snapshot {
    return { index: this.start.index, term: this.start.term, conf: copyConf(this.membership), data: new Uint8Array() };
  }

  /**
   * The state machine's state for a follower: every pair outside the log and the node's own metadata, read through
   * one LevelDB iterator (so one consistent point in time), in chunks; the meta, read through the same iterator,
   * is the generator's return value.
   */
  async *readSnapshot(): AsyncGenerator<[string, Buffer][], SnapshotMeta> {
    let applied: number | undefined;
    let membership: Membership | undefined;
    let chunk: [string, Buffer][] = [];
    let bytes = 0;
    let pairs = 0;
    const hash = new SnapshotHash();
    for await (const [key, value] of this.store.scanAll({ skip: [LOG_PREFIX, SNAPSHOT_STAGE_PREFIX] })) {
      if (key === APPLIED_KEY) applied = Number(value.toString());
      else if (key === CONF_KEY) membership = copyMembership(JSON.parse(value.toString('utf8')) as Membership);
      if (key.startsWith(META_PREFIX)) continue;
      chunk.push([key, value]);
      hash.add(key, value);
      pairs++;
      bytes += key.length + value.length;
      if (bytes >= SNAPSHOT_CHUNK_BYTES) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
    }
    if (chunk.length > 0) yield chunk;
    if (applied === undefined || membership === undefined) throw new Error('the data directory has no applied state to send');
    // Entries after the compaction point are all in memory; one before it is no longer known.
    return { index: applied, term: this.term(applied), membership, pairs, checksum: hash.digest() };
  }

  /** A new place to receive a snapshot from the leader, on disk. */
  stage(): SnapshotStage {
    return new SnapshotStage(this.store, `${SNAPSHOT_STAGE_PREFIX}${++this.stages}/`);
  }

  /**
   * Replaces the state machine's state and the whole log with a snapshot from the leader, received into `stage`. In
   * steps, so that no batch holds the whole state: a synced marker first, which makes the stage durable and makes a
   * restart finish the install (RaftStore.open), so a crash leaves the old state or, once the node is up again, the
   * new one. The hard state is kept: the core writes it next.
   */
  async installSnapshot(meta: SnapshotMeta, stage: SnapshotStage): Promise<void> {
    const installing: Installing = { stage: stage.prefix, meta };
    await this.store.write([{ type: 'put', key: INSTALLING_KEY, value: Buffer.from(JSON.stringify(installing)) }], true);
    await moveStagedInPlace(this.store, stage.prefix, META_PREFIX, installedOps(meta));
    this.start = { index: meta.index, term: meta.term };
    this.entriesInMemory = [];
    this.bytesInMemory = 0;
    this.membership = copyMembership(meta.membership);
  }

  /**
   * Writes new entries (replacing any from the first new index on) and the hard state in one synced batch: what a
   * Ready asks to be on disk before its messages leave. A Ready that moves only the commit index writes nothing:
   * the commit index is volatile in Raft (on restart, what was applied is known from the FSM's applied index), so
   * it goes to disk with the next entries and never costs a sync of its own (like etcd's mustSync).
   */
  async persist(entries: Entry[], hardState: HardState | undefined): Promise<void> {
    const ops: KvOp[] = [];
    if (entries.length > 0) {
      const first = entries[0]!.index;
      if (first <= this.start.index) throw new Error(`cannot overwrite compacted entry ${first}`);
      for (let i = first; i <= this.lastIndex(); i++) ops.push({ type: 'del', key: logKey(i) });
      for (const entry of entries) ops.push({ type: 'put', key: logKey(entry.index), value: encodeEntry(entry) });
    }
    const next = hardState ?? this.hardState;
    const voteChanged = next.term !== this.hardState.term || next.vote !== this.hardState.vote;
    if (ops.length > 0 || voteChanged) {
      ops.push({ type: 'put', key: HARD_STATE_KEY, value: Buffer.from(JSON.stringify(next)) });
      await this.store.write(ops, true);
    }
    if (entries.length > 0) {
      const keep = entries[0]!.index - this.start.index - 1;
      for (let i = keep; i < this.entriesInMemory.length; i++) this.bytesInMemory -= entrySize(this.entriesInMemory[i]!);
      if (keep < this.entriesInMemory.length) this.entriesInMemory.length = keep;
      for (const entry of entries) {
        this.entriesInMemory.push(entry);
        this.bytesInMemory += entrySize(entry);
      }
    }
    this.hardState = { ...next };
  }

  /** The membership as of the last applied change, written with the FSM batch that applied it. */
  membershipOps(membership: Membership): KvOp[] {
    this.membership = copyMembership(membership);
    return [membershipOp(this.membership)];
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
    const gone = index - this.start.index;
    for (let i = 0; i < gone; i++) this.bytesInMemory -= entrySize(this.entriesInMemory[i]!);
    this.entriesInMemory = this.entriesInMemory.slice(gone);
    this.start = start;
  }

  /**
   * Where to compact the log so that at most `keepEntries` applied entries stay, holding at most `keepBytes` (every
   * entry is also in memory, and a few runs that print fast fill 1 MiB entries many times a second): the last index
   * to drop, or undefined while less than a tenth of either bound would go, as compacting costs a synced write.
   */
  compactionPoint(applied: number, keepEntries: number, keepBytes: number): number | undefined {
    let keptBytes = this.bytesInMemory;
    for (let i = this.lastIndex(); i > applied; i--) keptBytes -= entrySize(this.entriesInMemory[i - this.start.index - 1]!);
    const keptEntries = applied - this.start.index;
    if (keptEntries - keepEntries < keepEntries / 10 && keptBytes - keepBytes < keepBytes / 10) return undefined;
    let upTo = this.start.index;
    while (upTo < applied && (applied - upTo > keepEntries || keptBytes > keepBytes)) {
      upTo++;
      keptBytes -= entrySize(this.entriesInMemory[upTo - this.start.index - 1]!);
    }
    return upTo > this.start.index ? upTo : undefined;
  }
}

/** What an installed snapshot leaves besides its pairs: the applied index, where the log starts, the membership. */
function installedOps(meta: SnapshotMeta): KvOp[] {
  return [
    { type: 'put', key: APPLIED_KEY, value: Buffer.from(String(meta.index)) },
    { type: 'put', key: LOG_START_KEY, value: Buffer.from(JSON.stringify({ index: meta.index, term: meta.term })) },
    membershipOp(meta.membership),
    { type: 'del', key: INSTALLING_KEY },
  ];
}

function membershipOp(membership: Membership): KvOp {
  return { type: 'put', key: CONF_KEY, value: Buffer.from(JSON.stringify(membership)) };
}

function copyMembership(m: Membership): Membership {
  return { ...copyConf(m), addresses: { ...(m.addresses ?? {}) } };
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
