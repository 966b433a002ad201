// Original file: proto/parallax/v1/control.proto

import type { HistoryEntry as _parallax_v1_HistoryEntry, HistoryEntry__Output as _parallax_v1_HistoryEntry__Output } from '../../parallax/v1/HistoryEntry.js';

export interface ScheduleHistoryResponse {
  'entries'?: (_parallax_v1_HistoryEntry)[];
}

export interface ScheduleHistoryResponse__Output {
  'entries': (_parallax_v1_HistoryEntry__Output)[];
}
