// Original file: proto/parallax/v1/control.proto

import type { AuditEntry as _parallax_v1_AuditEntry, AuditEntry__Output as _parallax_v1_AuditEntry__Output } from '../../parallax/v1/AuditEntry.js';

export interface ListAuditResponse {
  'entries'?: (_parallax_v1_AuditEntry)[];
}

export interface ListAuditResponse__Output {
  'entries': (_parallax_v1_AuditEntry__Output)[];
}
