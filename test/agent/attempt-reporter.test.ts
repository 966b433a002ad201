import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { AttemptReporter, type ReportTuning } from '../../src/agent/attempt-reporter.js';
import type { ReportRpc } from '../../src/agent/report-rpc.js';
import { FailedPreconditionError } from '../../src/common/errors.js';
import { toServiceError } from '../../src/common/grpc-errors.js';
import { createLogger } from '../../src/common/logger.js';
import type { AppendOutputRequest } from '../../src/common/proto/gen/parallax/v1/AppendOutputRequest.js';
import type { RunFinishedRequest } from '../../src/common/proto/gen/parallax/v1/RunFinishedRequest.js';
import type { RunStartedRequest } from '../../src/common/proto/gen/parallax/v1/RunStartedRequest.js';
import { ManualTimers, settle } from './helpers.js';

type Call =
  | { what: 'started'; request: RunStartedRequest }
  | { what: 'output'; request: AppendOutputRequest }
  | { what: 'finished'; request: RunFinishedRequest };

/** Report calls that stay pending until the test answers them, so it sees exactly what is in flight. */
class HeldRpc implements ReportRpc {
  readonly calls: (Call & { answer(err?: unknown): void })[] = [];

  runStarted(request: RunStartedRequest) {
    return this.hold({ what: 'started', request });
  }
  appendOutput(request: AppendOutputRequest) {
    return this.hold({ what: 'output', request });
  }
  runFinished(request: RunFinishedRequest) {
    return this.hold({ what: 'finished', request });
  }

  async answer(index: number, err?: unknown): Promise<void> {
    const call = this.calls[index];
    if (call === undefined) throw new Error(`no call ${index} yet; calls: ${this.calls.map((c) => c.what).join(', ')}`);
    call.answer(err);
    await settle();
  }

  private hold(call: Call): Promise<void> {
    return new Promise((resolve, reject) => this.calls.push({ ...call, answer: (err) => (err === undefined ? resolve() : reject(err)) }));
  }
}

const unavailable = { code: grpc.status.UNAVAILABLE, details: 'connection refused', metadata: new grpc.Metadata() };

function reporter(tuning: ReportTuning = {}) {
  const rpc = new HeldRpc();
  const timers = new ManualTimers();
  const events: string[] = [];
  const report = new AttemptReporter({
    ...tuning,
    runId: 'r1',
    tenant: 'default',
    attempt: 3,
    agent: 'agent-1',
    rpc,
    timers,
    delivery: {
      target: '127.0.0.1:7070',
      timers,
      random: () => 0,
      logger: createLogger('test', { level: 'error' }),
      signal: new AbortController().signal,
    },
    onRefused: (reason) => events.push(`refused: ${reason}`),
    onDone: () => events.push('done'),
  });
  return { rpc, timers, events, report };
}

const piecesOf = (call: Call | undefined) =>
  call?.what === 'output' ? (call.request.pieces ?? []).map((p) => `${String(p.seq)}:${p.stream}:${String(p.data)}`) : [];

