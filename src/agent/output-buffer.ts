import type { OutputStream } from './executors/executor.js';

export interface NumberedPiece {
  seq: number;
  stream: OutputStream;
  data: Buffer;
  /** The note that stands for this many bytes dropped (data is its text). */
  dropped?: number;
}

export const MiB = 1024 * 1024;

/**
 * Output dropped to stay within the cap: the first unsent entry (at `seq`) becomes or stays the note that says how
 * much was dropped, the `removed` entries after it are merged into the note, and `trim` bytes are cut from the head
 * of the entry after those. The spool records this, so replaying it rebuilds the same numbering.
 */
export interface Drop {
  seq: number;
  removed: number;
  trim: number;
}

/** A numbered entry: bytes of one stream, or the note that stands, in their place, for bytes dropped. */
type Entry = { stream: OutputStream; data: Buffer; dropped?: undefined } | { dropped: number };

/**
 * The output of one attempt that the coordinator has not acknowledged. Bytes arrive unnumbered (staged); number()
 * turns what is staged into pieces with the next sequence numbers (adjacent bytes of one stream become one piece),
 * which is when the spool writes them; takeBatch() hands the oldest unsent pieces to a report, and ack() forgets
 * them once the coordinator has them.
 *
 * Beyond the cap, the oldest unsent bytes are dropped and one stderr note says so in their place. Pieces already
 * handed out are never changed or renumbered (the coordinator may hold them); the ones not yet sent are, so the
 * numbering has no gaps.
 */
export class OutputBuffer {
  private staged: { stream: OutputStream; data: Buffer }[] = [];
  private stagedTotal = 0;
  /** entries[i] has seq head + i. */
  private entries: Entry[] = [];
  private head = 0;
  /** entries[0..sent) have been handed out by takeBatch. */
  private sent = 0;
  private unsentData = 0;
  private liveData = 0;

  constructor(
    private readonly capBytes = MiB,
    /** Keeps one AppendOutput well under gRPC's default 4 MiB message limit. */
    private readonly maxBatchBytes = 1 * MiB,
  ) {}

  /** Bytes waiting to be sent: staged, or numbered and not yet handed out. */
  get unsentBytes(): number {
    return this.stagedTotal + this.unsentData;
  }

  get stagedBytes(): number {
    return this.stagedTotal;
  }

  /** Bytes of output in numbered pieces the coordinator has not acknowledged. */
  get liveBytes(): number {
    return this.liveData;
  }

  /** Numbered bytes not yet handed out. */
  get numberedUnsentBytes(): number {
    return this.unsentData;
  }

  get hasUnsent(): boolean {
    return this.stagedTotal > 0 || this.sent < this.entries.length;
  }

  /** Nothing left that the coordinator has not acknowledged. */
  get isEmpty(): boolean {
    return this.stagedTotal === 0 && this.entries.length === 0;
  }

  /** The first seq not acknowledged. */
  get firstSeq(): number {
    return this.head;
  }

  /** The seq the next numbered piece gets. */
  get nextSeq(): number {
    return this.head + this.entries.length;
  }

  append(stream: OutputStream, data: Buffer): void {
    if (data.length === 0) return;
    this.staged.push({ stream, data });
    this.stagedTotal += data.length;
  }

  /**
   * Numbers what is staged, then drops the oldest unsent bytes beyond `capBytes` (the cap unless a smaller one is
   * given): returns the new pieces and the drop, for the spool.
   */
  number(capBytes = this.capBytes): { pieces: NumberedPiece[]; drop: Drop | undefined } {
    const pieces: NumberedPiece[] = [];
    let current: { stream: OutputStream; parts: Buffer[]; size: number } | undefined;
    const close = () => {
      if (current === undefined) return;
      const piece = { seq: this.nextSeq, stream: current.stream, data: Buffer.concat(current.parts, current.size) };
      this.push(piece);
      pieces.push(piece);
      current = undefined;
    };
    for (const chunk of this.staged) {
      let data = chunk.data;
      while (data.length > 0) {
        if (current !== undefined && (current.stream !== chunk.stream || current.size >= this.maxBatchBytes)) close();
        current ??= { stream: chunk.stream, parts: [], size: 0 };
        const take = data.subarray(0, this.maxBatchBytes - current.size);
        current.parts.push(take);
        current.size += take.length;
        data = data.subarray(take.length);
      }
    }
    close();
    this.staged = [];
    this.stagedTotal = 0;
    return { pieces, drop: this.dropBeyond(Math.max(0, capBytes)) };
  }

