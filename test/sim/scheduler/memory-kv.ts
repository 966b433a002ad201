import type { KvOp, KvReader, ScanRange } from '../../../src/coordinator/storage/kv.js';

/** The FSM's key space in memory, for the simulator: what LevelDB holds for a real node, with the same reads. */
export class MemoryKv implements KvReader {
  private map = new Map<string, Buffer>();

  get(key: string): Promise<Buffer | undefined> {
    return Promise.resolve(this.map.get(key));
  }

  async *scan(range: ScanRange): AsyncIterable<[string, Buffer]> {
    const keys = [...this.map.keys()].filter((k) => k >= range.gte && k < range.lt).sort();
    if (range.reverse === true) keys.reverse();
    // As in LevelDB, a negative limit is none.
    const limit = range.limit === undefined || range.limit < 0 ? Infinity : range.limit;
    for (let i = 0; i < keys.length && i < limit; i++) yield [keys[i]!, this.map.get(keys[i]!)!];
  }

  write(ops: KvOp[]): void {
    for (const op of ops) {
      if (op.type === 'put') this.map.set(op.key, op.value);
      else this.map.delete(op.key);
    }
  }

  /** The whole state, as a snapshot's data. */
  dump(): Uint8Array {
    const entries = [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.toString('base64')]);
    return new TextEncoder().encode(JSON.stringify(entries));
  }

  static load(data: Uint8Array | undefined): MemoryKv {
    const kv = new MemoryKv();
    if (data !== undefined && data.length > 0) {
      const entries = JSON.parse(new TextDecoder().decode(data)) as [string, string][];
      kv.map = new Map(entries.map(([k, v]) => [k, Buffer.from(v, 'base64')]));
    }
    return kv;
  }

  get size(): number {
    return this.map.size;
  }
}
