import { afterEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../../src/coordinator/storage/db.js';
import type { KvOp } from '../../src/coordinator/storage/kv.js';
import { tempDir } from '../helpers/tmp.js';

const put = (key: string, value: string | Buffer): KvOp => ({ type: 'put', key, value: Buffer.isBuffer(value) ? value : Buffer.from(value) });

async function scanKeys(store: Store, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const [key] of store.scan({ gte: prefix, lt: `${prefix}\u00ff` })) keys.push(key);
  return keys;
}

/** What the FSM applies is written behind: every read made after writeBehind returns must see it. */
describe('Store.writeBehind', () => {
  it('shows each batch to every kind of read from the moment it is made, in the order batches were made', async () => {
    const store = await Store.open(tempDir());
    const big = Buffer.alloc(64 * 1024, 7); // larger than the cache keeps: only LevelDB has it
    const written: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      written.push(store.writeBehind([put(`t/x/k${String(i).padStart(2, '0')}`, `v${i}`), put('t/x/last', `v${i}`), put(`t/x/big${i}`, big)]));
      // Not awaited: each read below is made while batches are still on their way to LevelDB.
      expect((await store.get('t/x/last'))?.toString()).toBe(`v${i}`);
      expect((await store.get(`t/x/big${i}`))?.length).toBe(big.length);
      expect(await scanKeys(store, 't/x/k')).toHaveLength(i + 1);
    }
    store.writeBehind([{ type: 'del', key: 't/x/k00' }, { type: 'del', key: 't/x/big0' }]);
    expect(await store.get('t/x/big0')).toBeUndefined();
    expect(await scanKeys(store, 't/x/k')).toHaveLength(49);
    await Promise.all(written);
  });

  it('answers a read of a key no batch in flight writes without waiting for those batches', async () => {
    const store = await Store.open(tempDir());
    await store.writeBehind([put('t/z/settled', 'old enough')]);
    // Uncached (too large for the cache) and slow to write: 32 MiB in one batch.
    const chunk = Buffer.alloc(1024 * 1024, 1);
    const order: string[] = [];
    const heavy = store.writeBehind(Array.from({ length: 32 }, (_, i) => put(`t/z/heavy${i}`, chunk))).then(() => order.push('batch'));
    const settled = store.get('t/z/settled').then((value) => order.push(`read ${value?.toString()}`));
    const absent = store.get('t/z/never').then((value) => order.push(`read ${String(value)}`));
    // A key the batch writes is read after it.
    const pending = store.get('t/z/heavy31').then((value) => order.push(`read heavy ${value?.length}`));
    await Promise.all([heavy, settled, absent, pending]);
    expect(order.slice(0, 2).sort()).toEqual(['read old enough', 'read undefined']);
    expect(order.slice(2)).toEqual(['batch', `read heavy ${chunk.length}`]);
    await store.close();
  });

  it('has every batch on disk once closed', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    for (let i = 0; i < 200; i++) void store.writeBehind([put('t/y/n', String(i)), put(`t/y/k${i}`, 'x')]);
    await store.close();
    const reopened = await Store.open(dir);
    expect((await reopened.get('t/y/n'))?.toString()).toBe('199');
    expect(await scanKeys(reopened, 't/y/k')).toHaveLength(200);
    await reopened.close();
  });
});

/** Write-behind batches wait for the next synced write (a Raft append) and go to LevelDB in it: one write, not two. */
describe('Store.writeBehind held for the next synced write', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const settledYet = async (promise: Promise<void>): Promise<boolean> => {
    let settled = false;
    void promise.then(() => (settled = true));
    // LevelDB's thread pool answers a small write within milliseconds; setImmediate is not faked.
    for (let i = 0; i < 50 && !settled; i++) await new Promise((resolve) => setTimeout(resolve, 2));
    return settled;
  };

  it('writes the held batches with the next synced write, before their hold runs out', async () => {
    const dir = tempDir();
    const store = await Store.open(dir);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const behind = store.writeBehind([put('t/h/state', 'applied 1'), put('t/h/o/run1/0000', 'output')]);
    // Only the hold's timer could write it, and that time is not passing.
    vi.useRealTimers();
    expect(await settledYet(behind)).toBe(false);
    await store.write([put('L/00000000000000000002', 'the next entry')], true);
    await behind;
    await store.close();
    const reopened = await Store.open(dir);
    expect((await reopened.get('t/h/state'))?.toString()).toBe('applied 1');
    expect((await reopened.get('L/00000000000000000002'))?.toString()).toBe('the next entry');
    await reopened.close();
  });

  it('writes them on their own once the hold runs out, or at once when a read needs them', async () => {
    const store = await Store.open(tempDir());
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const first = store.writeBehind([put('t/h/a', '1')]);
    await vi.advanceTimersByTimeAsync(10);
    vi.useRealTimers();
    expect(await settledYet(first)).toBe(true);

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    // Run output is never cached: a read of a held piece must get it from LevelDB, so it is written now.
    const second = store.writeBehind([put('t/h/o/run1/0001', 'output')]);
    expect((await store.get('t/h/o/run1/0001'))?.toString()).toBe('output');
    vi.useRealTimers();
    expect(await settledYet(second)).toBe(true);
    await store.close();
  });
});

describe('Store.clearRange', () => {
  it('removes a range from LevelDB and from the cache, and leaves the keys around it', async () => {
    const store = await Store.open(tempDir());
    await store.write([put('t/r/a', '1'), put('t/r/b', '2'), put('t/r/c', '3'), put('L/00000000000000000001', 'entry')], false);
    // Read once, so each is in the cache.
    for (const key of ['t/r/a', 't/r/b', 't/r/c']) expect(await store.get(key)).toBeDefined();
    await store.clearRange('t/r/b', 't/r/c');
    expect(await store.get('t/r/b')).toBeUndefined();
    expect((await store.get('t/r/a'))?.toString()).toBe('1');
    expect((await store.get('t/r/c'))?.toString()).toBe('3');
    // The log's keys are never cached; their range goes from LevelDB all the same.
    await store.clearRange('L/00000000000000000001', 'L/00000000000000000002');
    expect(await store.get('L/00000000000000000001')).toBeUndefined();
    await store.close();
  });
});
