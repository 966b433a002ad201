import type { RunOutcome } from '../executors/executor.js';
import { OutputBuffer } from '../output-buffer.js';
import { decodeRecords } from './records.js';

/** What a spool file says about an attempt whose reports the coordinator had not all acknowledged. */
export interface SpooledAttempt {
  runId: string;
  tenant: string;
  attempt: number;
  /** The agent name its reports carried (and must carry again). */
  agent: string;
  /** RunStarted, when the coordinator has not acknowledged it. */
  started: { pid: number; at: number } | undefined;
  /** The process the attempt ran as, acknowledged or not (to stop it if it outlived the agent). */
  process: { pid: number; at: number } | undefined;
  /** The pieces from the first one not acknowledged, numbered as they were. */
  buffer: OutputBuffer;
  /** How the process ended; undefined when it was still running when the agent stopped. */
  outcome: RunOutcome | undefined;
}

export interface Replayed {
  attempt: SpooledAttempt | undefined;
  /** The file is of another format (a newer agent's): it is left as it is. */
  foreign?: number;
  /** Bytes of the file that hold the records replayed; the rest is a torn or damaged tail. */
  validBytes: number;
  damage?: string;
}

/**
 * Replays a spool file's records in order. It stops at the first record that cannot be read or does not fit what
 * came before (a tail torn by a crash): the attempt is then as it was after the last record that fit.
 */
export function replaySpoolFile(file: Buffer): Replayed {
  const read = decodeRecords(file);
  const first = read.records[0];
  if (first?.kind !== 'attempt') {
    return { attempt: undefined, validBytes: 0, damage: first === undefined ? (read.damage ?? 'the file is empty') : 'it does not start with its attempt' };
  }
  if (first.format !== undefined) return { attempt: undefined, validBytes: 0, foreign: first.format, damage: read.damage ?? 'another format' };
  const attempt: SpooledAttempt = {
    runId: first.runId,
    tenant: first.tenant,
    attempt: first.attempt,
    agent: first.agent,
    started: undefined,
    process: undefined,
    buffer: new OutputBuffer(),
    outcome: undefined,
  };
  const { buffer } = attempt;
  let validBytes = read.ends[0]!;
  let damage = read.damage;
  for (let i = 1; i < read.records.length; i++) {
    const record = read.records[i]!;
    let fits = true;
    switch (record.kind) {
      case 'attempt':
        fits = false;
        break;
      case 'started':
        attempt.started = { pid: record.pid, at: record.at };
        attempt.process = attempt.started;
        break;
      case 'started-acked':
        attempt.started = undefined;
        break;
      case 'output':
        fits = buffer.restorePiece(record);
        break;
      case 'note':
        fits = buffer.restoreNote(record.seq, record.dropped);
        break;
      case 'drop':
        fits = buffer.restoreDrop(record);
        break;
      case 'acked':
        buffer.ack(record.seq);
        break;
      case 'finished':
        attempt.outcome = record.outcome;
        break;
    }
    if (!fits) {
      damage = `a ${record.kind} record that does not follow from the ones before it`;
      break;
    }
    validBytes = read.ends[i]!;
  }
  buffer.restored();
  return { attempt, validBytes, ...(damage === undefined ? {} : { damage }) };
}
