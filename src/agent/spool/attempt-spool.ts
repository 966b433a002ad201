import type { RunOutcome } from '../executors/executor.js';
import type { Drop, NumberedPiece, OutputBuffer } from '../output-buffer.js';
import type { Timer, Timers } from '../timers.js';
import type { AttemptFile } from './attempt-file.js';
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
 * The spool of one attempt: what its reporter has not had acknowledged, in its file. Output is written (not synced)
 * before it is sent, in the batches the reporter numbers; it is synced a second later if the coordinator has not
 * acknowledged it by then (so a healthy coordinator costs no sync for output). The finish record is written before
 * RunFinished is sent, and synced meanwhile. Once the file holds mostly acknowledged output, it is rewritten with only the rest.
 */
export class AttemptSpool {
  private started: { pid: number; at: number } | undefined;
  private startedAcked = false;
  private outcome: RunOutcome | undefined;
  private syncTimer: Timer | undefined;
  private done = false;

  constructor(
    readonly identity: AttemptIdentity,
    private readonly file: AttemptFile,
    private readonly budget: SpoolBudget,
    private readonly timers: Timers,
    private readonly tuning: AttemptSpoolTuning = {},
    restored?: { started: { pid: number; at: number } | undefined; outcome: RunOutcome | undefined },
  ) {
    if (restored === undefined) {
      void file.append(encodeRecord({ kind: 'attempt', ...identity }));
    } else {
      this.started = restored.started;
      this.startedAcked = restored.started === undefined;
      this.outcome = restored.outcome;
    }
  }

  get path(): string {
    return this.file.path;
  }

  /** The size of the file once everything asked of it so far is written. */
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

  /** New pieces and the drop that made room for them; settles once they are written (it never rejects). */
  recordOutput(buffer: OutputBuffer, pieces: NumberedPiece[], drop: Drop | undefined, droppedForRoom: boolean): Promise<void> {
    const records: Buffer[] = [];
    for (const piece of pieces) records.push(...encodeRecord({ kind: 'output', ...piece }));
    if (drop !== undefined) records.push(...encodeRecord({ kind: 'drop', ...drop }));
    const written = this.file.append(records);
    this.budget.holds(this, buffer.liveBytes);
    if (droppedForRoom) this.budget.full();
    this.syncLater(buffer);
    return written;
  }

  recordAcknowledged(buffer: OutputBuffer, seq: number): void {
    this.append({ kind: 'acked', seq });
    this.budget.holds(this, buffer.liveBytes);
    // What a rewrite would keep, at most: the bytes, a record's framing for each entry, and the few other records.
    const kept = buffer.liveBytes + (buffer.nextSeq - buffer.firstSeq) * RECORD_OVERHEAD + 1024;
    if (this.file.appended - kept >= (this.tuning.compactBytes ?? 4 * 1024 * 1024)) void this.file.rewrite(this.snapshot(buffer));
  }

  /**
   * Settles once the finish record, and everything before it, is written (it never rejects); a sync to disk follows
   * at once. RunFinished waits for the write, not the sync: a killed agent finds the record (the page cache outlives
   * the process), and only a crash of the host within the sync's milliseconds can lose it, together with the run's
   * process, the attempt then being reported failed by the restarted agent. Waiting for the sync took a few
   * milliseconds off every run's slot on a busy agent (`npm run bench -- dispatch`).
   */
  recordFinished(outcome: RunOutcome): Promise<void> {
    this.outcome = outcome;
    this.syncTimer?.cancel();
    this.syncTimer = undefined;
    if (this.done) return Promise.resolve();
    const written = this.file.append(encodeRecord({ kind: 'finished', outcome }));
    void this.file.sync();
    return written;
  }

  /** The coordinator has everything, or has refused the attempt: the file goes. */
  discard(): Promise<void> {
    this.end();
    return this.file.remove();
  }

  /** The agent stops before the coordinator has everything: the file stays for its next start. */
  keep(): Promise<void> {
    this.end();
    return this.file.close();
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
    void this.file.append(encodeRecord(record));
  }

  private syncLater(buffer: OutputBuffer): void {
    if (this.syncTimer !== undefined || this.done) return;
    this.syncTimer = this.timers.setTimeout(this.tuning.syncDelayMs ?? 1_000, () => {
      this.syncTimer = undefined;
      if (buffer.liveBytes > 0 && !this.done) void this.file.sync();
    });
  }

  /** The file's content as it stands, without what the coordinator has acknowledged. */
  private snapshot(buffer: OutputBuffer): Buffer[] {
    const records: SpoolRecord[] = [{ kind: 'attempt', ...this.identity }];
    if (this.started !== undefined && !this.startedAcked) records.push({ kind: 'started', ...this.started });
    records.push({ kind: 'acked', seq: buffer.firstSeq });
    for (const entry of buffer.entriesFromHead()) {
      records.push('dropped' in entry ? { kind: 'note', seq: entry.seq, dropped: entry.dropped } : { kind: 'output', ...entry });
    }
    if (this.outcome !== undefined) records.push({ kind: 'finished', outcome: this.outcome });
    return records.flatMap((record) => encodeRecord(record));
  }
}
