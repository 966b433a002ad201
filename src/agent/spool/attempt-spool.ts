import type { RunOutcome } from '../executors/executor.js';
import type { Drop, NumberedPiece, OutputBuffer } from '../output-buffer.js';
import type { Timer, Timers } from '../timers.js';
import type { JournalEntry } from './journal.js';
import { encodeRecord, type SpoolRecord } from './records.js';

/** The bytes an output or note record adds to what it holds: its frame, kind, seq and stream (or count). */
const RECORD_OVERHEAD = 24;

export interface AttemptIdentity {
  runId: string;
  tenant: string;
  attempt: number;
  agent: string;
}

/** What an attempt's spool shares with the others in the spool directory. */
export interface SpoolBudget {
  /** The most unsent output an attempt may keep, given its own cap and the room left in the directory. */
  capFor(attempt: AttemptSpool, capBytes: number, unsentBytes: number): number;
  /** The attempt now holds this many bytes of unacknowledged output. */
  holds(attempt: AttemptSpool, bytes: number): void;
  /** Output was dropped because the directory is full. */
  full(): void;
  /** The attempt's file is deleted or closed. */
  release(attempt: AttemptSpool): void;
}

export interface AttemptSpoolTuning {
  /** Acknowledged bytes a file may hold before it is rewritten without them; default 4 MiB. */
  compactBytes?: number;
  /** Unacknowledged output is synced to disk this long after it is written; default 1 s. */
  syncDelayMs?: number;
}

/**
 * The spool of one attempt: what its reporter has not had acknowledged, in the agent's journal. Output is written
 * (not synced) before it is sent, in the batches the reporter numbers, and so is the end before RunFinished; either
 * is synced a second later if the coordinator has not acknowledged it by then (so a healthy coordinator costs no
 * sync at all). Once the attempt's records are mostly acknowledged output, they are rewritten with only the rest.
 */
export class AttemptSpool {
  private started: { pid: number; at: number } | undefined;
  private startedAcked = false;
  private outcome: RunOutcome | undefined;
  private syncTimer: Timer | undefined;
  private done = false;
  /** The reporter's buffer of numbered output (the same one every call passes), once there is one. */
  private buffer: OutputBuffer | undefined;
  private readonly file: JournalEntry;

  constructor(
    readonly identity: AttemptIdentity,
    storage: (snapshot: () => Buffer[]) => JournalEntry,
    private readonly budget: SpoolBudget,
    private readonly timers: Timers,
    private readonly tuning: AttemptSpoolTuning = {},
    restored?: { process: { pid: number; at: number } | undefined; startedAcked: boolean; buffer: OutputBuffer; outcome: RunOutcome | undefined },
  ) {
    this.file = storage(() => this.snapshot());
    if (restored === undefined) {
      // A rewrite, not an append: whatever an earlier agent left under the same attempt is replaced.
      this.file.rewrite(encodeRecord({ kind: 'attempt', ...identity }));
    } else {
      this.started = restored.process;
      this.startedAcked = restored.startedAcked;
      this.buffer = restored.buffer;
      this.outcome = restored.outcome;
    }
  }

  /** The bytes of the attempt's records in the journal. */
  get bytes(): number {
    return this.file.appended;
  }

  capFor(capBytes: number, unsentBytes: number): number {
    return this.budget.capFor(this, capBytes, unsentBytes);
  }

  recordStarted(pid: number, at: number): void {
    this.started = { pid, at };
    this.append({ kind: 'started', pid, at });
  }

  recordStartedAcknowledged(): void {
    this.startedAcked = true;
    this.append({ kind: 'started-acked' });
  }

  /** New pieces and the drop that made room for them, written when this returns. */
  recordOutput(buffer: OutputBuffer, pieces: NumberedPiece[], drop: Drop | undefined, droppedForRoom: boolean): void {
    const records: Buffer[] = [];
    for (const piece of pieces) records.push(...encodeRecord({ kind: 'output', ...piece }));
    if (drop !== undefined) records.push(...encodeRecord({ kind: 'drop', ...drop }));
    this.buffer = buffer;
    this.file.append(records);
    this.budget.holds(this, buffer.liveBytes);
    if (droppedForRoom) this.budget.full();
    this.syncLater();
  }

  recordAcknowledged(buffer: OutputBuffer, seq: number): void {
    this.buffer = buffer;
    this.append({ kind: 'acked', seq });
    this.budget.holds(this, buffer.liveBytes);
    // What a rewrite would keep, at most: the bytes, a record's framing for each entry, and the few other records.
    const kept = buffer.liveBytes + (buffer.nextSeq - buffer.firstSeq) * RECORD_OVERHEAD + 1024;
    if (this.file.appended - kept >= (this.tuning.compactBytes ?? 4 * 1024 * 1024)) this.file.rewrite(this.snapshot());
  }

  /**
   * The end, written when this returns, as everything before it. Like output, it is synced a second later if the
   * coordinator has not acknowledged it by then: a killed agent finds it anyway (the page cache outlives the
   * process), and only a crash of the host within that second can lose it, together with the run's process, the
   * attempt then being lost and retried by its policy. A sync for every run cost an agent about 0.5 ms of CPU a run,
   * and its wait held the run's slot (`npm run bench -- dispatch`).
   */
  recordFinished(outcome: RunOutcome): void {
    this.outcome = outcome;
    this.append({ kind: 'finished', outcome });
    this.syncLater();
  }

  /** The coordinator has everything, or has refused the attempt: its records go. */
  discard(): void {
    this.end();
    this.file.remove();
  }

  /** The agent stops before the coordinator has everything: its records stay for its next start. */
  keep(): void {
    this.end();
  }

  private end(): void {
    if (this.done) return;
    this.done = true;
    this.syncTimer?.cancel();
    this.syncTimer = undefined;
    this.budget.release(this);
  }

  private append(record: SpoolRecord): void {
    if (this.done) return;
    this.file.append(encodeRecord(record));
  }

  /** Syncs in a second what the coordinator has not acknowledged by then (output, or the end). */
  private syncLater(): void {
    if (this.syncTimer !== undefined || this.done) return;
    this.syncTimer = this.timers.setTimeout(this.tuning.syncDelayMs ?? 1_000, () => {
      this.syncTimer = undefined;
      if (!this.done && (this.outcome !== undefined || (this.buffer?.liveBytes ?? 0) > 0)) void this.file.sync();
    });
  }

  /**
   * The attempt's records as they stand, without what the coordinator has acknowledged. The process it ran as is
   * kept even once RunStarted is acknowledged: an agent restarted after a crash stops it by that.
   */
  private snapshot(): Buffer[] {
    const records: SpoolRecord[] = [{ kind: 'attempt', ...this.identity }];
    if (this.started !== undefined) records.push({ kind: 'started', ...this.started });
    if (this.started !== undefined && this.startedAcked) records.push({ kind: 'started-acked' });
    const buffer = this.buffer;
    if (buffer !== undefined) {
      records.push({ kind: 'acked', seq: buffer.firstSeq });
      for (const entry of buffer.entriesFromHead()) {
        records.push('dropped' in entry ? { kind: 'note', seq: entry.seq, dropped: entry.dropped } : { kind: 'output', ...entry });
      }
    }
    if (this.outcome !== undefined) records.push({ kind: 'finished', outcome: this.outcome });
    return records.flatMap((record) => encodeRecord(record));
  }
}
