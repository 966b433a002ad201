// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateTokenRequest {
  'name'?: (string);
  'role'?: (string);
  /**
   * 0: does not expire
   */
  'ttlMs'?: (number | string | Long);
  'clusterWide'?: (boolean);
}

export interface CreateTokenRequest__Output {
  'name': (string);
  'role': (string);
  /**
   * 0: does not expire
   */
  'ttlMs': (number);
  'clusterWide': (boolean);
}
