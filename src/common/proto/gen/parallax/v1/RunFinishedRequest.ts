// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface RunFinishedRequest {
  'runId'?: (string);
  'attempt'?: (number);
  'agent'?: (string);
  /**
   * succeeded | failed | timed_out | cancelled
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
  '_exitCode'?: "exitCode";
}

export interface RunFinishedRequest__Output {
  'runId': (string);
  'attempt': (number);
  'agent': (string);
  /**
   * succeeded | failed | timed_out | cancelled
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
  '_exitCode'?: "exitCode";
}
