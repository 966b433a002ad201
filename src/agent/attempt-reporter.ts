import type { Fields } from '../common/logger.js';
import { deliver, type DeliveryContext } from './deliver.js';
import type { OutputStream, RunOutcome } from './executors/executor.js';
import { MiB, OutputBuffer } from './output-buffer.js';
import type { ReportRpc } from './report-rpc.js';
import type { AttemptSpool } from './spool/attempt-spool.js';
import type { Timer, Timers } from './timers.js';

export interface ReportTuning {
  /**
   * RunStarted waits this long (unless output has to go first), so that a run that ends sooner is reported by its
   * RunFinished alone: one call and one log entry fewer; default 100 ms. 0: at once.
   */
  startedDelayMs?: number;
  /** Send as soon as this much is waiting; default 64 KiB. */
  flushBytes?: number;
  /** Otherwise send this long after the first unsent byte; default 25 ms. */
  flushDelayMs?: number;
  /**
   * The most unsent output kept per attempt; the oldest is dropped beyond it. Default 1 MiB, what the coordinators
   * keep of a run: more would only be sent to be dropped there.
   */
  bufferCapBytes?: number;
  /**
   * While the run goes on, output is sent at most this fast (bytes a second; default 1 MiB): a run that floods its
   * output puts at most this much a second through the replicated log, not all it writes, and the oldest unsent
   * output is dropped beyond the cap meanwhile. Once the run has ended, what is left goes at once.
   */
  outputRateBytes?: number;
  /** While a report is in flight, output waits at most this long before it is numbered and spooled; default 1 s. */
  spoolDelayMs?: number;
}

/** What a reporter picks up from the spool after the agent restarted. */
export interface ResumedAttempt {
  /** RunStarted not yet acknowledged. */
  started: { pid: number; at: number } | undefined;
  buffer: OutputBuffer;
  outcome: RunOutcome | undefined;
}

export interface AttemptReporterOptions extends ReportTuning {
  runId: string;
  /** The tenant of the run, from its assignment: reports name it. */
  tenant: string;
  attempt: number;
  agent: string;
  rpc: ReportRpc;
  delivery: DeliveryContext;
  timers: Timers;
  /** Where what is not acknowledged is kept across restarts of the agent; without one, it is kept in memory only. */
  spool?: AttemptSpool;
  /** Reports left unacknowledged by the agent's previous process, to deliver before anything else. */
  resumed?: ResumedAttempt;
  /** The coordinator refused a report: the attempt is no longer this agent's. No report follows. */
  onRefused(reason: string): void;
  /** RunFinished was acknowledged: the coordinator knows everything about the attempt. */
  onDone(): void;
}

/**
 * Reports one attempt to the coordinator strictly in order: RunStarted, then output batches with at most one
 * AppendOutput in flight (output accumulates meanwhile and goes as the next batch), then RunFinished once every
 * byte has been acknowledged, so the coordinator never sees an end before the output that preceded it. RunStarted
 * waits a little (startedDelayMs) unless output has to go first: a run that ends silently by then is reported by
 * its RunFinished alone, which carries the start.
 *
 * With a spool, nothing is sent before it is written there: output when it is numbered (just before it is sent, or,
 * while a report is in flight, every 64 KiB or a second after it came), and the end before RunFinished.
 */
export class AttemptReporter {
  private readonly buffer: OutputBuffer;
  private readonly capBytes: number;
  private readonly flushBytes: number;
  private readonly flushDelayMs: number;
  private readonly spoolDelayMs: number;
  private readonly startedDelayMs: number;
  private readonly fields: Fields;
  /** undefined until started() says whether the process spawned. */
  private startToReport: { pid: number; at: number } | null | undefined;
  /** RunStarted may go now (its delay has passed); before that, only output or the end send it. */
  private startDue = false;
  private startTimer: Timer | undefined;
  private outcome: RunOutcome | undefined;
  private busy = false;
  private flushDue = false;
  private flushTimer: Timer | undefined;
  private spoolDue = false;
  private spoolTimer: Timer | undefined;
  private readonly outputRateBytes: number;
  /** Output sent last waits this timer out before more may go while the run goes on (outputRateBytes). */
  private paceTimer: Timer | undefined;
  private closed = false;

  constructor(private readonly options: AttemptReporterOptions) {
    this.capBytes = options.bufferCapBytes ?? MiB;
    this.outputRateBytes = options.outputRateBytes ?? MiB;
    this.buffer = options.resumed?.buffer ?? new OutputBuffer(this.capBytes);
    this.flushBytes = options.flushBytes ?? 64 * 1024;
    this.flushDelayMs = options.flushDelayMs ?? 25;
    this.spoolDelayMs = options.spoolDelayMs ?? 1_000;
    this.startedDelayMs = options.startedDelayMs ?? 100;
    this.fields = { runId: options.runId, attempt: options.attempt };
    if (options.resumed !== undefined) {
      this.startToReport = options.resumed.started ?? null;
      this.startDue = true;
      this.outcome = options.resumed.outcome;
      this.flushDue = true;
    }
  }

  /** Starts delivering what a resumed attempt left. */
  resume(): void {
    this.pump();
  }

  /**
   * The process spawned with this pid at `at` (the agent's clock), or (0) the run began with no process here (an SSH
   * command, an HTTP request), or (undefined) it never began and there is nothing to report as started.
   */
  started(pid: number | undefined, at = 0): void {
    this.startToReport = pid === undefined ? null : { pid, at };
    if (pid !== undefined) this.options.spool?.recordStarted(pid, at);
    if (pid === undefined || this.startedDelayMs <= 0) {
      this.startDue = true;
    } else {
      this.startTimer = this.options.timers.setTimeout(this.startedDelayMs, () => {
        this.startTimer = undefined;
        this.startDue = true;
        this.pump();
      });
    }
    this.pump();
  }

