import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RawOutput } from '../../src/cli/lib/raw-output.js';

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString() };
}

describe('RawOutput', () => {
  it('writes each chunk byte for byte to the stream it came from', async () => {
    const out = collector();
    const err = collector();
    const raw = new RawOutput(out.stream, err.stream);
    await raw.write('stdout', Buffer.from('one\n'));
    await raw.write('stderr', Buffer.from('two\n'));
    await raw.write('stdout', Buffer.from([0xc3, 0xa9, 0x0a]));
    expect(out.text()).toBe('one\né\n');
    expect(err.text()).toBe('two\n');
  });

  it('waits for a full pipe to drain', async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    const raw = new RawOutput(out, collector().stream);
    let written = false;
    const pending = raw.write('stdout', Buffer.from('more than four bytes')).then(() => (written = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toBe(false);
    out.read();
    await pending;
    expect(written).toBe(true);
  });

  it('stops quietly and tells its listeners when the reader of stdout goes away', async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    const raw = new RawOutput(out, collector().stream);
    let told = 0;
    raw.onClosed(() => (told += 1));
    const pending = raw.write('stdout', Buffer.from('blocked until drained'));
    out.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await pending;
    expect(raw.isClosed).toBe(true);
    expect(told).toBe(1);
    await raw.write('stdout', Buffer.from('ignored'));
    raw.onClosed(() => (told += 1));
    expect(told).toBe(2);
  });
});
