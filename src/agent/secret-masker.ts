import type { OutputStream } from './executors/executor.js';

const MASK = Buffer.from('***');
/** Shorter values are not masked: masking every "a" or "1" would make the output unreadable and hide nothing. */
export const MIN_SECRET_BYTES = 4;

/**
 * Replaces the values of a run's secrets (environment taken from variables) with `***` in its output, before the
 * output leaves the agent. A value may be split across two writes of the process, so the last bytes of each stream
 * that could begin one are held back until the next write or the end.
 */
export class SecretMasker {
  private readonly secrets: Buffer[];
  private readonly holdBytes: number;
  private readonly carry: Record<OutputStream, Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };

  constructor(values: readonly string[]) {
    const unique = [...new Set(values.filter((v) => Buffer.byteLength(v) >= MIN_SECRET_BYTES))];
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = unique.map((v) => Buffer.from(v)).sort((a, b) => b.length - a.length);
    this.holdBytes = this.secrets.length === 0 ? 0 : this.secrets[0]!.length - 1;
  }

  get active(): boolean {
    return this.secrets.length > 0;
  }

  /** The bytes of `data` (after any held back) that can be sent now, masked. */
  push(stream: OutputStream, data: Buffer): Buffer {
    if (!this.active) return data;
    const buffer = this.carry[stream].length === 0 ? data : Buffer.concat([this.carry[stream], data]);
    const { out, rest } = this.mask(buffer, false);
    this.carry[stream] = rest;
    return out;
  }

  /** What is still held back of a stream, masked: at the end of the run. */
  flush(stream: OutputStream): Buffer {
    const held = this.carry[stream];
    this.carry[stream] = Buffer.alloc(0);
    return this.mask(held, true).out;
  }

  /**
   * Masks every whole value in `buffer`. Unless `final`, the tail from the first place where a value may begin but
   * the buffer ends first is returned as `rest`, to be completed by the next write.
   */
  private mask(buffer: Buffer, final: boolean): { out: Buffer; rest: Buffer } {
    const parts: Buffer[] = [];
    let i = 0;
    for (;;) {
      const whole = this.wholeMatch(buffer, i);
      const partial = final ? undefined : this.partialAtEnd(buffer, i);
      if (whole !== undefined && (partial === undefined || whole.at < partial)) {
        parts.push(buffer.subarray(i, whole.at), MASK);
        i = whole.at + whole.length;
        continue;
      }
      const end = partial ?? buffer.length;
      parts.push(buffer.subarray(i, end));
      return { out: Buffer.concat(parts), rest: Buffer.from(buffer.subarray(end)) };
    }
  }

  /**
   * A message about the run (why it failed, from the executor) with every value masked, also as lower case: a host
   * name in a resolver's error comes lower-cased.
   */
  text(message: string): string {
    let out = message;
    for (const secret of this.secrets) {
      const value = secret.toString();
      for (const form of new Set([value, value.toLowerCase()])) out = out.split(form).join(MASK.toString());
    }
    return out;
  }

  /** The earliest whole value at or after `start` (the longest one there). */
  private wholeMatch(buffer: Buffer, start: number): { at: number; length: number } | undefined {
    let best: { at: number; length: number } | undefined;
    for (const secret of this.secrets) {
      const at = buffer.indexOf(secret, start);
      if (at >= 0 && (best === undefined || at < best.at)) best = { at, length: secret.length };
    }
    return best;
  }

  /** The first position at or after `start` from which the rest of the buffer is the beginning of a value. */
  private partialAtEnd(buffer: Buffer, start: number): number | undefined {
    for (let p = Math.max(start, buffer.length - this.holdBytes); p < buffer.length; p++) {
      const tail = buffer.subarray(p);
      if (this.secrets.some((s) => s.length > tail.length && s.subarray(0, tail.length).equals(tail))) return p;
    }
    return undefined;
  }
}
