import { type ConfState, type Entry, EMPTY_HARD_STATE, type HardState, LogCompactedError, type Snapshot } from './types.js';

/**
 * What the core reads of the stable log. Synchronous: the driver keeps what the core may ask for in memory (LevelDB
 * is written through it, and read back only on start).
 */
export interface RaftStorage {
  initialState(): { hardState: HardState; conf: ConfState };
  /** Entries [lo, hi), at most about maxBytes of them (always at least one). */
  entries(lo: number, hi: number, maxBytes: number): Entry[];
  /** The term of entry i; 0 for index 0. Throws LogCompactedError below firstIndex() - 1. */
  term(i: number): number;
  firstIndex(): number;
  lastIndex(): number;
  /** The latest snapshot: what a follower too far behind the compacted log is sent. */
  snapshot(): Snapshot;
}

/** Raft storage in memory: the simulator's, and the driver's window over what LevelDB holds. */
export class MemoryStorage implements RaftStorage {
  hardState: HardState = { ...EMPTY_HARD_STATE };
  /** ents[0] is a dummy entry at the snapshot (compaction) point: its index and term. */
  private ents: Entry[] = [{ term: 0, index: 0, type: 'normal', data: new Uint8Array() }];
  private snap: Snapshot;

  private conf: ConfState;

  constructor(conf: ConfState) {
    this.conf = copyConf(conf);
    this.snap = { index: 0, term: 0, conf: copyConf(conf), data: new Uint8Array() };
  }

  initialState(): { hardState: HardState; conf: ConfState } {
    return { hardState: { ...this.hardState }, conf: copyConf(this.conf) };
  }

  /** The membership as of the last applied change (the driver records it as it applies conf entries). */
  setConf(conf: ConfState): void {
    this.conf = copyConf(conf);
  }

  snapshot(): Snapshot {
    return this.snap;
  }

  /** Replaces the whole log with a snapshot received from the leader. */
  applySnapshot(snapshot: Snapshot): void {
    if (snapshot.index <= this.snap.index) return;
    this.snap = snapshot;
    this.conf = copyConf(snapshot.conf);
    this.ents = [{ term: snapshot.term, index: snapshot.index, type: 'normal', data: new Uint8Array() }];
  }

  /** Records a snapshot of the FSM at `index` (applied, so stored here) and drops the entries up to `compactTo`. */
  createSnapshot(index: number, data: Uint8Array, compactTo: number): void {
    if (index <= this.snap.index || index > this.lastIndex()) return;
    this.snap = { index, term: this.term(index), conf: copyConf(this.conf), data };
    this.compact(Math.min(compactTo, index));
  }

  /** Drops entries up to `index`, keeping its term as the new starting point. */
  compact(index: number): void {
    const offset = this.ents[0]!.index;
    if (index <= offset) return;
    const term = this.term(index);
    this.ents = [{ term, index, type: 'normal', data: new Uint8Array() }, ...this.ents.slice(index - offset + 1)];
  }

  firstIndex(): number {
    return this.ents[0]!.index + 1;
  }

  lastIndex(): number {
    return this.ents[0]!.index + this.ents.length - 1;
  }

  term(i: number): number {
    const offset = this.ents[0]!.index;
    if (i < offset) throw new LogCompactedError(i);
    const entry = this.ents[i - offset];
    if (entry === undefined) throw new Error(`log entry ${i} is not stored (last ${this.lastIndex()})`);
    return entry.term;
  }

  entries(lo: number, hi: number, maxBytes: number): Entry[] {
    const offset = this.ents[0]!.index;
    if (lo <= offset) throw new LogCompactedError(lo);
    if (hi > this.lastIndex() + 1) throw new Error(`entries [${lo}, ${hi}) beyond the last index ${this.lastIndex()}`);
    return limitSize(this.ents.slice(lo - offset, hi - offset), maxBytes);
  }

  /** Appends entries, replacing any stored ones from the first new index on. */
  append(entries: Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = entries[0]!.index + entries.length - 1;
    if (last < first) return;
    const keep = first > entries[0]!.index ? entries.slice(first - entries[0]!.index) : entries;
    const offset = keep[0]!.index - this.ents[0]!.index;
    if (offset > this.ents.length) throw new Error(`missing log entry ${this.lastIndex() + 1}`);
    this.ents = [...this.ents.slice(0, offset), ...keep];
  }

  setHardState(hardState: HardState): void {
    this.hardState = { ...hardState };
  }

  /** A copy, as a crashed node finds it on disk. */
  clone(): MemoryStorage {
    const copy = new MemoryStorage(this.conf);
    copy.hardState = { ...this.hardState };
    copy.ents = [...this.ents];
    copy.snap = this.snap;
    return copy;
  }
}

export function entrySize(entry: Entry): number {
  return entry.data.length + 24;
}

/** A prefix of `entries` of at most `maxBytes`, but never empty when entries is not. */
export function limitSize(entries: Entry[], maxBytes: number): Entry[] {
  let size = 0;
  for (let i = 0; i < entries.length; i++) {
    size += entrySize(entries[i]!);
    if (i > 0 && size > maxBytes) return entries.slice(0, i);
  }
  return entries;
}

export function copyConf(conf: ConfState): ConfState {
  return { voters: [...conf.voters].sort(), learners: [...conf.learners].sort() };
}
