// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The leader renewed, on receiving heartbeat `seq`, the lease of every attempt that heartbeat listed and it holds
 * for this agent (any other it answered with a Cancel).
 */
export interface LeaseRenewed {
  'seq'?: (number | string | Long);
}

/**
 * The leader renewed, on receiving heartbeat `seq`, the lease of every attempt that heartbeat listed and it holds
 * for this agent (any other it answered with a Cancel).
 */
export interface LeaseRenewed__Output {
  'seq': (number);
}
