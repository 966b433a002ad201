// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface Agent {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'capacity'?: (number);
  'running'?: (number);
  'connected'?: (boolean);
  'lastHeartbeatMs'?: (number | string | Long);
  'version'?: (string);
  'hostname'?: (string);
  'registeredAtMs'?: (number | string | Long);
  /**
   * by an operator (agent drain): takes no new runs until undrained
   */
  'drained'?: (boolean);
  /**
   * the agent process is shutting down, finishing its runs
   */
  'stopping'?: (boolean);
}

export interface Agent__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'capacity': (number);
  'running': (number);
  'connected': (boolean);
  'lastHeartbeatMs': (number);
  'version': (string);
  'hostname': (string);
  'registeredAtMs': (number);
  /**
   * by an operator (agent drain): takes no new runs until undrained
   */
  'drained': (boolean);
  /**
   * the agent process is shutting down, finishing its runs
   */
  'stopping': (boolean);
}
