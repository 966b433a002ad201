import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the benchmarks, without types
import { figureAt, median, summarize } from '../../bench/ab.js';

describe('bench/ab.js: comparing two builds over alternating runs', () => {
  it('gives each build its median and range, and the median of the pairs\' ratios', () => {
    const doc = (perSec: number, p99?: number) => ({ parallax: { serial: { perSec, ...(p99 === undefined ? {} : { p99 }) } } });
    const pairs = [
      { mine: doc(600, 4), theirs: doc(500, 5) },
      { mine: doc(700, 3), theirs: doc(700, 6) },
      { mine: doc(650), theirs: doc(520, 4) },
    ];
    const [perSec, p99] = summarize(pairs, ['parallax.serial.perSec', 'parallax.serial.p99']);
    expect(perSec).toEqual({ path: 'parallax.serial.perSec', mine: { median: 650, range: [600, 700] }, theirs: { median: 520, range: [500, 700] }, ratio: 1.2 });
    // A figure missing from one run (a shape that failed) is left out of that run's pair, not counted as zero.
    expect(p99.mine).toEqual({ median: 3.5, range: [3, 4] });
    expect(p99.ratio).toBeCloseTo(0.65, 5);
  });

  it('reads only finite numbers at a path', () => {
    expect(figureAt({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(figureAt({ a: { b: 'x' } }, 'a.b')).toBeUndefined();
    expect(figureAt({ a: null }, 'a.b')).toBeUndefined();
    expect(median([3, undefined, 1, 2])).toBe(2);
    expect(median([])).toBeUndefined();
  });
});