  output(stream: OutputStream, data: Buffer): void {
    if (this.closed) return;
    this.buffer.append(stream, data);
    if (this.flushTimer === undefined && !this.flushDue) {
      this.flushTimer = this.options.timers.setTimeout(this.flushDelayMs, () => {
        this.flushTimer = undefined;
        this.flushDue = true;
        this.pump();
      });
    }
    if (this.spoolTimer === undefined && !this.spoolDue) {
      this.spoolTimer = this.options.timers.setTimeout(this.spoolDelayMs, () => {
        this.spoolTimer = undefined;
        this.spoolDue = true;
        this.pump();
      });
    }
    this.pump();
  }

  finished(outcome: RunOutcome): void {
    if (this.closed) return;
    this.outcome = outcome;
    this.numberStaged();
    this.options.spool?.recordFinished(outcome);
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    // Output waiting behind a report in flight goes to the spool in batches, not only when it can be sent.
    if (this.spoolDue || this.buffer.stagedBytes >= this.flushBytes) this.numberStaged();
    if (this.busy || this.startToReport === undefined) return;
    const { runId, tenant, attempt, agent, rpc, spool } = this.options;
    const ready = this.flushDue || this.outcome !== undefined || this.buffer.unsentBytes >= this.flushBytes;
    const paced = this.paceTimer !== undefined && this.outcome === undefined;
    const outputToSend = this.buffer.hasUnsent && ready && !paced;
    // The end, once it is all that is left to tell; RunFinished then tells a start not yet reported too.
    const end = this.buffer.isEmpty ? this.outcome : undefined;
    if (this.startToReport !== null && end === undefined) {
      if (!this.startDue && !outputToSend) return;
      this.cancelStartTimer();
      const { pid, at } = this.startToReport;
      this.send('RunStarted', () => rpc.runStarted({ runId, tenant, attempt, agent, pid, startedAtMs: at }), () => {
        this.startToReport = null;
        spool?.recordStartedAcknowledged();
      });
      return;
    }
    if (outputToSend) {
      this.numberStaged();
      const pieces = this.buffer.takeBatch();
      if (!this.buffer.hasUnsent) this.resetFlushTimer();
      this.pace(pieces.reduce((sum, piece) => sum + piece.data.length, 0));
      const next = pieces.at(-1)!.seq + 1;
      this.send(
        'AppendOutput',
        () => rpc.appendOutput({ runId, tenant, attempt, agent, pieces }),
        () => {
          this.buffer.ack(next);
          spool?.recordAcknowledged(this.buffer, next);
        },
      );
      return;
    }
    if (end !== undefined) {
      this.cancelStartTimer();
      const { state, exitCode, signal, error, endedAt } = end;
      const startedAtMs = this.startToReport === null ? 0 : this.startToReport.at;
      const request = { runId, tenant, attempt, agent, state, signal: signal ?? '', error: error ?? '', endedAtMs: endedAt ?? 0, startedAtMs };
      this.send(
        'RunFinished',
        () => rpc.runFinished(exitCode === undefined ? request : { ...request, exitCode }),
        () => {
          this.close();
          spool?.discard();
          this.options.onDone();
        },
      );
    }
  }

  /** Numbers the staged output and writes it to the spool, dropping the oldest unsent beyond the cap. */
  private numberStaged(): void {
    this.spoolDue = false;
    this.spoolTimer?.cancel();
    this.spoolTimer = undefined;
    if (this.buffer.stagedBytes === 0) return;
    const { spool } = this.options;
    const cap = spool?.capFor(this.capBytes, this.buffer.numberedUnsentBytes) ?? this.capBytes;
    const { pieces, drop } = this.buffer.number(cap);
    spool?.recordOutput(this.buffer, pieces, drop, drop !== undefined && cap < this.capBytes);
  }

  private send(what: string, call: () => Promise<void>, onDelivered: () => void): void {
    this.busy = true;
    void deliver(what, call, this.options.delivery, this.fields).then((result) => {
      this.busy = false;
      if (this.closed) return;
      if (result.kind === 'delivered') {
        onDelivered();
        this.pump();
      } else if (result.kind === 'refused') {
        this.close();
        this.options.spool?.discard();
        this.options.onRefused(result.reason);
      } else {
        // The agent is stopping: what is not acknowledged stays in the spool for its next start.
        this.close();
        this.options.spool?.keep();
      }
    });
  }

  /** More output may go, while the run goes on, once `bytes` have had their time at outputRateBytes. */
  private pace(bytes: number): void {
    const ms = Math.floor((bytes * 1000) / this.outputRateBytes);
    if (this.outcome !== undefined || ms < 1) return;
    this.paceTimer = this.options.timers.setTimeout(ms, () => {
      this.paceTimer = undefined;
      this.pump();
    });
  }

  private cancelStartTimer(): void {
    this.startTimer?.cancel();
    this.startTimer = undefined;
  }

  private resetFlushTimer(): void {
    this.flushDue = false;
    this.flushTimer?.cancel();
    this.flushTimer = undefined;
  }

  private close(): void {
    this.closed = true;
    this.cancelStartTimer();
    this.resetFlushTimer();
    this.spoolTimer?.cancel();
    this.spoolTimer = undefined;
    this.paceTimer?.cancel();
    this.paceTimer = undefined;
  }
}
