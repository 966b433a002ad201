// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface RunStartedRequest {
  'runId'?: (string);
  'attempt'?: (number);
  'agent'?: (string);
  'pid'?: (number | string | Long);
  /**
   * the agent's clock when the process was spawned; 0: unknown
   */
  'startedAtMs'?: (number | string | Long);
}

export interface RunStartedRequest__Output {
  'runId': (string);
  'attempt': (number);
  'agent': (string);
  'pid': (number);
  /**
   * the agent's clock when the process was spawned; 0: unknown
   */
  'startedAtMs': (number);
}
