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
}
