import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../src/agent/output-buffer.js';

const text = (s: string) => Buffer.from(s);

describe('OutputBuffer', () => {
  it('numbers pieces from 0 without gaps across batches and joins adjacent bytes of one stream', () => {
    const buffer = new OutputBuffer();
    buffer.append('stdout', text('a'));
    buffer.append('stdout', text('b'));
    buffer.append('stderr', text('c'));
    buffer.append('stdout', text('d'));
    expect(buffer.takeBatch().map((p) => [p.seq, p.stream, p.data.toString()])).toEqual([
      [0, 'stdout', 'ab'],
      [1, 'stderr', 'c'],
      [2, 'stdout', 'd'],
    ]);
    expect(buffer.isEmpty).toBe(true);
    buffer.append('stderr', text('e'));
    expect(buffer.takeBatch().map((p) => [p.seq, p.stream, p.data.toString()])).toEqual([[3, 'stderr', 'e']]);
  });

  it('takes at most one batch worth of bytes at a time, in order', () => {
    const buffer = new OutputBuffer(100, 4);
    buffer.append('stdout', text('abcdef'));
    buffer.append('stderr', text('gh'));
    const batches = [buffer.takeBatch(), buffer.takeBatch(), buffer.takeBatch()];
    expect(batches.map((b) => b.map((p) => `${p.seq}:${p.stream}:${p.data.toString()}`))).toEqual([
      ['0:stdout:abcd'],
      ['1:stdout:ef', '2:stderr:gh'],
      [],
    ]);
  });

  it('beyond its cap drops the oldest unsent bytes and says so, in their place, on stderr', () => {
    const buffer = new OutputBuffer(10);
    buffer.append('stdout', text('0123456789'));
    buffer.append('stdout', text('abcde'));
    buffer.append('stderr', text('XY'));
    expect(buffer.unsentBytes).toBe(10);
    const batch = buffer.takeBatch();
    expect(batch.map((p) => [p.seq, p.stream, p.data.toString()])).toEqual([
      [0, 'stderr', '[parallax-agent: 7 bytes of output dropped while the coordinator was unreachable]\n'],
      [1, 'stdout', '789abcde'],
      [2, 'stderr', 'XY'],
    ]);
    buffer.append('stdout', text('z'));
    expect(buffer.takeBatch().map((p) => p.seq)).toEqual([3]);
  });
});
