import { crc32 } from 'node:zlib';
import type { OutputStream, RunOutcome } from '../executors/executor.js';

/**
 * The records of an attempt's spool file, appended in the order things happen to the attempt:
 *
 *   attempt    who it is: run, tenant, attempt, the agent name its reports carry (always the first record)
 *   started    the process spawned (pid, when)            started-acked  the coordinator has RunStarted
 *   output     a numbered piece of output                 drop           output dropped to stay within the cap
 *   note       a note for dropped output (rewritten files only)
 *   acked      the coordinator has every piece before seq
 *   finished   how the process ended
 *
 * Each record is framed as [u32 length of the body][u32 CRC-32 of the body][body], big-endian, and the body starts
 * with one byte for its kind. A crash can leave the last record short or its bytes unwritten: reading stops at the
 * first record that is incomplete or fails its checksum, and what came before stands.
 */
export type SpoolRecord =
  | { kind: 'attempt'; runId: string; tenant: string; attempt: number; agent: string; format?: number }
  | { kind: 'started'; pid: number; at: number }
  | { kind: 'started-acked' }
  | { kind: 'output'; seq: number; stream: OutputStream; data: Buffer }
  | { kind: 'note'; seq: number; dropped: number }
  | { kind: 'drop'; seq: number; removed: number; trim: number }
  | { kind: 'acked'; seq: number }
  | { kind: 'finished'; outcome: RunOutcome };

/** The file format; an agent leaves alone (and says so) a spool file of a version it does not know. */
export const SPOOL_FORMAT = 1;
const FRAME = 8;
/** Far more than any record this agent writes (a piece is at most 1 MiB): a longer length means damage. */
const MAX_BODY = 64 * 1024 * 1024;

const KIND = { attempt: 1, started: 2, 'started-acked': 3, output: 4, note: 5, drop: 6, acked: 7, finished: 8 } as const;

/** The record as buffers to write one after the other; an output record's data is not copied. */
export function encodeRecord(record: SpoolRecord): Buffer[] {
  let body: Buffer[];
  switch (record.kind) {
    case 'attempt': {
      const { runId, tenant, attempt, agent } = record;
      body = [kindAnd(record.kind, Buffer.from(JSON.stringify({ format: SPOOL_FORMAT, runId, tenant, attempt, agent })))];
      break;
    }
    case 'started':
      body = [kindAnd(record.kind, Buffer.from(JSON.stringify({ pid: record.pid, at: record.at })))];
      break;
    case 'started-acked':
      body = [kindAnd(record.kind)];
      break;
    case 'output': {
      const head = Buffer.alloc(7);
      head.writeUIntBE(record.seq, 0, 6);
      head[6] = record.stream === 'stdout' ? 0 : 1;
      body = [kindAnd(record.kind, head), record.data];
      break;
    }
    case 'note':
      body = [kindAnd(record.kind, uint48(record.seq), uint48(record.dropped))];
      break;
    case 'drop': {
      const counts = Buffer.alloc(8);
      counts.writeUInt32BE(record.removed, 0);
      counts.writeUInt32BE(record.trim, 4);
      body = [kindAnd(record.kind, uint48(record.seq), counts)];
      break;
    }
    case 'acked':
      body = [kindAnd(record.kind, uint48(record.seq))];
      break;
    case 'finished':
      body = [kindAnd(record.kind, Buffer.from(JSON.stringify(record.outcome)))];
      break;
  }
  let length = 0;
  let crc = 0;
  for (const part of body) {
    length += part.length;
    crc = crc32(part, crc);
  }
  const frame = Buffer.alloc(FRAME);
  frame.writeUInt32BE(length, 0);
  frame.writeUInt32BE(crc, 4);
  return [frame, ...body];
}

export interface ReadRecords {
  records: SpoolRecord[];
  /** Where each record ends in the file. */
  ends: number[];
  /** Bytes from the start that hold whole, valid records; anything after is a torn or damaged tail. */
  validBytes: number;
  /** Why reading stopped before the end of the file, if it did. */
  damage?: string;
}

