import { limitSize, type RaftStorage } from './storage.js';
import type { Entry, Snapshot } from './types.js';

/**
 * The log as the core sees it: the stable part in storage, then `unstable` entries not yet persisted (the driver
 * persists them from the next Ready). `committed` is known to be on a quorum; `applied` is what the FSM has.
 */
export class RaftLog {
  private unstable: Entry[] = [];
  /** Index of unstable[0]. */
  private unstableOffset: number;
  /** A snapshot received from the leader and not yet installed by the driver. */
  pendingSnapshot: Snapshot | undefined;
  committed: number;
  applied: number;

  constructor(
    readonly storage: RaftStorage,
    private readonly maxMsgBytes: number,
  ) {
    this.unstableOffset = storage.lastIndex() + 1;
    this.committed = storage.firstIndex() - 1;
    this.applied = storage.firstIndex() - 1;
  }

  lastIndex(): number {
    if (this.unstable.length > 0) return this.unstableOffset + this.unstable.length - 1;
    if (this.pendingSnapshot !== undefined) return this.pendingSnapshot.index;
    return this.storage.lastIndex();
  }

  lastTerm(): number {
    return this.term(this.lastIndex());
  }

  firstIndex(): number {
    return this.pendingSnapshot !== undefined ? this.pendingSnapshot.index + 1 : this.storage.firstIndex();
  }

  /** The term of entry i, 0 when there is no such entry (beyond the end or before the start). */
  term(i: number): number {
    if (i < this.firstIndex() - 1 || i > this.lastIndex()) return 0;
    if (i >= this.unstableOffset && this.unstable.length > 0) return this.unstable[i - this.unstableOffset]!.term;
    if (this.pendingSnapshot !== undefined && i === this.pendingSnapshot.index) return this.pendingSnapshot.term;
    return this.storage.term(i);
  }

  /** Installs a snapshot from the leader in place of the whole log (the driver persists it from the next Ready). */
  restore(snapshot: Snapshot): void {
    this.pendingSnapshot = snapshot;
    this.unstable = [];
    this.unstableOffset = snapshot.index + 1;
    this.committed = snapshot.index;
  }

  /** The driver installed the pending snapshot: the FSM now holds its state. */
  snapshotInstalled(index: number): void {
    if (this.pendingSnapshot?.index !== index) return;
    this.pendingSnapshot = undefined;
    this.applied = Math.max(this.applied, index);
  }

  matchTerm(i: number, term: number): boolean {
    return this.term(i) === term && (i === 0 || i >= this.firstIndex() - 1);
  }

  /** Raft §5.4.1: the candidate's log is at least as up to date as ours. */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const term = this.lastTerm();
    return lastTerm > term || (lastTerm === term && lastIndex >= this.lastIndex());
  }

  /**
   * A follower's append: when our entry at `index` has `logTerm`, appends what is new of `entries` (dropping any
   * conflicting suffix) and advances the commit index. Returns the index of the last new entry, or null on mismatch.
   */
  maybeAppend(index: number, logTerm: number, committed: number, entries: Entry[]): number | null {
    if (!this.matchTerm(index, logTerm)) return null;
    const lastNew = index + entries.length;
    const conflict = this.findConflict(entries);
    if (conflict !== 0) {
      if (conflict <= this.committed) {
        throw new Error(`entry ${conflict} conflicts with the committed entry (committed ${this.committed})`);
      }
      this.append(entries.slice(conflict - (index + 1)));
    }
    this.commitTo(Math.min(committed, lastNew));
    return lastNew;
  }

  /** Appends entries at their indexes, truncating the unstable suffix they replace. Returns the last index. */
  append(entries: Entry[]): number {
    if (entries.length === 0) return this.lastIndex();
    const after = entries[0]!.index - 1;
    if (after < this.committed) throw new Error(`appending after ${after}, below the commit index ${this.committed}`);
    if (after + 1 === this.unstableOffset + this.unstable.length) {
      this.unstable.push(...entries);
    } else if (after + 1 <= this.unstableOffset) {
      // Replaces everything unstable (and tells the driver to overwrite the stable suffix from here).
      this.unstableOffset = after + 1;
      this.unstable = [...entries];
    } else {
      this.unstable = [...this.unstable.slice(0, after + 1 - this.unstableOffset), ...entries];
    }
    return this.lastIndex();
  }

  /** The first index of `entries` whose term differs from ours, or that we do not have; 0 when all match. */
  findConflict(entries: Entry[]): number {
    for (const entry of entries) {
      if (!this.matchTerm(entry.index, entry.term)) return entry.index;
    }
    return 0;
  }

  /**
   * For a rejection: the largest index ≤ `index` whose term is ≤ `term`, so the leader can skip a whole term of
   * mismatching entries in one round trip.
   */
  findConflictByTerm(index: number, term: number): { index: number; term: number } {
    let i = Math.min(index, this.lastIndex());
    for (; i > 0; i--) {
      const t = this.term(i);
      if (t <= term || i < this.firstIndex()) return { index: i, term: t };
    }
    return { index: 0, term: 0 };
  }

  commitTo(index: number): void {
    if (index <= this.committed) return;
    if (index > this.lastIndex()) throw new Error(`commit ${index} is beyond the last index ${this.lastIndex()}`);
    this.committed = index;
  }

  /** Figure 8: only an entry of the leader's current term is committed by counting replicas. */
  maybeCommit(index: number, term: number): boolean {
    if (index > this.committed && this.term(index) === term) {
      this.commitTo(index);
      return true;
    }
    return false;
  }

  appliedTo(index: number): void {
    if (index === 0) return;
    if (index > this.committed || index < this.applied) {
      throw new Error(`applied ${index} is outside [${this.applied}, ${this.committed}]`);
    }
    this.applied = index;
  }

  unstableEntries(): Entry[] {
    return this.unstable;
  }

  /** The unstable entries up to `index` (of `term`) are now on disk. */
  stableTo(index: number, term: number): void {
    if (this.unstable.length === 0 || index < this.unstableOffset) return;
    if (this.term(index) !== term) return;
    this.unstable = this.unstable.slice(index + 1 - this.unstableOffset);
    this.unstableOffset = index + 1;
  }

  /** Committed entries not yet applied, at most about maxBytes (none until a pending snapshot is installed). */
  nextCommitted(maxBytes: number): Entry[] {
    if (this.pendingSnapshot !== undefined) return [];
    const lo = Math.max(this.applied + 1, this.firstIndex());
    if (this.committed + 1 <= lo) return [];
    return limitSize(this.slice(lo, this.committed + 1), maxBytes);
  }

  /** Entries [lo, hi) from storage and the unstable part. */
  slice(lo: number, hi: number): Entry[] {
    if (lo >= hi) return [];
    const out: Entry[] = [];
    if (lo < this.unstableOffset) out.push(...this.storage.entries(lo, Math.min(hi, this.unstableOffset), Infinity));
    if (hi > this.unstableOffset) {
      out.push(...this.unstable.slice(Math.max(lo, this.unstableOffset) - this.unstableOffset, hi - this.unstableOffset));
    }
    return out;
  }

  /** Entries from `lo` to the end, at most about maxMsgBytes: what one append message carries. */
  entriesFrom(lo: number): Entry[] {
    if (lo > this.lastIndex()) return [];
    return limitSize(this.slice(lo, this.lastIndex() + 1), this.maxMsgBytes);
  }
}
