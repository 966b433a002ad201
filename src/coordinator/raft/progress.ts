/**
 * The leader's view of one follower (etcd's tracker.Progress). In `probe` it sends one append at a time until it
 * finds where the logs match; in `replicate` it streams appends optimistically, at most `inflights` unacknowledged.
 */
export type ProgressState = 'probe' | 'replicate' | 'snapshot';

/**
 * The appends sent to a follower and not yet acknowledged: at most `capacity` of them, and at most `maxBytes` of
 * entries (etcd's MaxInflightBytes). Entries of runs' output are up to 1 MiB each, and a slow follower's appends wait
 * in the leader's memory, so a count alone would let 256 of them hold 256 MiB.
 */
export class Inflights {
  /** The last index of each append, oldest first, and what its entries weigh (entrySize). */
  private readonly indexes: number[] = [];
  private readonly sizes: number[] = [];
  private total = 0;

  constructor(
    readonly capacity: number,
    readonly maxBytes = Infinity,
  ) {}

  /** An append whose last entry is `index`, carrying `bytes` of entries, was sent. */
  add(index: number, bytes = 0): void {
    this.indexes.push(index);
    this.sizes.push(bytes);
    this.total += bytes;
  }

  /** Appends up to `index` were acknowledged. */
  freeLE(index: number): void {
    let n = 0;
    while (n < this.indexes.length && this.indexes[n]! <= index) this.total -= this.sizes[n++]!;
    this.indexes.splice(0, n);
    this.sizes.splice(0, n);
  }

  freeFirstOne(): void {
    if (this.indexes.length === 0) return;
    this.indexes.shift();
    this.total -= this.sizes.shift()!;
  }

  get full(): boolean {
    return this.indexes.length >= this.capacity || this.total >= this.maxBytes;
  }

  get count(): number {
    return this.indexes.length;
  }

  get bytes(): number {
    return this.total;
  }

  reset(): void {
    this.indexes.length = 0;
    this.sizes.length = 0;
    this.total = 0;
  }
}

export class Progress {
  match = 0;
  next: number;
  state: ProgressState = 'probe';
  /** probe: an append was sent and not yet answered; wait (or for a heartbeat response) before the next. */
  probeSent = false;
  /** Heard from since the last check-quorum. */
  recentActive = false;
  /** snapshot: the index of the snapshot being sent. */
  pendingSnapshot = 0;
  readonly inflights: Inflights;

  constructor(next: number, maxInflight: number, maxInflightBytes = Infinity) {
    this.next = next;
    this.inflights = new Inflights(maxInflight, maxInflightBytes);
  }

  becomeProbe(): void {
    // After a snapshot, go on from it (or from what the follower is known to have, if that is further).
    this.next = this.state === 'snapshot' ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.state = 'probe';
    this.pendingSnapshot = 0;
    this.probeSent = false;
    this.inflights.reset();
  }

  becomeSnapshot(index: number): void {
    this.state = 'snapshot';
    this.pendingSnapshot = index;
    this.probeSent = false;
    this.inflights.reset();
  }

  becomeReplicate(): void {
    this.state = 'replicate';
    this.next = this.match + 1;
    this.probeSent = false;
    this.inflights.reset();
  }

  /** An append ending at `last` was sent, with `count` entries of `bytes` in all. */
  sentEntries(last: number, count: number, bytes = 0): void {
    if (this.state === 'replicate') {
      if (count > 0) {
        this.next = last + 1;
        this.inflights.add(last, bytes);
      }
    } else if (this.state === 'probe') {
      this.probeSent = true;
    }
  }

  /** The follower has everything up to `index`. Returns false when that is not news. */
  maybeUpdate(index: number): boolean {
    let updated = false;
    if (this.match < index) {
      this.match = index;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, index + 1);
    return updated;
  }

  /**
   * The follower rejected an append after `rejected`; `hint` is the last index it may match. Returns false when the
   * rejection is stale (answers an older append).
   */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false;
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false;
    this.next = Math.max(Math.min(rejected, hint + 1), this.match + 1);
    this.probeSent = false;
    return true;
  }

  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflights.full;
      case 'snapshot':
        return true;
    }
  }
}
