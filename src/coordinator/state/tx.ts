import { type KvOp, type KvReader, prefixEnd } from '../storage/kv.js';

/**
 * The writes of a batch of commands, seen by the commands that follow in the same batch before any of it is on
 * disk. The driver writes `ops` in one batch together with the applied index.
 */
export class Tx {
  private readonly overlay = new Map<string, Buffer | null>();

  constructor(private readonly base: KvReader) {}

  async get(key: string): Promise<Buffer | undefined> {
    const pending = this.overlay.get(key);
    if (pending !== undefined) return pending ?? undefined;
    return this.base.get(key);
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    const value = await this.get(key);
    return value === undefined ? undefined : (JSON.parse(value.toString('utf8')) as T);
  }

  put(key: string, value: Buffer): void {
    this.overlay.set(key, value);
  }

  putJson(key: string, value: unknown): void {
    this.put(key, Buffer.from(JSON.stringify(value), 'utf8'));
  }

  del(key: string): void {
    this.overlay.set(key, null);
  }

  /** Every key that starts with `prefix`, as this batch leaves them (its own writes and deletes included), sorted. */
  async keys(prefix: string): Promise<string[]> {
    const found = new Set<string>();
    for await (const [key] of this.base.scan({ gte: prefix, lt: prefixEnd(prefix) })) found.add(key);
    for (const [key, value] of this.overlay) {
      if (!key.startsWith(prefix)) continue;
      if (value === null) found.delete(key);
      else found.add(key);
    }
    return [...found].sort();
  }

  /** The writes in key order: the same commands give the same batch, byte for byte. */
  ops(): KvOp[] {
    return [...this.overlay.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]): KvOp => (value === null ? { type: 'del', key } : { type: 'put', key, value }));
  }
}