describe('AttemptReporter', () => {
  it('sends RunStarted 100 ms after the start, then output 25 ms after the first unsent byte, then RunFinished', async () => {
    const { rpc, timers, events, report } = reporter();
    report.started(4242, 1_700_000_000_123);
    await timers.advance(99);
    expect(rpc.calls).toHaveLength(0);
    await timers.advance(1);
    expect(rpc.calls.map((c) => c.what)).toEqual(['started']);
    expect(rpc.calls[0]?.request).toEqual({ runId: 'r1', tenant: 'default', attempt: 3, agent: 'agent-1', pid: 4242, startedAtMs: 1_700_000_000_123 });
    report.output('stdout', Buffer.from('hello\n'));
    await rpc.answer(0);
    await timers.advance(24);
    expect(rpc.calls).toHaveLength(1);
    await timers.advance(1);
    expect(piecesOf(rpc.calls[1])).toEqual(['0:stdout:hello\n']);
    expect(rpc.calls[1]?.request).toMatchObject({ runId: 'r1', attempt: 3, agent: 'agent-1' });
    await rpc.answer(1);
    report.finished({ state: 'failed', exitCode: 2, endedAt: 1_700_000_001_000 });
    expect(rpc.calls[2]).toMatchObject({
      what: 'finished',
      request: { runId: 'r1', attempt: 3, agent: 'agent-1', state: 'failed', exitCode: 2, signal: '', error: '', endedAtMs: 1_700_000_001_000, startedAtMs: 0 },
    });
    await rpc.answer(2);
    expect(events).toEqual(['done']);
  });

  it('reports a run that ends silently before RunStarted is due by RunFinished alone, which carries the start', async () => {
    const { rpc, timers, events, report } = reporter();
    report.started(4242, 1_700_000_000_123);
    await timers.advance(40);
    report.finished({ state: 'succeeded', exitCode: 0, endedAt: 1_700_000_000_163 });
    expect(rpc.calls.map((c) => c.what)).toEqual(['finished']);
    expect(rpc.calls[0]?.request).toMatchObject({ state: 'succeeded', exitCode: 0, endedAtMs: 1_700_000_000_163, startedAtMs: 1_700_000_000_123 });
    await timers.advance(1_000);
    expect(rpc.calls).toHaveLength(1);
    await rpc.answer(0);
    expect(events).toEqual(['done']);
  });

  it('sends RunStarted before it is due when output has to go, and at once with startedDelayMs 0', async () => {
    const { rpc, timers, report } = reporter();
    report.started(1);
    report.output('stdout', Buffer.from('early'));
    await timers.advance(25);
    expect(rpc.calls.map((c) => c.what)).toEqual(['started']);
    await rpc.answer(0);
    expect(piecesOf(rpc.calls[1])).toEqual(['0:stdout:early']);

    const eager = reporter({ startedDelayMs: 0 });
    eager.report.started(2, 1_700_000_000_000);
    expect(eager.rpc.calls.map((c) => c.what)).toEqual(['started']);
    await eager.rpc.answer(0);
    eager.report.finished({ state: 'succeeded', exitCode: 0 });
    expect(eager.rpc.calls[1]?.request).toMatchObject({ state: 'succeeded', startedAtMs: 0 });
  });

  it('sends 64 KiB of output without waiting', async () => {
    const { rpc, report } = reporter();
    report.started(1);
    report.output('stdout', Buffer.alloc(64 * 1024, 'a'));
    expect(rpc.calls.map((c) => c.what)).toEqual(['started']);
    await rpc.answer(0);
    expect(rpc.calls.map((c) => c.what)).toEqual(['started', 'output']);
  });

  it('keeps one AppendOutput in flight; what comes meanwhile goes as the next batch, and RunFinished waits for it', async () => {
    const { rpc, timers, report } = reporter();
    report.started(1);
    await timers.advance(100);
    await rpc.answer(0);
    report.output('stdout', Buffer.from('a'));
    await timers.advance(25);
    report.output('stderr', Buffer.from('b'));
    report.output('stdout', Buffer.from('c'));
    report.finished({ state: 'succeeded', exitCode: 0 });
    await timers.advance(1_000);
    expect(rpc.calls.map((c) => c.what)).toEqual(['started', 'output']);
    await rpc.answer(1);
    expect(piecesOf(rpc.calls[2])).toEqual(['1:stderr:b', '2:stdout:c']);
    await rpc.answer(2);
    expect(rpc.calls.map((c) => c.what)).toEqual(['started', 'output', 'output', 'finished']);
  });

  it('retries the same pieces while the coordinator is unreachable, and drops the oldest beyond the cap', async () => {
    const { rpc, timers, report } = reporter({ bufferCapBytes: 10 });
    report.started(undefined);
    report.output('stdout', Buffer.from('first'));
    await timers.advance(25);
    await rpc.answer(0, unavailable);
    report.output('stdout', Buffer.from('0123456789abcdef'));
    await timers.advance(60_000);
    await rpc.answer(1, unavailable);
    await timers.advance(60_000);
    expect(piecesOf(rpc.calls[2])).toEqual(piecesOf(rpc.calls[0]));
    await rpc.answer(2);
    expect(piecesOf(rpc.calls[3])).toEqual([
      '1:stderr:[parallax-agent: 6 bytes of output dropped: the run wrote faster than its output is sent (1 MiB a second while it runs), or the coordinators could not be reached]\n',
      '2:stdout:6789abcdef',
    ]);
  });

  it('sends a flood of output at most outputRateBytes a second while the run goes on, and the rest once it ends', async () => {
    const { rpc, timers, report } = reporter({ bufferCapBytes: 2_000, flushBytes: 1_000, outputRateBytes: 10_000 });
    report.started(undefined);
    const answered = new Set<number>();
    const sent = () => rpc.calls.flatMap((c) => (c.what === 'output' ? (c.request.pieces ?? []) : []));
    const bytes = () => sent().reduce((sum, piece) => sum + (Number(piece.dropped ?? 0) > 0 ? 0 : piece.data!.length), 0);
    // 3,000 bytes every 100 ms for 2 s: 30,000 bytes a second, three times the rate.
    for (let tick = 0; tick < 20; tick++) {
      report.output('stdout', Buffer.from(String(tick % 10).repeat(3_000)));
      await timers.advance(100);
      const last = rpc.calls.length - 1;
      if (rpc.calls[last]?.what === 'output' && !answered.has(last)) {
        answered.add(last);
        await rpc.answer(last);
      }
    }
    // About 10,000 bytes a second went (a batch of n bytes holds the next back n / rate), not the 60,000 written;
    // what could not go was dropped, and notes say so.
    expect(bytes()).toBeGreaterThanOrEqual(18_000);
    expect(bytes()).toBeLessThanOrEqual(24_000);
    expect(sent().filter((piece) => Number(piece.dropped ?? 0) > 0).length).toBeGreaterThan(5);
    // The run ends: what is left (at most the cap) goes at once, unpaced, and ends with the last bytes written.
    report.output('stdout', Buffer.from('END'));
    report.finished({ state: 'succeeded', exitCode: 0 });
    for (let i = 0; i < 5 && rpc.calls.at(-1)?.what !== 'finished'; i++) await rpc.answer(rpc.calls.length - 1);
    expect(rpc.calls.at(-1)?.what).toBe('finished');
    expect(sent().map((piece) => String(piece.data)).join('').endsWith(`${'9'.repeat(1_997)}END`)).toBe(true);
  });

  it('stops reporting an attempt the coordinator refuses (fencing)', async () => {
    const { rpc, timers, events, report } = reporter();
    report.started(1);
    await timers.advance(100);
    await rpc.answer(0, toServiceError(new FailedPreconditionError('attempt 3 of run r1 is not current; attempt 4 is')));
    expect(events).toEqual(['refused: attempt 3 of run r1 is not current; attempt 4 is']);
    report.output('stdout', Buffer.from('late'));
    report.finished({ state: 'succeeded', exitCode: 0 });
    await timers.advance(1_000);
    expect(rpc.calls).toHaveLength(1);
  });
});
