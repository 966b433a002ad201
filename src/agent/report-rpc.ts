import type { Clock } from '../common/time.js';
import type { AgentServiceClient } from '../common/proto/gen/parallax/v1/AgentService.js';
import type { AppendOutputRequest } from '../common/proto/gen/parallax/v1/AppendOutputRequest.js';
import type { RunFinishedRequest } from '../common/proto/gen/parallax/v1/RunFinishedRequest.js';
import type { RunStartedRequest } from '../common/proto/gen/parallax/v1/RunStartedRequest.js';

/** The unary reports of an attempt as promises; each rejects with the call's ServiceError. */
export interface ReportRpc {
  runStarted(request: RunStartedRequest): Promise<void>;
  appendOutput(request: AppendOutputRequest): Promise<void>;
  runFinished(request: RunFinishedRequest): Promise<void>;
}

/**
 * Every call has a deadline, so a coordinator that accepts the connection but never answers cannot stall a run.
 * Each call goes to the coordinator in use when it is made (any coordinator takes reports; followers pass them on).
 */
export function grpcReportRpc(client: () => AgentServiceClient, clock: Clock, deadlineMs: number): ReportRpc {
  const options = () => ({ deadline: clock.now() + deadlineMs });
  const settle = (resolve: () => void, reject: (err: unknown) => void) => (err: unknown) =>
    err === null || err === undefined ? resolve() : reject(err);
  return {
    runStarted: (request) =>
      new Promise((resolve, reject) => client().runStarted(request, options(), settle(resolve, reject))),
    appendOutput: (request) =>
      new Promise((resolve, reject) => client().appendOutput(request, options(), settle(resolve, reject))),
    runFinished: (request) =>
      new Promise((resolve, reject) => client().runFinished(request, options(), settle(resolve, reject))),
  };
}
