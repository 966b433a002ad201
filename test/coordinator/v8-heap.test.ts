import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/procs.js';

/**
 * compactWhenQuiet in a process of its own, started as the coordinator is (`--expose-gc`): a heap left sparse by a
 * burst (one object in two kept) is compacted when nothing is due, and left alone while something always is.
 */
function runScenario(busy: boolean): { before: number; after: number; compactions: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { compactWhenQuiet } from ${JSON.stringify(join(root, 'dist/coordinator/v8-heap.js'))};
    const oldSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size;
    function burst() {
      const all = [];
      for (let i = 0; i < 400000; i++) all.push({ i, name: 'schedule-' + i, due: [i, i + 1] });
      gc();
      return all.filter((_, i) => i % 2 === 0);
    }
    let compactions = 0;
    const logger = { info: () => compactions++, debug() {}, warn() {}, error() {}, child() { return logger; } };
    const busy = ${busy};
    const stop = compactWhenQuiet(() => (busy ? Date.now() + 100 : Infinity), logger, { checkEveryMs: 50, atMostEveryMs: 0, freeBytes: 1 << 20 });
    const kept = burst();
    // An ordinary full collection, as V8 makes them: it frees the dead half, and leaves its pages half empty.
    gc();
    const before = oldSpace();
    setTimeout(() => {
      stop();
      console.log(JSON.stringify({ before, after: oldSpace(), compactions, kept: kept.length }));
    }, 1000);
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out) as { before: number; after: number; compactions: number };
}

describe('compacting the old generation when nothing is due', () => {
  it('gives back the pages a burst left sparse', () => {
    const quiet = runScenario(false);
    expect(quiet.compactions).toBeGreaterThan(0);
    expect(quiet.after).toBeLessThan(quiet.before * 0.8);
  });

  it('waits while something is always about to be due', () => {
    expect(runScenario(true).compactions).toBe(0);
  });
});
