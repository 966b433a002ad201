import { closeSync, fdatasync, fdatasyncSync, fsyncSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';

/**
 * The agent's journal: one append-only file (a segment) that every attempt's spool writes into, so a run costs no
 * file of its own (an open, a directory sync, a close and an unlink each), and the syncs asked while one is under
 * way, by any attempts, are one sync (group commit).
 *
 * Each frame is [u32 length of the body][u32 CRC-32 of the body][body], big-endian; the body is [u8 op][u16 length
 * of the key][key][payload]. A segment starts with a header frame (op 0, its format in the payload). The ops on an
 * attempt's key:
 *
 *   append   the payload follows what the attempt holds
 *   reset    the payload replaces what the attempt holds (a rewrite without what was acknowledged)
 *   discard  the attempt holds nothing any more
 *
 * What an attempt holds is the byte stream its records make (records.ts), as a file of its own held it before.
 * Reading a segment stops at its first frame that is cut short or fails its checksum (a crash tore the tail).
 *
 * Once the segment holds mostly what attempts no longer need, a new one is started with a reset for every attempt
 * still held, and the old ones are deleted once that is on disk.
 */
export const JOURNAL_FORMAT = 1;

const SEGMENT_PREFIX = 'journal-';
const SEGMENT_SUFFIX = '.spool';
const FRAME = 8;
/** Far more than any frame written (a reset holds at most the unacknowledged output of one attempt). */
const MAX_BODY = 1024 * 1024 * 1024;
const OP = { header: 0, append: 1, reset: 2, discard: 3 } as const;

/** A segment is rotated once it passes this and twice what attempts still hold; default 16 MiB. */
const DEFAULT_SEGMENT_BYTES = 16 * 1024 * 1024;

export interface JournalRead {
  /** What each attempt holds, by key, after every segment in order. */
  contents: Map<string, Buffer>;
  /** The segments read (to delete once their content is written anew). */
  segments: string[];
  /** Segments of another format (a newer agent's): left alone. */
  foreign: { file: string; format: number }[];
  /** Segments that end in a torn or damaged frame, and where. */
  damaged: { file: string; validBytes: number; problem: string }[];
  /** When a segment read was last written (ms since the epoch); 0 when there were none. */
  lastWrittenAt: number;
}

/** Reads the journal's segments in `dir`, oldest first. */
export function readJournal(dir: string): JournalRead {
  const read: JournalRead = { contents: new Map(), segments: [], foreign: [], damaged: [], lastWrittenAt: 0 };
  const parts = new Map<string, Buffer[]>();
  for (const name of segmentNames(dir)) {
    const file = join(dir, name);
    const bytes = readFileSync(file);
    read.lastWrittenAt = Math.max(read.lastWrittenAt, statSync(file).mtimeMs);
    const frames = decodeFrames(bytes);
    const header = frames.frames[0];
    if (header === undefined || header.op !== OP.header || header.payload.length < 2) {
      // Nothing readable, not even the header: a segment whose creation a crash cut short.
      read.segments.push(file);
      read.damaged.push({ file, validBytes: 0, problem: frames.problem ?? 'no header' });
      continue;
    }
    const format = header.payload.readUInt16BE(0);
    if (format !== JOURNAL_FORMAT) {
      read.foreign.push({ file, format });
      continue;
    }
    read.segments.push(file);
    if (frames.problem !== undefined) read.damaged.push({ file, validBytes: frames.validBytes, problem: frames.problem });
    for (const { op, key, payload } of frames.frames.slice(1)) {
      if (op === OP.discard) parts.delete(key);
      else if (op === OP.reset) parts.set(key, [payload]);
      else if (op === OP.append) (parts.get(key) ?? parts.set(key, []).get(key)!).push(payload);
    }
  }
  for (const [key, list] of parts) read.contents.set(key, Buffer.concat(list));
  return read;
}

export interface JournalOptions {
  dir: string;
  segmentBytes?: number;
  /** A write, sync or rotation failed: reported once; the journal is inert from then on. */
  onError(what: string, err: unknown): void;
}

/**
 * The journal being written. Frames are written at once, with a synchronous write: a write into the page cache
 * takes microseconds, where a write through libuv's thread pool cost a run about 0.15 ms of CPU each (two thread
 * switches), and a run writes three or four. Syncs go through the thread pool, one at a time: the syncs asked while
 * one is under way become the next one (group commit). Nothing it returns rejects: after a failure (reported once)
 * the spool goes on from memory, as without a journal.
 */
export class Journal {
  private fd: number;
  private segment: string;
  private seq: number;
  private position = 0;
  private broken = false;
  /** Whether the directory entry of the segment being written is on disk. */
  private dirSynced = false;
  private syncing: Promise<void> | undefined;
  private nextSync: Promise<void> | undefined;
  /** A segment rotated out and not deleted yet (the new one is not on disk yet): no other rotation meanwhile. */
  private retiring = false;
  private readonly entries = new Map<string, JournalEntry>();
  private readonly segmentBytes: number;

  /**
   * Starts a new segment holding `initial` (what each attempt held when the agent started), written and synced
   * before this returns, and deletes `obsolete` (the segments and files that content was read from).
   */
  static create(options: JournalOptions, initial: Map<string, Buffer>, obsolete: string[]): Journal {
    const names = segmentNames(options.dir);
    const last = names.length === 0 ? 0 : segmentSeq(names.at(-1)!);
    const journal = new Journal(options, last + 1);
    const frames = [headerFrame()];
    for (const [key, content] of initial) frames.push(frame(OP.reset, key, [content]));
    journal.position = writeAllSync(journal.fd, frames, 0);
    fdatasyncSync(journal.fd);
    syncDirectorySync(options.dir);
    for (const file of obsolete) unlinkSync(file);
    if (obsolete.length > 0) syncDirectorySync(options.dir);
    journal.dirSynced = true;
    return journal;
  }

  private constructor(
    private readonly options: JournalOptions,
    seq: number,
  ) {
    this.segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    this.seq = seq;
    this.segment = join(options.dir, segmentName(seq));
    this.fd = openSync(this.segment, 'wx', 0o600);
  }

  /** An attempt's place in the journal; `snapshot` gives what it holds now, to start a new segment with. */
  entry(key: string, snapshot: () => Buffer[], initialBytes = 0): JournalEntry {
    this.entries.get(key)?.detach();
    const entry = new JournalEntry(this, key, snapshot, initialBytes);
    this.entries.set(key, entry);
    return entry;
  }

  /** Syncs what was written and closes the segment (kept for the next start). */
  async close(): Promise<void> {
    await this.sync();
    if (this.broken) return;
    this.broken = true;
    closeSync(this.fd);
  }

  /** @internal Writes one frame now: once this returns, a killed agent finds it (the page cache outlives it). */
  write(op: 'append' | 'reset' | 'discard', key: string, buffers: Buffer[]): void {
    if (op === 'discard') this.entries.delete(key);
    if (this.broken) return;
    try {
      this.position = writeAllSync(this.fd, [frame(OP[op], key, buffers)], this.position);
    } catch (err) {
      this.fail('write', err);
      return;
    }
    if (!this.retiring && this.position > this.segmentBytes && this.position > 2 * this.liveBytes()) this.rotate();
  }

  /** Resolves once everything written before the call is on disk. */
  sync(): Promise<void> {
    if (this.broken) return Promise.resolve();
    if (this.nextSync !== undefined) return this.nextSync;
    if (this.syncing === undefined) return this.startSync();
    const next = this.syncing.then(() => {
      this.nextSync = undefined;
      return this.startSync();
    });
    this.nextSync = next;
    return next;
  }

  private startSync(): Promise<void> {
    const fd = this.fd;
    const synced = new Promise<void>((resolve) => {
      if (this.broken) return resolve();
      fdatasync(fd, (err) => {
        try {
          if (err !== null) throw err;
          if (!this.dirSynced && fd === this.fd) {
            syncDirectorySync(this.options.dir);
            this.dirSynced = true;
          }
        } catch (syncErr) {
          this.fail('sync', syncErr);
        }
        if (this.syncing === synced) this.syncing = undefined;
        resolve();
      });
    });
    this.syncing = synced;
    return synced;
  }

  /**
   * Starts a new segment with what every attempt holds now: whatever is written after this goes to the new segment
   * after these resets. The old segments are deleted once the new one is on disk; until then they hold everything.
   */
  private rotate(): void {
    const segment = join(this.options.dir, segmentName(this.seq + 1));
    let fd: number;
    let position: number;
    try {
      fd = openSync(segment, 'wx', 0o600);
      const frames = [headerFrame()];
      for (const entry of this.entries.values()) {
        const content = entry.snapshot();
        entry.appended = content.reduce((sum, b) => sum + b.length, 0);
        frames.push(frame(OP.reset, entry.key, content));
      }
      position = writeAllSync(fd, frames, 0);
    } catch (err) {
      this.fail('rotate', err);
      return;
    }
    const old = { fd: this.fd, segment: this.segment };
    const inFlight = this.syncing ?? Promise.resolve();
    this.fd = fd;
    this.segment = segment;
    this.seq++;
    this.position = position;
    this.dirSynced = false;
    this.retiring = true;
    // A sync under way on the old segment finishes there first.
    void inFlight.then(() => closeSync(old.fd));
    void this.sync().then(() => {
      this.retiring = false;
      if (this.broken) return;
      try {
        unlinkSync(old.segment);
        syncDirectorySync(this.options.dir);
      } catch (err) {
        this.fail('rotate', err);
      }
    });
  }

  private liveBytes(): number {
    let sum = 0;
    for (const entry of this.entries.values()) sum += entry.appended;
    return sum;
  }

  private fail(what: string, err: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.options.onError(what, err);
  }
}

/** Writes every byte of the buffers at `position` (a write may take fewer than asked); returns the end. */
function writeAllSync(fd: number, buffers: Buffer[], position: number): number {
  for (const buffer of buffers) {
    let offset = 0;
    while (offset < buffer.length) {
      const written = writeSync(fd, buffer, offset, buffer.length - offset, position);
      if (written <= 0) throw new Error('the disk accepted no more bytes');
      offset += written;
      position += written;
    }
  }
  return position;
}

/**
 * One attempt's part of the journal, used as a file of its own would be: appended to, synced, rewritten or removed
 * (what is not removed stays for the agent's next start).
 */
export class JournalEntry {
  /** Bytes the attempt holds once everything asked so far is written. */
  appended: number;
  private detached = false;

  constructor(
    private readonly journal: Journal,
    readonly key: string,
    /** What the attempt holds now, as its records: what a new segment starts it with. */
    readonly snapshot: () => Buffer[],
    initialBytes: number,
  ) {
    this.appended = initialBytes;
  }

  /** Appends the buffers, written when this returns (not synced). */
  append(buffers: Buffer[]): void {
    if (this.detached) return;
    for (const buffer of buffers) this.appended += buffer.length;
    this.journal.write('append', this.key, buffers);
  }

  /** Everything written so far (by every attempt) reaches the disk. Never rejects. */
  sync(): Promise<void> {
    if (this.detached) return Promise.resolve();
    return this.journal.sync();
  }

  /** What the attempt holds is replaced by these buffers. */
  rewrite(buffers: Buffer[]): void {
    if (this.detached) return;
    this.appended = buffers.reduce((sum, b) => sum + b.length, 0);
    this.journal.write('reset', this.key, buffers);
  }

  /** The attempt holds nothing any more: the coordinator has it all, or wants none of it. */
  remove(): void {
    if (this.detached) return;
    this.detached = true;
    this.journal.write('discard', this.key, []);
  }

  /** @internal Another entry took the key over (the same attempt created again). */
  detach(): void {
    this.detached = true;
  }
}

function frame(op: number, key: string, payload: Buffer[]): Buffer {
  const keyBytes = Buffer.from(key, 'utf8');
  const payloadLength = payload.reduce((sum, b) => sum + b.length, 0);
  const out = Buffer.allocUnsafe(FRAME + 3 + keyBytes.length + payloadLength);
  out[FRAME] = op;
  out.writeUInt16BE(keyBytes.length, FRAME + 1);
  keyBytes.copy(out, FRAME + 3);
  let at = FRAME + 3 + keyBytes.length;
  for (const b of payload) {
    b.copy(out, at);
    at += b.length;
  }
  const body = out.subarray(FRAME);
  out.writeUInt32BE(body.length, 0);
  out.writeUInt32BE(crc32(body), 4);
  return out;
}

function headerFrame(): Buffer {
  const payload = Buffer.alloc(2);
  payload.writeUInt16BE(JOURNAL_FORMAT, 0);
  return frame(OP.header, '', [payload]);
}

function decodeFrames(bytes: Buffer): { frames: { op: number; key: string; payload: Buffer }[]; validBytes: number; problem?: string } {
  const frames: { op: number; key: string; payload: Buffer }[] = [];
  let offset = 0;
  const stop = (problem: string) => ({ frames, validBytes: offset, problem });
  while (offset < bytes.length) {
    if (bytes.length - offset < FRAME) return stop('a frame cut short');
    const length = bytes.readUInt32BE(offset);
    if (length < 3 || length > MAX_BODY) return stop(`a frame of impossible length ${length}`);
    if (bytes.length - offset - FRAME < length) return stop('a frame cut short');
    const body = bytes.subarray(offset + FRAME, offset + FRAME + length);
    if (crc32(body) !== bytes.readUInt32BE(offset + 4)) return stop('a frame whose checksum does not match');
    const keyLength = body.readUInt16BE(1);
    if (3 + keyLength > body.length) return stop('a frame whose key does not fit it');
    frames.push({ op: body[0]!, key: body.toString('utf8', 3, 3 + keyLength), payload: body.subarray(3 + keyLength) });
    offset += FRAME + length;
  }
  return { frames, validBytes: offset };
}

function segmentName(seq: number): string {
  return `${SEGMENT_PREFIX}${String(seq).padStart(12, '0')}${SEGMENT_SUFFIX}`;
}

function segmentSeq(name: string): number {
  return Number(name.slice(SEGMENT_PREFIX.length, -SEGMENT_SUFFIX.length));
}

/** The journal's segments in `dir`, oldest first. */
function segmentNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.startsWith(SEGMENT_PREFIX) && name.endsWith(SEGMENT_SUFFIX) && Number.isInteger(segmentSeq(name)))
    .sort((a, b) => segmentSeq(a) - segmentSeq(b));
}

function syncDirectorySync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