  /**
   * Hands out the oldest unsent pieces, at most maxBatchBytes of them (at least one piece). Everything staged must
   * have been numbered first.
   */
  takeBatch(): NumberedPiece[] {
    const pieces: NumberedPiece[] = [];
    let budget = this.maxBatchBytes;
    while (this.sent < this.entries.length) {
      const entry = this.entries[this.sent]!;
      const seq = this.head + this.sent;
      if (entry.dropped !== undefined) {
        pieces.push({ seq, stream: 'stderr', data: Buffer.from(droppedNote(entry.dropped)), dropped: entry.dropped });
      } else {
        if (pieces.length > 0 && entry.data.length > budget) break;
        budget -= entry.data.length;
        this.unsentData -= entry.data.length;
        pieces.push({ seq, stream: entry.stream, data: entry.data });
      }
      this.sent++;
    }
    return pieces;
  }

  /** The coordinator has every piece before `seq`. */
  ack(seq: number): void {
    const count = Math.min(Math.max(0, seq - this.head), this.entries.length);
    for (const entry of this.entries.splice(0, count)) {
      if (entry.dropped !== undefined) continue;
      this.liveData -= entry.data.length;
    }
    this.sent = Math.max(0, this.sent - count);
    this.head = Math.max(this.head, seq);
  }

  /** Every numbered entry from the first unacknowledged, for a spool file rewritten without what was acknowledged. */
  entriesFromHead(): ({ seq: number; stream: OutputStream; data: Buffer } | { seq: number; dropped: number })[] {
    return this.entries.map((entry, i) =>
      entry.dropped === undefined ? { seq: this.head + i, stream: entry.stream, data: entry.data } : { seq: this.head + i, dropped: entry.dropped },
    );
  }

  // Replaying a spool file: the same steps, in the same order, rebuild the same pieces with the same numbers. Each
  // returns false when the record does not fit what came before (the file is damaged from there on).

  restorePiece(piece: NumberedPiece): boolean {
    if (piece.seq !== this.nextSeq) return false;
    this.push(piece);
    return true;
  }

  restoreNote(seq: number, dropped: number): boolean {
    if (seq !== this.nextSeq) return false;
    this.entries.push({ dropped });
    return true;
  }

  restoreDrop(drop: Drop): boolean {
    const index = drop.seq - this.head;
    const first = this.entries[index];
    if (index < 0 || first === undefined) return false;
    const start = first.dropped !== undefined ? index + 1 : index;
    if (start + drop.removed > this.entries.length) return false;
    if (drop.trim > 0) {
      const next = this.entries[start + drop.removed];
      if (next === undefined || next.dropped !== undefined || next.data.length <= drop.trim) return false;
    }
    this.applyDrop(index, drop.removed, drop.trim);
    return true;
  }

  /** After a replay, every piece is sent again from the first unacknowledged; none may be changed any more. */
  restored(): void {
    this.sent = 0;
    this.unsentData = this.liveData;
  }

  private push(piece: NumberedPiece): void {
    this.entries.push({ stream: piece.stream, data: piece.data });
    this.unsentData += piece.data.length;
    this.liveData += piece.data.length;
  }

  private dropBeyond(capBytes: number): Drop | undefined {
    if (this.unsentData <= capBytes) return undefined;
    const index = this.sent;
    // The note takes the place of the oldest unsent entry, or is that entry already; what it replaces starts there.
    const start = this.entries[index]!.dropped !== undefined ? index + 1 : index;
    let excess = this.unsentData - capBytes;
    let removed = 0;
    let trim = 0;
    for (let i = start; excess > 0 && i < this.entries.length; i++) {
      const entry = this.entries[i]!;
      const size = entry.dropped === undefined ? entry.data.length : 0;
      if (size <= excess) {
        excess -= size;
        removed++;
      } else {
        trim = excess;
        excess = 0;
      }
    }
    const drop = { seq: this.head + index, removed, trim };
    this.applyDrop(index, removed, trim);
    return drop;
  }

  /** Makes entries[index] the note (if it is not one), merges `removed` entries after it into it, trims the next. */
  private applyDrop(index: number, removed: number, trim: number): void {
    const first = this.entries[index]!;
    const note = first.dropped !== undefined ? first : { dropped: 0 };
    if (note !== first) this.entries.splice(index, 0, note);
    for (const entry of this.entries.splice(index + 1, removed)) {
      if (entry.dropped !== undefined) continue;
      note.dropped += entry.data.length;
      this.unsentData -= entry.data.length;
      this.liveData -= entry.data.length;
    }
    const next = this.entries[index + 1];
    if (trim > 0 && next !== undefined && next.dropped === undefined) {
      next.data = next.data.subarray(trim);
      note.dropped += trim;
      this.unsentData -= trim;
      this.liveData -= trim;
    }
  }
}

function droppedNote(bytes: number): string {
  return `[parallax-agent: ${bytes} bytes of output dropped: the run wrote faster than its output is sent (1 MiB a second while it runs), or the coordinators could not be reached]\n`;
}
