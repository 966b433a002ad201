// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface VerifyAuditResponse {
  'ok'?: (boolean);
  'entries'?: (number | string | Long);
  /**
   * the first entry that does not match (0: none)
   */
  'badSeq'?: (number | string | Long);
  'problem'?: (string);
}

export interface VerifyAuditResponse__Output {
  'ok': (boolean);
  'entries': (number);
  /**
   * the first entry that does not match (0: none)
   */
  'badSeq': (number);
  'problem': (string);
}
