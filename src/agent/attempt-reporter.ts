import type { Fields } from '../common/logger.js';
import { deliver, type DeliveryContext } from './deliver.js';
import type { OutputStream, RunOutcome } from './executors/executor.js';
import { MiB, OutputBuffer } from './output-buffer.js';
import type { ReportRpc } from './report-rpc.js';
import type { Timer, Timers } from './timers.js';

export interface OutputTuning {
  /** Send as soon as this much is waiting; default 64 KiB. */
  flushBytes?: number;
  /** Otherwise send this long after the first unsent byte; default 25 ms. */
  flushDelayMs?: number;
  /** The most unsent output kept per attempt; default 4 MiB, the oldest is dropped beyond it. */
  bufferCapBytes?: number;
}

export interface AttemptReporterOptions extends OutputTuning {
  runId: string;
  /** The tenant of the run, from its assignment: reports name it. */
  tenant: string;
  attempt: number;
  agent: string;
  rpc: ReportRpc;
  delivery: DeliveryContext;
  timers: Timers;
  /** The coordinator refused a report: the attempt is no longer this agent's. No report follows. */
  onRefused(reason: string): void;
  /** RunFinished was acknowledged: the coordinator knows everything about the attempt. */
  onDone(): void;
}

/**
 * Reports one attempt to the coordinator strictly in order: RunStarted, then output batches with at most one
 * AppendOutput in flight (output accumulates meanwhile and goes as the next batch), then RunFinished once every
 * byte has been acknowledged, so the coordinator never sees an end before the output that preceded it.
 */
export class AttemptReporter {
  private readonly buffer: OutputBuffer;
  private readonly flushBytes: number;
  private readonly flushDelayMs: number;
  private readonly fields: Fields;
  /** undefined until started() says whether the process spawned. */
  private startToReport: { pid: number; at: number } | null | undefined;
  private outcome: RunOutcome | undefined;
  private busy = false;
  private flushDue = false;
  private flushTimer: Timer | undefined;
  private closed = false;

  constructor(private readonly options: AttemptReporterOptions) {
    this.buffer = new OutputBuffer(options.bufferCapBytes ?? 4 * MiB);
    this.flushBytes = options.flushBytes ?? 64 * 1024;
    this.flushDelayMs = options.flushDelayMs ?? 25;
    this.fields = { runId: options.runId, attempt: options.attempt };
  }

  /**
   * The process spawned with this pid at `at` (the agent's clock), or (undefined) it never did and there is
   * nothing to report as started.
   */
  started(pid: number | undefined, at = 0): void {
    this.startToReport = pid === undefined ? null : { pid, at };
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
    this.pump();
  }

  finished(outcome: RunOutcome): void {
    this.outcome = outcome;
    this.pump();
  }

  private pump(): void {
    if (this.closed || this.busy || this.startToReport === undefined) return;
    const { runId, tenant, attempt, agent, rpc } = this.options;
    if (this.startToReport !== null) {
      const { pid, at } = this.startToReport;
      this.send('RunStarted', () => rpc.runStarted({ runId, tenant, attempt, agent, pid, startedAtMs: at }), () => (this.startToReport = null));
      return;
    }
    const ready = this.flushDue || this.outcome !== undefined || this.buffer.unsentBytes >= this.flushBytes;
    if (!this.buffer.isEmpty && ready) {
      const pieces = this.buffer.takeBatch();
      if (this.buffer.isEmpty) this.resetFlushTimer();
      this.send('AppendOutput', () => rpc.appendOutput({ runId, tenant, attempt, agent, pieces }), () => undefined);
      return;
    }
    if (this.outcome !== undefined && this.buffer.isEmpty) {
      const { state, exitCode, signal, error, endedAt } = this.outcome;
      const request = { runId, tenant, attempt, agent, state, signal: signal ?? '', error: error ?? '', endedAtMs: endedAt ?? 0 };
      this.send('RunFinished', () => rpc.runFinished(exitCode === undefined ? request : { ...request, exitCode }), () => {
        this.close();
        this.options.onDone();
      });
    }
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
        this.options.onRefused(result.reason);
      } else {
        this.close();
      }
    });
  }

  private resetFlushTimer(): void {
    this.flushDue = false;
    this.flushTimer?.cancel();
    this.flushTimer = undefined;
  }

  private close(): void {
    this.closed = true;
    this.resetFlushTimer();
  }
}
