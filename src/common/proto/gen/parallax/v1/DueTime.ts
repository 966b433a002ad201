// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface DueTime {
  'dueAtMs'?: (number | string | Long);
  /**
   * the wall time in the schedule's zone, RFC 3339 with its offset
   */
  'local'?: (string);
}

export interface DueTime__Output {
  'dueAtMs': (number);
  /**
   * the wall time in the schedule's zone, RFC 3339 with its offset
   */
  'local': (string);
}
