/** What the FSM and the queries read: a sorted key space of byte values. */
export interface KvReader {
  get(key: string): Promise<Buffer | undefined>;
  /** Entries with keys in [gte, lt), in key order (or reversed), at most `limit` of them. */
  scan(range: ScanRange): AsyncIterable<[string, Buffer]>;
}

export interface ScanRange {
  gte: string;
  lt: string;
  reverse?: boolean;
  limit?: number;
}

export type KvOp = { type: 'put'; key: string; value: Buffer } | { type: 'del'; key: string };

/** The end of the range of keys that start with `prefix` (keys are ASCII, so U+00FF sorts after all of them). */
export function prefixEnd(prefix: string): string {
  return prefix + '\u00ff';
}
