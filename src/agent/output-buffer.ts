import type { OutputStream } from './executors/executor.js';

export interface NumberedPiece {
  seq: number;
  stream: OutputStream;
  data: Buffer;
}

export const MiB = 1024 * 1024;

/**
 * The output of one attempt that the coordinator has not been sent yet. Sequence numbers are given when a batch
 * is taken, not when bytes arrive, so bytes dropped to stay within the cap never leave a gap in the numbering;
 * what was dropped is said, in its place, by one stderr piece.
 */
export class OutputBuffer {
  private readonly chunks: { stream: OutputStream; data: Buffer }[] = [];
  private unsent = 0;
  private dropped = 0;
  private seq = 0;

  constructor(
    private readonly capBytes = 4 * MiB,
    /** Keeps one AppendOutput well under gRPC's default 4 MiB message limit. */
    private readonly maxBatchBytes = 1 * MiB,
  ) {}

  get unsentBytes(): number {
    return this.unsent;
  }

  get isEmpty(): boolean {
    return this.chunks.length === 0 && this.dropped === 0;
  }

  append(stream: OutputStream, data: Buffer): void {
    if (data.length === 0) return;
    this.chunks.push({ stream, data });
    this.unsent += data.length;
    while (this.unsent > this.capBytes) {
      const oldest = this.chunks[0]!;
      const cut = Math.min(oldest.data.length, this.unsent - this.capBytes);
      if (cut === oldest.data.length) this.chunks.shift();
      else oldest.data = oldest.data.subarray(cut);
      this.unsent -= cut;
      this.dropped += cut;
    }
  }

  /** The next batch, numbered; adjacent bytes of the same stream travel as one piece. */
  takeBatch(): NumberedPiece[] {
    const pieces: NumberedPiece[] = [];
    if (this.dropped > 0) {
      const note = `[parallax-agent: ${this.dropped} bytes of output dropped while the coordinator was unreachable]\n`;
      pieces.push({ seq: this.seq++, stream: 'stderr', data: Buffer.from(note) });
      this.dropped = 0;
    }
    let budget = this.maxBatchBytes;
    let current: { stream: OutputStream; parts: Buffer[] } | undefined;
    const close = () => {
      if (current !== undefined) pieces.push({ seq: this.seq++, stream: current.stream, data: Buffer.concat(current.parts) });
    };
    while (budget > 0 && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const take = chunk.data.length <= budget ? chunk.data : chunk.data.subarray(0, budget);
      if (take.length === chunk.data.length) this.chunks.shift();
      else chunk.data = chunk.data.subarray(take.length);
      budget -= take.length;
      this.unsent -= take.length;
      if (current?.stream === chunk.stream) {
        current.parts.push(take);
      } else {
        close();
        current = { stream: chunk.stream, parts: [take] };
      }
    }
    close();
    return pieces;
  }
}
