import type { Metadata } from '@grpc/grpc-js';
import { InvalidArgumentError, isParallaxError } from '../../common/errors.js';
import type { AppendOutputRequest__Output } from '../../common/proto/gen/parallax/v1/AppendOutputRequest.js';
import type { Report__Output } from '../../common/proto/gen/parallax/v1/Report.js';
import type { ReportResult } from '../../common/proto/gen/parallax/v1/ReportResult.js';
import type { RunFinishedRequest__Output } from '../../common/proto/gen/parallax/v1/RunFinishedRequest.js';
import type { RunStartedRequest__Output } from '../../common/proto/gen/parallax/v1/RunStartedRequest.js';
import type { Clock } from '../../common/time.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { EndedState } from '../state/records.js';
import type { ApiContext } from './unary.js';

// `lost`: the agent stopped the attempt itself, because it could not get its lease renewed in time.
const REPORTABLE_END_STATES: readonly EndedState[] = ['succeeded', 'failed', 'timed_out', 'cancelled', 'lost'];

/** What agents report about their attempts, as proposals; the FSM accepts a report only for the current attempt. */
export interface AgentReports {
  started(req: RunStartedRequest__Output): Promise<void>;
  output(req: AppendOutputRequest__Output): Promise<void>;
  finished(req: RunFinishedRequest__Output): Promise<void>;
  /**
   * A report that came on a Session stream: authorized as the unary call of its kind would be (with the stream's
   * credentials), then handled the same way. Resolves with the answer for the stream; never rejects.
   */
  onSession(report: Report__Output, metadata: Metadata, peer: string): Promise<ReportResult>;
}

export function agentReports(deps: {
  log: ReplicatedLog;
  clock: Clock;
  api: ApiContext;
  /** An authorized RunFinished arrived: the attempt's process has ended (whatever the FSM makes of the report). */
  processEnded?(attempt: { runId: string; attempt: number; agent: string }): void;
}): AgentReports {
  const { log, clock, api } = deps;

  // The attempt a report is about. An agent is told the tenant of each run it is assigned and names it in its
  // reports; the FSM then accepts a report only from the agent that holds the run's current attempt in that tenant.
  const attemptOf = (req: { tenant: string; runId: string; agent: string; attempt: number }) => {
    if (req.tenant === '') throw new InvalidArgumentError('a report must name the tenant of its run', { field: 'tenant' });
    return { tenant: req.tenant, runId: req.runId, agent: req.agent, attempt: req.attempt };
  };

  const reports: AgentReports = {
    async started(req) {
      await log.propose({ type: 'run.started', ...attemptOf(req), reportedAt: req.startedAtMs, now: clock.now() });
    },

    async output(req) {
      const attempt = attemptOf(req);
      const pieces = req.pieces.map((p) => ({
        seq: p.seq,
        stream: p.stream === 'stderr' ? ('stderr' as const) : ('stdout' as const),
        data: p.data.toString('base64'),
        ...(p.dropped > 0 ? { dropped: p.dropped } : {}),
      }));
      await log.propose({ type: 'run.output', ...attempt, pieces });
    },

    async finished(req) {
      const state = REPORTABLE_END_STATES.find((s) => s === req.state);
      if (state === undefined) {
        throw new InvalidArgumentError(`invalid run state "${req.state}": expected one of ${REPORTABLE_END_STATES.join(', ')}`, { field: 'state' });
      }
      const attempt = attemptOf(req);
      deps.processEnded?.(attempt);
      await log.propose({
        type: 'run.finish',
        ...attempt,
        state,
        exitCode: req.exitCode ?? null,
        signal: req.signal,
        error: req.error,
        reportedAt: req.endedAtMs,
        ...(req.startedAtMs > 0 ? { startedReportedAt: req.startedAtMs } : {}),
        now: clock.now(),
      });
    },

    async onSession(report, metadata, peer) {
      const { seq } = report;
      try {
        if (report.started) {
          await api.access.authorize('AgentService.RunStarted', metadata, peer);
          await reports.started(report.started);
        } else if (report.output) {
          await api.access.authorize('AgentService.AppendOutput', metadata, peer);
          await reports.output(report.output);
        } else if (report.finished) {
          await api.access.authorize('AgentService.RunFinished', metadata, peer);
          await reports.finished(report.finished);
        } else {
          throw new InvalidArgumentError('a report must carry started, output or finished (is the agent newer than the coordinator?)', { field: 'report' });
        }
        return { seq, code: '' };
      } catch (err) {
        if (!isParallaxError(err)) {
          api.logger.error('a report on a session failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
          return { seq, code: 'internal', message: 'internal error in the coordinator; see its log' };
        }
        return { seq, code: err.code, message: err.message, ...(err.field === undefined ? {} : { field: err.field }) };
      }
    },
  };
  return reports;
}
