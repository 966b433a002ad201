import { describe, expect, it, vi } from 'vitest';
import { newId } from '../../src/common/ids.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { HighWater } from '../../src/coordinator/storage/high-water.js';
import { runKey, runPrefixOf } from '../../src/coordinator/storage/keys.js';
import type { KvOp } from '../../src/coordinator/storage/kv.js';
import { tempDir } from '../helpers/tmp.js';

const put = (key: string, value = '{}'): KvOp => ({ type: 'put', key, value: Buffer.from(value) });
const id = (at: number, fill = 1) => newId(at, (size) => new Uint8Array(size).fill(fill));

/** A scan the test answers when it chooses. */
function heldScan() {
  const asked: { prefix: string; answer(key: string | undefined): void; fail(): void }[] = [];
  const greatestStored = (prefix: string) =>
    new Promise<string | undefined>((resolve, reject) => asked.push({ prefix, answer: resolve, fail: () => reject(new Error('read failed')) }));
  return { asked, greatestStored };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('HighWater', () => {
  it('says a key is absent only once its prefix was scanned, and only above the greatest key found or learned', async () => {
    const { asked, greatestStored } = heldScan();
    const water = new HighWater(runPrefixOf, greatestStored);
    expect(water.isAbove('t/acme/r/0005')).toBe(false);
    expect(water.isAbove('t/acme/r/0006')).toBe(false);
    expect(asked.map((a) => a.prefix)).toEqual(['t/acme/r/']); // one scan, however often it is asked meanwhile
    water.learn('t/acme/r/0007'); // written while the scan is out
    asked[0]!.answer('t/acme/r/0003');
    await settle();
    expect(water.isAbove('t/acme/r/0007')).toBe(false);
    expect(water.isAbove('t/acme/r/0004')).toBe(false);
    expect(water.isAbove('t/acme/r/0008')).toBe(true);
    // Each tenant's runs are a prefix of their own; other keys are never said to be absent.
    expect(water.isAbove('t/other/r/0008')).toBe(false);
    expect(water.isAbove('t/acme/rs/s/0009')).toBe(false);
    expect(water.isAbove('C/agent/a1')).toBe(false);
    expect(asked.map((a) => a.prefix)).toEqual(['t/acme/r/', 't/other/r/']);
  });

  it('scans again after a scan failed, and says nothing is absent meanwhile', async () => {
    const { asked, greatestStored } = heldScan();
    const water = new HighWater(runPrefixOf, greatestStored);
    expect(water.isAbove('t/acme/r/0009')).toBe(false);
    asked[0]!.fail();
    await settle();
    expect(water.isAbove('t/acme/r/0009')).toBe(false);
    expect(asked).toHaveLength(2);
    asked[1]!.answer(undefined);
    await settle();
    expect(water.isAbove('t/acme/r/0001')).toBe(true);
  });
});

describe('Store: reads of keys above the high water', () => {
  it('finds runs stored before it opened, and answers for a new run id without LevelDB', async () => {
    const dir = tempDir();
    const t0 = Date.UTC(2026, 10, 1);
    const [older, newest, between] = [id(t0), id(t0 + 9_000), id(t0 + 5_000)];
    const first = await Store.open(dir);
    await first.write([put(runKey('acme', older), 'older'), put(runKey('acme', newest), 'newest')], true);
    await first.close();

    const store = await Store.open(dir);
    const db = (store as unknown as { db: { get(key: string): Promise<Buffer | undefined> } }).db;
    const reads = vi.spyOn(db, 'get');
    // Learned after the store opened, and below a run only LevelDB knows of: that run must still be found.
    await store.writeBehind([put(runKey('acme', between), 'between')]);
    // A new id each time: the cache remembers an absent key LevelDB was asked about.
    let fresh = '';
    for (let tries = 1; tries <= 100; tries++) {
      fresh = id(t0 + 60_000 + tries);
      reads.mockClear();
      expect(await store.get(runKey('acme', fresh))).toBeUndefined();
      if (reads.mock.calls.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(reads).not.toHaveBeenCalled();
    expect((await store.get(runKey('acme', newest)))?.toString()).toBe('newest');
    expect((await store.get(runKey('acme', older)))?.toString()).toBe('older');
    expect((await store.get(runKey('acme', between)))?.toString()).toBe('between');
    // Written since: found, whether or not the cache still has it.
    await store.write([put(runKey('acme', fresh), 'fresh')], true);
    expect((await store.get(runKey('acme', fresh)))?.toString()).toBe('fresh');
    await store.close();
  });
});
