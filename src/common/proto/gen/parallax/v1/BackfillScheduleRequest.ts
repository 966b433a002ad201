// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface BackfillScheduleRequest {
  'name'?: (string);
  'fromMs'?: (number | string | Long);
  /**
   * not included; at most now
   */
  'toMs'?: (number | string | Long);
}

export interface BackfillScheduleRequest__Output {
  'name': (string);
  'fromMs': (number);
  /**
   * not included; at most now
   */
  'toMs': (number);
}
