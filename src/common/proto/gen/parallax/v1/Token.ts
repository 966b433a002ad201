// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface Token {
  'name'?: (string);
  /**
   * '*': cluster-wide
   */
  'tenant'?: (string);
  'role'?: (string);
  'createdAtMs'?: (number | string | Long);
  'createdBy'?: (string);
  /**
   * 0: does not expire
   */
  'expiresAtMs'?: (number | string | Long);
  /**
   * 0: not revoked
   */
  'revokedAtMs'?: (number | string | Long);
}

export interface Token__Output {
  'name': (string);
  /**
   * '*': cluster-wide
   */
  'tenant': (string);
  'role': (string);
  'createdAtMs': (number);
  'createdBy': (string);
  /**
   * 0: does not expire
   */
  'expiresAtMs': (number);
  /**
   * 0: not revoked
   */
  'revokedAtMs': (number);
}
