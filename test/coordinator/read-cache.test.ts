import { describe, expect, it } from 'vitest';
import { ReadCache } from '../../src/coordinator/storage/read-cache.js';

const value = (n: number) => Buffer.alloc(n, 1);

describe('ReadCache', () => {
  it('answers what was set, knows absent keys, and does not know what it was never told', () => {
    const cache = new ReadCache(1024 * 1024, 1024);
    cache.set('a', value(10));
    cache.set('gone', null);
    expect(cache.get('a')).toEqual(value(10));
    expect(cache.get('gone')).toBeNull();
    expect(cache.get('never')).toBeUndefined();
  });

  it('keeps every byte of a value as it was set, and hands out copies', () => {
    const cache = new ReadCache(1024 * 1024, 1024);
    const binary = Buffer.from([0, 255, 128, 10, 0xc3, 0x28, 0xe2, 0x82]);
    cache.set('bin', binary);
    binary[0] = 99;
    const first = cache.get('bin')!;
    expect([...first]).toEqual([0, 255, 128, 10, 0xc3, 0x28, 0xe2, 0x82]);
    first[1] = 1;
    expect(cache.get('bin')![1]).toBe(255);
  });

  it('does not keep values above the size limit, and forgets what such a value replaced', () => {
    const cache = new ReadCache(1024 * 1024, 100);
    cache.set('k', value(10));
    cache.set('k', value(101));
    expect(cache.get('k')).toBeUndefined();
  });

  it('stays within its bytes however much is written, dropping the least recently used first', () => {
    // Each entry counts its key, its value and 64 bytes: about 170 bytes; a generation holds 10,000 / 2 of them.
    const cache = new ReadCache(10_000, 1024);
    for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, value(100));
    expect(cache.get('k9999')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
    let kept = 0;
    for (let i = 9_999; i >= 0; i--) if (cache.get(`k${i}`) !== undefined) kept++;
    expect(kept).toBeGreaterThanOrEqual(Math.floor(5_000 / 170));
    expect(kept).toBeLessThanOrEqual(Math.ceil(10_000 / 169));
  });

  it('counts a key written again and again at its latest size, so the keys beside it stay', () => {
    // A generation holds 1,000 bytes: the first key (about 70) and the rewritten one (about 870) fit together.
    const cache = new ReadCache(2_000, 1024);
    cache.set('first', value(1));
    for (let i = 0; i < 1_000; i++) cache.set('rewritten', value(800 + (i % 2)));
    expect(cache.get('rewritten')).toEqual(value(801));
    // Had every write counted anew, generations would have turned over and dropped it long ago.
    expect(cache.get('first')).toEqual(value(1));
    // Shrinking counts too: after it, 900 more bytes of new keys fit beside both.
    cache.set('rewritten', value(10));
    for (let i = 0; i < 9; i++) cache.set(`new${i}`, value(30));
    expect(cache.get('first')).toEqual(value(1));
    expect(cache.get('new0')).toEqual(value(30));
  });

  it('keeps a value that is read while newer ones push older ones out', () => {
    const cache = new ReadCache(2_000, 1024);
    cache.set('hot', value(10));
    for (let i = 0; i < 200; i++) {
      cache.set(`cold${i}`, value(10));
      expect(cache.get('hot')).toEqual(value(10));
    }
    expect(cache.get('cold0')).toBeUndefined();
  });

  it('forgets a key, and a range of keys, in whichever generation it is', () => {
    const cache = new ReadCache(2_000, 1024);
    cache.set('a/1', value(1));
    cache.set('a/2', value(1));
    cache.set('b/1', value(1));
    // Push the three into the old generation, then delete.
    for (let i = 0; i < 12; i++) cache.set(`x${i}`, value(10));
    cache.deleteRange('a/', 'a/\u00ff');
    cache.delete('b/1');
    expect(cache.get('a/1')).toBeUndefined();
    expect(cache.get('a/2')).toBeUndefined();
    expect(cache.get('b/1')).toBeUndefined();
    expect(cache.get('x11')).toEqual(value(10));
  });
});
