import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import { message } from '../../src/coordinator/raft/types.js';
import { type ReceivedSnapshot, RaftTransport } from '../../src/coordinator/replication/raft-transport.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { SNAPSHOT_STAGE_PREFIX } from '../../src/coordinator/storage/keys.js';
import { prefixEnd } from '../../src/coordinator/storage/kv.js';
import { type Membership, RaftStore, SnapshotHash, type SnapshotMeta } from '../../src/coordinator/storage/raft-store.js';
import { tempDir } from '../helpers/tmp.js';

const quiet = createLogger('test', { level: 'error' });
const members: Membership = { voters: ['n1', 'n2'], learners: [], addresses: {} };
const closers: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function keysUnder(store: Store, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of store.scan({ gte: prefix, lt: prefixEnd(prefix) })) keys.push(key);
  return keys;
}

/** n2 receiving snapshots into its own data directory, and n1 sending them, on loopback. */
async function pair(): Promise<{ sender: RaftTransport; store: Store; received: ReceivedSnapshot[] }> {
  const store = await Store.open(tempDir());
  closers.push(() => store.close());
  const raftStore = await RaftStore.open(store, members);
  const receiver = new RaftTransport('c1', {}, 'n2', quiet);
  const received: ReceivedSnapshot[] = [];
  receiver.receive(() => undefined, { stage: () => raftStore.stage(), received: (s) => received.push(s) });
  const server = new grpc.Server();
  const { definition, handlers } = receiver.service(() => []);
  server.addService(definition, handlers as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  closers.push(() => new Promise<void>((resolve) => server.tryShutdown(() => resolve())));
  const sender = new RaftTransport('c1', { n2: `127.0.0.1:${port}` }, 'n1', quiet);
  closers.push(() => sender.close());
  return { sender, store, received };
}

/** A snapshot's chunks of `count` pairs of 10 KiB, with its meta (`damage` spoils the checksum). */
async function* chunks(count: number, damage = false): AsyncGenerator<[string, Buffer][], SnapshotMeta> {
  const hash = new SnapshotHash();
  for (let c = 0; c < count / 100; c++) {
    const chunk: [string, Buffer][] = [];
    for (let i = c * 100; i < (c + 1) * 100; i++) {
      const pair: [string, Buffer] = [`t/default/v/k${String(i).padStart(5, '0')}`, Buffer.alloc(10 * 1024, i % 256)];
      hash.add(...pair);
      chunk.push(pair);
    }
    yield chunk;
  }
  return { index: 7, term: 2, membership: members, pairs: count, checksum: damage ? '0'.repeat(64) : hash.digest() };
}

const snap = message({ type: 'snap', from: 'n1', to: 'n2', term: 2 });

describe('snapshots between coordinators (RaftTransport)', () => {
  it('writes a snapshot to the receiver\'s data directory as it arrives, and hands over its stage once it checks out', async () => {
    const { sender, store, received } = await pair();
    const meta = await sender.sendSnapshot(snap, chunks(1000));
    expect(meta.pairs).toBe(1000);
    expect(received).toHaveLength(1);
    expect(received[0]!.meta).toMatchObject({ index: 7, term: 2, pairs: 1000, checksum: meta.checksum });
    expect(received[0]!.message).toMatchObject({ type: 'snap', from: 'n1', to: 'n2', term: 2 });
    const staged = await keysUnder(store, received[0]!.stage.prefix);
    expect(staged).toHaveLength(1000);
    expect(staged[0]).toBe(`${received[0]!.stage.prefix}t/default/v/k00000`);
    // Staged, not installed: the node's own state is untouched until the core asks.
    expect(await keysUnder(store, 't/')).toEqual([]);
  });

  it('refuses a snapshot whose pairs do not match its checksum, and keeps nothing of it', async () => {
    const { sender, store, received } = await pair();
    await expect(sender.sendSnapshot(snap, chunks(500, true))).rejects.toThrow(/incomplete or damaged \(500 pairs\)/);
    expect(received).toEqual([]);
    await expect.poll(() => keysUnder(store, SNAPSHOT_STAGE_PREFIX), { timeout: 5_000 }).toEqual([]);
  });

  it('discards what arrived of a snapshot whose sender gave up in the middle', async () => {
    const { sender, store, received } = await pair();
    async function* brokenOff(): AsyncGenerator<[string, Buffer][], SnapshotMeta> {
      const inner = chunks(1000);
      for (let i = 0; i < 3; i++) yield (await inner.next()).value as [string, Buffer][];
      // Long enough for the receiver to have staged the first chunks.
      await new Promise((resolve) => setTimeout(resolve, 300));
      throw new Error('the leader lost its leadership');
    }
    await expect(sender.sendSnapshot(snap, brokenOff())).rejects.toThrow(/lost its leadership/);
    expect(received).toEqual([]);
    await expect.poll(() => keysUnder(store, SNAPSHOT_STAGE_PREFIX), { timeout: 5_000 }).toEqual([]);
  });
});
