// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface RunFinishedRequest {
  'runId'?: (string);
  'attempt'?: (number);
  'agent'?: (string);
  /**
   * succeeded | failed | timed_out | cancelled | lost (the agent stopped it: lease not renewed)
   */
  'state'?: (string);
  'exitCode'?: (number);
  'signal'?: (string);
  'error'?: (string);
  /**
   * the agent's clock when the process ended; 0: unknown
   */
  'endedAtMs'?: (number | string | Long);
  'tenant'?: (string);
  /**
   * A run that ended before its RunStarted was sent is reported by this call alone: the agent's clock when the
   * process was spawned (0: unknown, or RunStarted told it).
   */
  'startedAtMs'?: (number | string | Long);
  '_exitCode'?: "exitCode";
}

export interface RunFinishedRequest__Output {
  'runId': (string);
  'attempt': (number);
  'agent': (string);
  /**
   * succeeded | failed | timed_out | cancelled | lost (the agent stopped it: lease not renewed)
   */
  'state': (string);
  'exitCode'?: (number);
  'signal': (string);
  'error': (string);
  /**
   * the agent's clock when the process ended; 0: unknown
   */
  'endedAtMs': (number);
  'tenant': (string);
  /**
   * A run that ended before its RunStarted was sent is reported by this call alone: the agent's clock when the
   * process was spawned (0: unknown, or RunStarted told it).
   */
  'startedAtMs': (number);
  '_exitCode'?: "exitCode";
}
