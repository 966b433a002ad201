import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../src/agent/output-buffer.js';
import type { AttemptSpool } from '../../src/agent/spool/attempt-spool.js';
import { decodeRecords, encodeRecord, type SpoolRecord } from '../../src/agent/spool/records.js';
import { readJournal } from '../../src/agent/spool/journal.js';
import { replaySpoolFile } from '../../src/agent/spool/replay.js';
import { Spool, type SpoolOptions } from '../../src/agent/spool/spool.js';
import { systemTimers } from '../../src/agent/timers.js';
import { createLogger } from '../../src/common/logger.js';
import { tempDir } from '../helpers/tmp.js';

const identity = { runId: '01hx0000000000000000000001', tenant: 't1', attempt: 2, agent: 'agent-1' };

function openSpool(options: Partial<SpoolOptions> = {}) {
  const lines: string[] = [];
  const dataDir = options.dataDir ?? join(tempDir('parallax-spool-'), 'data');
  const logger = createLogger('spool', { level: 'info', write: (line) => lines.push(line) });
  const spool = Spool.open({ dataDir, logger, timers: systemTimers, ...options });
  return { spool, dataDir, lines };
}

/** What the journal in `dataDir` holds for an attempt (its records, as a file of its own would), once written. */
const heldFor = (dataDir: string, who: { runId: string; attempt: number } = identity) =>
  readJournal(join(dataDir, 'spool')).contents.get(`${who.runId}#${who.attempt}`);
const bytes = (records: SpoolRecord[]) => Buffer.concat(records.flatMap((r) => encodeRecord(r)));

/** The unacknowledged entries of a buffer as text, to compare a replayed buffer with the one that wrote the file. */
function entries(buffer: OutputBuffer): string[] {
  return buffer.entriesFromHead().map((e) => ('dropped' in e ? `${e.seq}:note:${e.dropped}` : `${e.seq}:${e.stream}:${e.data.toString()}`));
}

/** The first record of a spool file of another format, framed as this one frames records (a newer agent's). */
function foreignFile(format: number): Buffer {
  const body = Buffer.concat([Buffer.of(1), Buffer.from(JSON.stringify({ format, ...identity }))]);
  const frame = Buffer.alloc(8);
  frame.writeUInt32BE(body.length, 0);
  frame.writeUInt32BE(crc32(body), 4);
  return Buffer.concat([frame, body]);
}

