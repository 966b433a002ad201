import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/procs.js';

/**
 * compactWhenQuiet in a process of its own, started as the coordinator is (`--expose-gc`): a heap left sparse by a
 * burst (one object in two kept) is compacted when nothing is due and the process idles, and left alone while
 * something always is due, or while the process is kept working (calls, agents) with nothing due.
 */
function runScenario(mode: 'quiet' | 'due' | 'working'): { before: number; after: number; compactions: number } {
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
    const mode = ${JSON.stringify(mode)};
    const stop = compactWhenQuiet(() => (mode === 'due' ? Date.now() + 100 : Infinity), logger, { checkEveryMs: 50, atMostEveryMs: 0, freeBytes: 1 << 20, busyRecheckMs: 50 });
    // Working: 8 ms of every 10 on the main thread, as a coordinator answering a stream of calls.
    const work = mode === 'working' ? setInterval(() => { const end = performance.now() + 8; while (performance.now() < end); }, 10) : undefined;
    const kept = burst();
    // An ordinary full collection, as V8 makes them: it frees the dead half, and leaves its pages half empty.
    gc();
    const before = oldSpace();
    setTimeout(() => {
      stop();
      clearInterval(work);
      console.log(JSON.stringify({ before, after: oldSpace(), compactions, kept: kept.length }));
    }, 1000);
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  return JSON.parse(out) as { before: number; after: number; compactions: number };
}

describe('compacting the old generation when nothing is due', () => {
  it('gives back the pages a burst left sparse', () => {
    const quiet = runScenario('quiet');
    expect(quiet.compactions).toBeGreaterThan(0);
    expect(quiet.after).toBeLessThan(quiet.before * 0.8);
  });

  it('waits while something is always about to be due', () => {
    expect(runScenario('due').compactions).toBe(0);
  });

  it('waits while the process is kept working, though nothing is due', () => {
    expect(runScenario('working').compactions).toBe(0);
  });
});
