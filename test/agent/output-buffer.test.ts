import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../src/agent/output-buffer.js';

const text = (s: string) => Buffer.from(s);
const show = (pieces: { seq: number; stream: string; data: Buffer }[]) => pieces.map((p) => `${p.seq}:${p.stream}:${p.data.toString()}`);

describe('OutputBuffer', () => {
  it('numbers pieces from 0 without gaps across batches and joins adjacent bytes of one stream', () => {
    const buffer = new OutputBuffer();
    buffer.append('stdout', text('a'));
    buffer.append('stdout', text('b'));
    buffer.append('stderr', text('c'));
    buffer.append('stdout', text('d'));
    expect(show(buffer.number().pieces)).toEqual(['0:stdout:ab', '1:stderr:c', '2:stdout:d']);
    expect(show(buffer.takeBatch())).toEqual(['0:stdout:ab', '1:stderr:c', '2:stdout:d']);
    expect(buffer.hasUnsent).toBe(false);
    buffer.append('stderr', text('e'));
    buffer.number();
    expect(show(buffer.takeBatch())).toEqual(['3:stderr:e']);
  });

  it('takes at most one batch worth of bytes at a time, in order', () => {
    const buffer = new OutputBuffer(100, 4);
    buffer.append('stdout', text('abcdef'));
    buffer.append('stderr', text('gh'));
    buffer.number();
    const batches = [buffer.takeBatch(), buffer.takeBatch(), buffer.takeBatch()];
    expect(batches.map(show)).toEqual([['0:stdout:abcd'], ['1:stdout:ef', '2:stderr:gh'], []]);
  });

  it('forgets what the coordinator acknowledged, and is empty once it has everything', () => {
    const buffer = new OutputBuffer();
    buffer.append('stdout', text('abc'));
    buffer.number();
    buffer.takeBatch();
    expect(buffer.isEmpty).toBe(false);
    expect(buffer.liveBytes).toBe(3);
    buffer.ack(1);
    expect(buffer.isEmpty).toBe(true);
    expect([buffer.firstSeq, buffer.nextSeq, buffer.liveBytes]).toEqual([1, 1, 0]);
  });

  it('beyond its cap drops the oldest unsent bytes and says so, in their place, on stderr', () => {
    const buffer = new OutputBuffer(10);
    buffer.append('stdout', text('0123456789'));
    buffer.number();
    buffer.append('stdout', text('abcde'));
    buffer.append('stderr', text('XY'));
    const { drop } = buffer.number();
    expect(drop).toEqual({ seq: 0, removed: 0, trim: 7 });
    expect(buffer.unsentBytes).toBe(10);
    expect(show(buffer.takeBatch())).toEqual([
      '0:stderr:[parallax-agent: 7 bytes of output dropped: the run wrote faster than its output is sent (1 MiB a second while it runs), or the coordinators could not be reached]\n',
      '1:stdout:789',
      '2:stdout:abcde',
      '3:stderr:XY',
    ]);
    buffer.append('stdout', text('z'));
    buffer.number();
    expect(buffer.takeBatch().map((p) => p.seq)).toEqual([4]);
  });

  it('never changes or renumbers pieces handed out; a later drop grows the note not yet sent', () => {
    const buffer = new OutputBuffer(4);
    buffer.append('stdout', text('sent'));
    buffer.number();
    expect(show(buffer.takeBatch())).toEqual(['0:stdout:sent']);
    buffer.append('stdout', text('abcdef'));
    expect(buffer.number().drop).toEqual({ seq: 1, removed: 0, trim: 2 });
    buffer.append('stderr', text('ghij'));
    expect(buffer.number().drop).toEqual({ seq: 1, removed: 1, trim: 0 });
    expect(show(buffer.takeBatch())).toEqual([
      '1:stderr:[parallax-agent: 6 bytes of output dropped: the run wrote faster than its output is sent (1 MiB a second while it runs), or the coordinators could not be reached]\n',
      '2:stderr:ghij',
    ]);
  });

  it('drops what does not fit a smaller cap given for one numbering (the spool is full)', () => {
    const buffer = new OutputBuffer(100);
    buffer.append('stdout', text('0123456789'));
    expect(buffer.number(4).drop).toEqual({ seq: 0, removed: 0, trim: 6 });
    expect(show(buffer.takeBatch()).slice(1)).toEqual(['1:stdout:6789']);
  });
});