/** A small deterministic PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('spool records', () => {
  const every: SpoolRecord[] = [
    { kind: 'attempt', ...identity },
    { kind: 'started', pid: 4242, at: 1_700_000_000_123 },
    { kind: 'started-acked' },
    { kind: 'output', seq: 0, stream: 'stdout', data: Buffer.from('hello\n') },
    { kind: 'output', seq: 2 ** 40, stream: 'stderr', data: Buffer.from([0, 255, 10]) },
    { kind: 'note', seq: 7, dropped: 5_000_000_000 },
    { kind: 'drop', seq: 3, removed: 2, trim: 17 },
    { kind: 'acked', seq: 12 },
    { kind: 'finished', outcome: { state: 'failed', exitCode: 3, signal: 'SIGKILL', error: 'boom', endedAt: 1_700_000_000_999 } },
  ];

  it('reads back every kind of record as written', () => {
    const file = bytes(every);
    const read = decodeRecords(file);
    expect(read.records).toEqual(every);
    expect(read.validBytes).toBe(file.length);
    expect(read.damage).toBeUndefined();
  });

  it('ignores a torn last record, whatever byte the file was cut at', () => {
    const whole = bytes(every);
    const lastStart = whole.length - bytes([every.at(-1)!]).length;
    for (let cut = lastStart; cut < whole.length; cut++) {
      const read = decodeRecords(whole.subarray(0, cut));
      expect(read.records).toEqual(every.slice(0, -1));
      expect(read.validBytes).toBe(lastStart);
      expect(read.damage === undefined).toBe(cut === lastStart);
    }
  });

  it('stops at a record whose bytes were not all written (checksum), and at an impossible length', () => {
    const whole = bytes(every);
    const damaged = Buffer.from(whole);
    const fourth = bytes(every.slice(0, 3)).length;
    damaged[fourth + 12] = damaged[fourth + 12]! ^ 0xff;
    expect(decodeRecords(damaged)).toMatchObject({ records: every.slice(0, 3), validBytes: fourth, damage: 'a record whose checksum does not match' });
    const zeros = Buffer.concat([bytes(every.slice(0, 2)), Buffer.alloc(64)]);
    expect(decodeRecords(zeros)).toMatchObject({ records: every.slice(0, 2), damage: 'a record of impossible length 0' });
  });

  it('replays a file of another format to nothing, and says which', () => {
    const file = Buffer.concat([foreignFile(2), ...encodeRecord({ kind: 'started-acked' })]);
    expect(replaySpoolFile(file)).toMatchObject({ attempt: undefined, foreign: 2 });
  });
});

describe('an attempt spool file', () => {
  it('replays, at every point a crash could cut it, to the unacknowledged pieces the agent held then, numbered as they were', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const random = prng(seed);
      const { spool, dataDir } = openSpool({ compactBytes: 2 ** 30 });
      const attempt = spool.create(identity);
      const buffer = new OutputBuffer(20, 8);
      let inFlight: number | undefined;
      const states: { bytes: number; entries: string[]; first: number }[] = [{ bytes: attempt.bytes, entries: [], first: 0 }];
      for (let step = 0; step < 200; step++) {
        const roll = random();
        if (roll < 0.5) {
          const size = 1 + Math.floor(random() * 12);
          buffer.append(random() < 0.7 ? 'stdout' : 'stderr', Buffer.from(String.fromCharCode(97 + step % 26).repeat(size)));
          if (random() < 0.5) {
            const { pieces, drop } = buffer.number(attempt.capFor(20, buffer.numberedUnsentBytes));
            attempt.recordOutput(buffer, pieces, drop, false);
          }
        } else if (roll < 0.75 && inFlight === undefined && buffer.numberedUnsentBytes + (buffer.hasUnsent ? 1 : 0) > 0) {
          const { pieces, drop } = buffer.number(attempt.capFor(20, buffer.numberedUnsentBytes));
          attempt.recordOutput(buffer, pieces, drop, false);
          const batch = buffer.takeBatch();
          if (batch.length > 0) inFlight = batch.at(-1)!.seq + 1;
        } else if (inFlight !== undefined) {
          buffer.ack(inFlight);
          attempt.recordAcknowledged(buffer, inFlight);
          inFlight = undefined;
        }
        states.push({ bytes: attempt.bytes, entries: entries(buffer), first: buffer.firstSeq });
      }
      await spool.close();
      const file = heldFor(dataDir)!;
      expect(file.length).toBe(attempt.bytes);
      for (const state of states) {
        const replayed = replaySpoolFile(file.subarray(0, state.bytes));
        expect(replayed.validBytes).toBe(state.bytes);
        expect(entries(replayed.attempt!.buffer)).toEqual(state.entries);
        expect(replayed.attempt!.buffer.firstSeq).toBe(state.first);
      }
      // Cut in the middle of a record: what was whole before it.
      for (let i = 1; i < states.length; i++) {
        const [before, after] = [states[i - 1]!, states[i]!];
        if (after.bytes - before.bytes < 2) continue;
        const replayed = replaySpoolFile(file.subarray(0, before.bytes + 1 + Math.floor(random() * (after.bytes - before.bytes - 1))));
        expect(replayed.validBytes).toBeGreaterThanOrEqual(before.bytes);
        expect(replayed.validBytes).toBeLessThan(after.bytes);
      }
    }
  });

  it('keeps at most the cap of unsent output, the newest, and says how much it dropped', async () => {
    const { spool, dataDir } = openSpool();
    const attempt = spool.create(identity);
    const buffer = new OutputBuffer(1_000);
    for (let i = 0; i < 120; i++) {
      buffer.append('stdout', Buffer.from(`line ${String(i).padStart(4, '0')}\n`));
      const { pieces, drop } = buffer.number(attempt.capFor(1_000, buffer.numberedUnsentBytes));
      attempt.recordOutput(buffer, pieces, drop, false);
    }
    attempt.recordFinished({ state: 'succeeded', exitCode: 0 });
    await spool.close();
    const { attempt: replayed } = replaySpoolFile(heldFor(dataDir)!);
    const pieces = replayed!.buffer.takeBatch();
    const text = pieces.map((p) => p.data.toString()).join('');
    expect(text).toBe(
      '[parallax-agent: 200 bytes of output dropped: the run wrote faster than its output is sent (1 MiB a second while it runs), or the coordinators could not be reached]\n' +
        Array.from({ length: 120 }, (_, i) => `line ${String(i).padStart(4, '0')}\n`).slice(20).join(''),
    );
    expect(pieces.map((p) => p.seq)).toEqual(pieces.map((_, i) => i));
    expect(replayed!.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
  });

  it('rewrites the attempt\'s records without what was acknowledged once that passes compactBytes, to the same state', async () => {
    const { spool, dataDir } = openSpool({ compactBytes: 4_000 });
    const attempt = spool.create(identity);
    attempt.recordStarted(99, 1_000);
    const buffer = new OutputBuffer();
    let sizes: number[] = [];
    for (let i = 0; i < 50; i++) {
      buffer.append('stdout', Buffer.alloc(500, 'x'));
      buffer.append('stderr', Buffer.from(`${i}`));
      const { pieces, drop } = buffer.number();
      attempt.recordOutput(buffer, pieces, drop, false);
      const batch = buffer.takeBatch();
      // The coordinator acknowledges all but the last batch.
      if (i < 49) {
        buffer.ack(batch.at(-1)!.seq + 1);
        attempt.recordAcknowledged(buffer, batch.at(-1)!.seq + 1);
      }
      sizes.push(attempt.bytes);
    }
    attempt.recordFinished({ state: 'succeeded', exitCode: 0 });
    await spool.close();
    sizes = [...sizes, attempt.bytes];
    expect(Math.max(...sizes)).toBeLessThan(4_000 + 1_200);
    expect(heldFor(dataDir)!.length).toBe(attempt.bytes);
    const { attempt: replayed } = replaySpoolFile(heldFor(dataDir)!);
    expect(entries(replayed!.buffer)).toEqual(['98:stdout:' + 'x'.repeat(500), '99:stderr:49']);
    expect(replayed!.started).toEqual({ pid: 99, at: 1_000 });
    expect(replayed!.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
  });

  it('is forgotten once discarded', async () => {
    const { spool, dataDir } = openSpool();
    const attempt = spool.create(identity);
    attempt.recordFinished({ state: 'succeeded', exitCode: 0 });
    expect(heldFor(dataDir)).toBeDefined();
    attempt.discard();
    expect(heldFor(dataDir)).toBeUndefined();
    await spool.close();
    const again = openSpool({ dataDir });
    expect(again.spool.recover()).toEqual([]);
    await again.spool.close();
  });
});

describe('the spool directory', () => {
  it('bounds the unacknowledged output of all attempts together, and warns once when it is full', async () => {
    const { spool, lines } = openSpool({ maxBytes: 1_000 });
    const first = spool.create({ ...identity, runId: 'r1' });
    const second = spool.create({ ...identity, runId: 'r2' });
    const [a, b] = [new OutputBuffer(800), new OutputBuffer(800)];
    const write = async (attempt: AttemptSpool, buffer: OutputBuffer, size: number) => {
      buffer.append('stdout', Buffer.alloc(size, 'y'));
      const cap = attempt.capFor(800, buffer.numberedUnsentBytes);
      const { pieces, drop } = buffer.number(cap);
      attempt.recordOutput(buffer, pieces, drop, drop !== undefined && cap < 800);
    };
    await write(first, a, 700);
    await write(second, b, 700);
    // The second attempt gets what is left of the 1000 bytes: 300, the newest of its 700.
    expect([a.liveBytes, b.liveBytes]).toEqual([700, 300]);
    await write(second, b, 100);
    expect(b.liveBytes).toBe(300);
    expect(lines.filter((l) => l.includes('the spool is full'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('the spool is full'))).toContain('raise --spool-limit');
    // Once the first attempt's output is acknowledged, there is room again.
    a.takeBatch();
    a.ack(a.nextSeq);
    first.recordAcknowledged(a, a.nextSeq);
    expect(lines.some((l) => l.includes('the spool has room again'))).toBe(true);
    await write(second, b, 400);
    expect(b.liveBytes).toBe(700);
    await spool.close();
  });

  it('recovers what a previous agent left: cuts a torn tail, removes what is unusable, leaves other formats', async () => {
    const { spool, dataDir } = openSpool();
    const attempt = spool.create(identity);
    attempt.recordStarted(123, 5_000);
    const buffer = new OutputBuffer();
    buffer.append('stdout', Buffer.from('one\n'));
    const first = buffer.number();
    attempt.recordOutput(buffer, first.pieces, first.drop, false);
    buffer.append('stdout', Buffer.from('two\n'));
    const second = buffer.number();
    attempt.recordOutput(buffer, second.pieces, second.drop, false);
    await spool.close();
    const dir = join(dataDir, 'spool');
    const [segment] = readdirSync(dir).filter((name) => name.startsWith('journal-'));
    // The last frame torn by a crash.
    truncateSync(join(dir, segment!), statSync(join(dir, segment!)).size - 3);
    // What an agent from before the journal left: a file per attempt, read and folded into the journal.
    const older = { ...identity, runId: '01hx0000000000000000000009', attempt: 1 };
    writeFileSync(join(dir, `${older.runId}-1.log`), bytes([{ kind: 'attempt', ...older }, { kind: 'finished', outcome: { state: 'succeeded', exitCode: 0 } }]));
    writeFileSync(join(dir, 'junk-1.log'), 'not a spool file');
    writeFileSync(join(dir, 'x-1.log.tmp'), 'an interrupted rewrite');
    writeFileSync(join(dir, 'future-1.log'), foreignFile(9));
    // A newer agent's journal.
    const header = Buffer.concat([Buffer.of(0), Buffer.from([0, 0]), Buffer.from([0, 9])]);
    const headerFrame = Buffer.alloc(8);
    headerFrame.writeUInt32BE(header.length, 0);
    headerFrame.writeUInt32BE(crc32(header), 4);
    writeFileSync(join(dir, 'journal-999999999999.spool'), Buffer.concat([headerFrame, header]));

    const again = openSpool({ dataDir });
    const recovered = again.spool.recover();
    expect(recovered.map((r) => r.spooled.runId).sort()).toEqual([identity.runId, older.runId].sort());
    const only = recovered.find((r) => r.spooled.runId === identity.runId)!;
    expect(only.spooled).toMatchObject({ ...identity, started: { pid: 123, at: 5_000 }, outcome: undefined });
    expect(entries(only.spooled.buffer)).toEqual(['0:stdout:one\n']);
    expect(recovered.find((r) => r.spooled.runId === older.runId)!.spooled.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
    const left = readdirSync(dir).sort();
    expect(left.filter((name) => !name.startsWith('journal-'))).toEqual(['future-1.log']);
    expect(left.filter((name) => name.startsWith('journal-'))).toHaveLength(2);
    expect(left).toContain('journal-999999999999.spool');
    expect(again.lines.some((l) => l.includes('ends in a damaged frame'))).toBe(true);
    expect(again.lines.some((l) => l.includes('an unusable spool entry; removing it') && l.includes('junk-1.log'))).toBe(true);
    expect(again.lines.some((l) => l.includes('another format') && l.includes('format=9') && l.includes('future-1.log'))).toBe(true);
    expect(again.lines.some((l) => l.includes('journal of another format') && l.includes('format=9'))).toBe(true);

    // Appending after the cut tail leaves records that read whole, after another restart too.
    only.spool.recordFinished({ state: 'failed', error: 'the agent restarted while the run was in progress' });
    await again.spool.close();
    const replayed = replaySpoolFile(heldFor(dataDir)!);
    expect(replayed.damage).toBeUndefined();
    expect(replayed.attempt?.outcome).toEqual({ state: 'failed', error: 'the agent restarted while the run was in progress' });
    expect(replayed.attempt?.process).toEqual({ pid: 123, at: 5_000 });
    expect(entries(replayed.attempt!.buffer)).toEqual(['0:stdout:one\n']);
  });

  it('starts a new journal segment once the old one holds mostly what is done with, keeping every attempt as it was', async () => {
    const { spool, dataDir } = openSpool({ segmentBytes: 8 * 1024 });
    const dir = join(dataDir, 'spool');
    // One attempt that stays (its process known, its RunStarted acknowledged), and many that come and go.
    const staying = spool.create(identity);
    staying.recordStarted(4242, 1_000);
    staying.recordStartedAcknowledged();
    const stayingBuffer = new OutputBuffer();
    let most = 0;
    for (let i = 0; i < 200; i++) {
      const passing = spool.create({ ...identity, runId: `01hx00000000000000000${String(i).padStart(5, '0')}`, attempt: 1 });
      const buffer = new OutputBuffer();
      buffer.append('stdout', Buffer.alloc(200, 'p'));
      const { pieces, drop } = buffer.number();
      passing.recordOutput(buffer, pieces, drop, false);
      passing.recordFinished({ state: 'succeeded', exitCode: 0 });
      passing.discard();
      if (i % 20 === 0) {
        stayingBuffer.append('stdout', Buffer.from(`${i}\n`));
        const numbered = stayingBuffer.number();
        staying.recordOutput(stayingBuffer, numbered.pieces, numbered.drop, false);
      }
      const segments = readdirSync(dir).filter((name) => name.startsWith('journal-'));
      most = Math.max(most, segments.length);
      // As between an agent's runs: the journal's syncs complete.
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await spool.close();
    // About 100 KiB went through the journal; it never held more than the segment being written and the one before.
    expect(most).toBeLessThanOrEqual(2);
    const segments = readdirSync(dir).filter((name) => name.startsWith('journal-'));
    expect(segments).toHaveLength(1);
    expect(statSync(join(dir, segments[0]!)).size).toBeLessThan(16 * 1024);
    const held = readJournal(dir).contents;
    expect([...held.keys()]).toEqual([`${identity.runId}#${identity.attempt}`]);
    const replayed = replaySpoolFile(held.values().next().value!);
    expect(replayed.attempt?.process).toEqual({ pid: 4242, at: 1_000 });
    expect(replayed.attempt?.started).toBeUndefined();
    expect(entries(replayed.attempt!.buffer)).toEqual(entries(stayingBuffer));
  });

  it('leaves on disk, after every step, the attempts as the agent holds them, across new segments and rewrites', async () => {
    const { spool, dataDir } = openSpool({ segmentBytes: 4 * 1024, compactBytes: 1024 });
    const dir = join(dataDir, 'spool');
    const random = prng(11);
    const live = new Map<string, { attempt: AttemptSpool; buffer: OutputBuffer; finished: boolean }>();
    let made = 0;
    let rotations = 0;
    let segments = new Set(readdirSync(dir));
    for (let step = 0; step < 400; step++) {
      const roll = random();
      const all = [...live.entries()];
      const [key, one] = all[Math.floor(random() * all.length)] ?? [];
      if (live.size < 3 || roll < 0.15) {
        const who = { ...identity, runId: `01hx00000000000000000${String(made++).padStart(5, '0')}`, attempt: 1 };
        const attempt = spool.create(who);
        attempt.recordStarted(1000 + made, made);
        live.set(`${who.runId}#1`, { attempt, buffer: new OutputBuffer(), finished: false });
      } else if (roll < 0.6 && one !== undefined && !one.finished) {
        one.buffer.append('stdout', Buffer.alloc(1 + Math.floor(random() * 300), 97 + (step % 26)));
        const { pieces, drop } = one.buffer.number();
        one.attempt.recordOutput(one.buffer, pieces, drop, false);
        if (random() < 0.7) {
          one.buffer.takeBatch();
          one.buffer.ack(one.buffer.nextSeq);
          one.attempt.recordAcknowledged(one.buffer, one.buffer.nextSeq);
        }
      } else if (roll < 0.8 && one !== undefined && !one.finished) {
        one.finished = true;
        one.attempt.recordFinished({ state: 'succeeded', exitCode: 0 });
      } else if (one !== undefined && one.finished) {
        one.attempt.discard();
        live.delete(key!);
      }
      const now = new Set(readdirSync(dir));
      if ([...now].some((name) => !segments.has(name))) rotations++;
      segments = now;
      // What a restart would find now (a crash leaves what was written: the page cache outlives the agent).
      const held = readJournal(dir).contents;
      expect([...held.keys()].sort()).toEqual([...live.keys()].sort());
      for (const [liveKey, { buffer, finished }] of live) {
        const replayed = replaySpoolFile(held.get(liveKey)!);
        expect(replayed.damage).toBeUndefined();
        expect(entries(replayed.attempt!.buffer)).toEqual(entries(buffer));
        expect(replayed.attempt!.outcome).toEqual(finished ? { state: 'succeeded', exitCode: 0 } : undefined);
        expect(replayed.attempt!.process?.pid).toBeGreaterThan(1000);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(rotations).toBeGreaterThan(3);
    await spool.close();
  });

  it('replaces what an earlier agent left under the same attempt when it is made again', async () => {
    const { spool, dataDir } = openSpool();
    const first = spool.create(identity);
    first.recordStarted(7, 70);
    first.recordFinished({ state: 'failed', exitCode: 1 });
    const again = spool.create(identity);
    again.recordStarted(8, 80);
    await spool.close();
    const replayed = replaySpoolFile(heldFor(dataDir)!);
    expect(replayed.damage).toBeUndefined();
    expect(replayed.attempt).toMatchObject({ started: { pid: 8, at: 80 }, outcome: undefined });
  });

  it('creates the data directory 0700, and refuses a directory a live agent holds but takes over a stale lock', async () => {
    const { spool, dataDir } = openSpool();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'spool')).mode & 0o777).toBe(0o700);
    await spool.close();
    expect(existsSync(join(dataDir, 'agent.lock'))).toBe(false);

    // A live process that looks like an agent holds the lock.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)', 'parallax-agent'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dataDir, 'agent.lock'), `${holder.pid}\n`);
      expect(() => openSpool({ dataDir })).toThrow(`another parallax-agent (pid ${holder.pid}) uses the data directory ${dataDir}`);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // The same pid, dead now: the lock is stale.
    const again = openSpool({ dataDir });
    expect(readFileSync(join(dataDir, 'agent.lock'), 'utf8')).toBe(`${process.pid}\n`);
    await again.spool.close();
  });
});
