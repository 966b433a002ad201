// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface ListAuditRequest {
  'sinceMs'?: (number | string | Long);
  'actor'?: (string);
  'limit'?: (number);
  /**
   * every tenant's entries (cluster-wide callers only)
   */
  'allTenants'?: (boolean);
}

export interface ListAuditRequest__Output {
  'sinceMs': (number);
  'actor': (string);
  'limit': (number);
  /**
   * every tenant's entries (cluster-wide callers only)
   */
  'allTenants': (boolean);
}
