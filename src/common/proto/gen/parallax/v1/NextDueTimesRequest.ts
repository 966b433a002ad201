// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface NextDueTimesRequest {
  'name'?: (string);
  /**
   * 1 to 1000; 0: 10
   */
  'count'?: (number);
  /**
   * after this moment; 0: now
   */
  'fromMs'?: (number | string | Long);
}

export interface NextDueTimesRequest__Output {
  'name': (string);
  /**
   * 1 to 1000; 0: 10
   */
  'count': (number);
  /**
   * after this moment; 0: now
   */
  'fromMs': (number);
}
