// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface AuditEntry {
  'seq'?: (number | string | Long);
  'atMs'?: (number | string | Long);
  'actor'?: (string);
  'actorKind'?: (string);
  'tenant'?: (string);
  'action'?: (string);
  'resource'?: (string);
  /**
   * ok, refused (the change was not possible) or denied (the caller was not allowed)
   */
  'result'?: (string);
  'reason'?: (string);
  'client'?: (string);
  'prev'?: (string);
  'hash'?: (string);
}

export interface AuditEntry__Output {
  'seq': (number);
  'atMs': (number);
  'actor': (string);
  'actorKind': (string);
  'tenant': (string);
  'action': (string);
  'resource': (string);
  /**
   * ok, refused (the change was not possible) or denied (the caller was not allowed)
   */
  'result': (string);
  'reason': (string);
  'client': (string);
  'prev': (string);
  'hash': (string);
}
