import type { Store } from './db.js';
import { SNAPSHOT_STAGE_PREFIX } from './keys.js';
import { type KvOp, prefixEnd } from './kv.js';

/** Pairs moved into place per batch when a staged snapshot is installed: about this many bytes. */
const MOVE_BATCH_BYTES = 1024 * 1024;

/**
 * A snapshot from the leader, written to the data directory chunk by chunk as it arrives, under a prefix of its own
 * (M/snapshot/<stage>/, so never sent on in a snapshot, and kept when another is installed). Receiving a state of any
 * size takes the memory of one chunk, where holding the pairs until they were installed took three times the state
 * (300 MiB of variables made a follower catching up grow to 987 MiB).
 *
 * The chunks are not synced: installing starts with a synced write (RaftStore.installSnapshot), which makes every
 * write before it durable too, LevelDB's log being one sequence. A stage that is not installed is discarded; a
 * restart discards what a stream cut short left behind (`discardAll`).
 */
export class SnapshotStage {
  private discarded = false;

  constructor(
    private readonly store: Store,
    readonly prefix: string,
  ) {}

  /** Writes a chunk of pairs; the stream waits for it before the next (so memory holds one chunk). */
  async add(pairs: [string, Buffer][]): Promise<void> {
    if (this.discarded) return;
    await this.store.write(pairs.map(([key, value]): KvOp => ({ type: 'put', key: this.prefix + key, value })), false);
  }

  /** Deletes the staged pairs (a stream cut short, a snapshot the core no longer wants). Idempotent. */
  async discard(): Promise<void> {
    if (this.discarded) return;
    this.discarded = true;
    await this.store.clearRange(this.prefix, prefixEnd(this.prefix));
  }

  static async discardAll(store: Store): Promise<void> {
    await store.clearRange(SNAPSHOT_STAGE_PREFIX, prefixEnd(SNAPSHOT_STAGE_PREFIX));
  }
}

/**
 * Replaces every key outside `keep` with the pairs staged under `stagePrefix`, in batches of bounded size, then writes
 * `last` (synced) and deletes the stage. Not atomic: the caller marks the install first, so that a restart in the
 * middle does it all again (it can: the stage is intact until `last` is on disk).
 */
export async function moveStagedInPlace(store: Store, stagePrefix: string, keep: string, last: KvOp[]): Promise<void> {
  await store.clearAllBut(keep);
  let ops: KvOp[] = [];
  let bytes = 0;
  for await (const [key, value] of store.scan({ gte: stagePrefix, lt: prefixEnd(stagePrefix) })) {
    ops.push({ type: 'put', key: key.slice(stagePrefix.length), value });
    bytes += key.length + value.length;
    if (bytes >= MOVE_BATCH_BYTES) {
      await store.write(ops, false);
      ops = [];
      bytes = 0;
    }
  }
  await store.write([...ops, ...last], true);
  await store.clearRange(stagePrefix, prefixEnd(stagePrefix));
}
