// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface StatusResponse {
  'nodeId'?: (string);
  'address'?: (string);
  'dataDir'?: (string);
  'leader'?: (string);
  'version'?: (string);
  'schedules'?: (number | string | Long);
  'agents'?: (number | string | Long);
  'agentsConnected'?: (number | string | Long);
  'runs'?: (number | string | Long);
  'runsActive'?: (number | string | Long);
  'appliedIndex'?: (number | string | Long);
  'startedAtMs'?: (number | string | Long);
  /**
   * due times recorded as missed (misfire, overlap), all schedules
   */
  'missed'?: (number | string | Long);
}

export interface StatusResponse__Output {
  'nodeId': (string);
  'address': (string);
  'dataDir': (string);
  'leader': (string);
  'version': (string);
  'schedules': (number);
  'agents': (number);
  'agentsConnected': (number);
  'runs': (number);
  'runsActive': (number);
  'appliedIndex': (number);
  'startedAtMs': (number);
  /**
   * due times recorded as missed (misfire, overlap), all schedules
   */
  'missed': (number);
}
