// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface Welcome {
  'nodeId'?: (string);
  'heartbeatIntervalMs'?: (number | string | Long);
}

export interface Welcome__Output {
  'nodeId': (string);
  'heartbeatIntervalMs': (number);
}