/** The records of a spool file, up to the first one that is incomplete, damaged or of an unknown kind. */
export function decodeRecords(file: Buffer): ReadRecords {
  const records: SpoolRecord[] = [];
  const ends: number[] = [];
  let offset = 0;
  const stop = (damage: string): ReadRecords => ({ records, ends, validBytes: offset, damage });
  while (offset < file.length) {
    if (file.length - offset < FRAME) return stop('a record cut short');
    const length = file.readUInt32BE(offset);
    const crc = file.readUInt32BE(offset + 4);
    if (length < 1 || length > MAX_BODY) return stop(`a record of impossible length ${length}`);
    if (file.length - offset - FRAME < length) return stop('a record cut short');
    const body = file.subarray(offset + FRAME, offset + FRAME + length);
    if (crc32(body) !== crc) return stop('a record whose checksum does not match');
    const record = decodeBody(body);
    if (record === undefined) return stop(`a record of unknown kind ${body[0]}`);
    records.push(record);
    offset += FRAME + length;
    ends.push(offset);
    if (record.kind === 'attempt' && record.format !== undefined) return stop(`spool format ${record.format}, not ${SPOOL_FORMAT}`);
  }
  return { records, ends, validBytes: offset };
}

function decodeBody(body: Buffer): SpoolRecord | undefined {
  const rest = body.subarray(1);
  try {
    switch (body[0]) {
      case KIND.attempt: {
        const value = JSON.parse(rest.toString('utf8')) as Record<string, unknown>;
        const { format, runId, tenant, attempt, agent } = value;
        if (typeof format !== 'number') return undefined;
        // Another format's file: its first record says so, and nothing after it is read.
        if (format !== SPOOL_FORMAT) return { kind: 'attempt', runId: String(runId), tenant: '', attempt: 0, agent: '', format };
        if (typeof runId !== 'string' || typeof tenant !== 'string' || typeof attempt !== 'number' || typeof agent !== 'string') return undefined;
        return { kind: 'attempt', runId, tenant, attempt, agent };
      }
      case KIND.started: {
        const { pid, at } = JSON.parse(rest.toString('utf8')) as { pid: unknown; at: unknown };
        return typeof pid === 'number' && typeof at === 'number' ? { kind: 'started', pid, at } : undefined;
      }
      case KIND['started-acked']:
        return { kind: 'started-acked' };
      case KIND.output:
        if (rest.length < 7) return undefined;
        return { kind: 'output', seq: rest.readUIntBE(0, 6), stream: rest[6] === 0 ? 'stdout' : 'stderr', data: rest.subarray(7) };
      case KIND.note:
        return rest.length === 12 ? { kind: 'note', seq: rest.readUIntBE(0, 6), dropped: rest.readUIntBE(6, 6) } : undefined;
      case KIND.drop:
        return rest.length === 14 ? { kind: 'drop', seq: rest.readUIntBE(0, 6), removed: rest.readUInt32BE(6), trim: rest.readUInt32BE(10) } : undefined;
      case KIND.acked:
        return rest.length === 6 ? { kind: 'acked', seq: rest.readUIntBE(0, 6) } : undefined;
      case KIND.finished: {
        const outcome = JSON.parse(rest.toString('utf8')) as RunOutcome;
        return typeof outcome.state === 'string' ? { kind: 'finished', outcome } : undefined;
      }
      default:
        return undefined;
    }
  } catch {
    // JSON that does not parse, in a record whose checksum matched: written by something else.
    return undefined;
  }
}

/** The record's kind byte followed by the given parts, as one buffer. */
function kindAnd(kind: SpoolRecord['kind'], ...parts: Buffer[]): Buffer {
  return Buffer.concat([Buffer.of(KIND[kind]), ...parts]);
}

function uint48(value: number): Buffer {
  const buffer = Buffer.alloc(6);
  buffer.writeUIntBE(value, 0, 6);
  return buffer;
}
