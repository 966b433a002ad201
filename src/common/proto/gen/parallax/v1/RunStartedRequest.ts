// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Reports name the tenant of the run (from its Assignment), so the coordinator finds the run without remembering
 * leases: a report repeated after the run ended is answered like the first one.
 */
export interface RunStartedRequest {
  'runId'?: (string);
  'attempt'?: (number);
  'agent'?: (string);
  /**
   * 0: the run has no process on the agent's host (an SSH command, an HTTP request)
   */
  'pid'?: (number | string | Long);
  /**
   * the agent's clock when the process was spawned (the command or request began); 0: unknown
   */
  'startedAtMs'?: (number | string | Long);
  'tenant'?: (string);
}

/**
 * Reports name the tenant of the run (from its Assignment), so the coordinator finds the run without remembering
 * leases: a report repeated after the run ended is answered like the first one.
 */
export interface RunStartedRequest__Output {
  'runId': (string);
  'attempt': (number);
  'agent': (string);
  /**
   * 0: the run has no process on the agent's host (an SSH command, an HTTP request)
   */
  'pid': (number);
  /**
   * the agent's clock when the process was spawned (the command or request began); 0: unknown
   */
  'startedAtMs': (number);
  'tenant': (string);
}
