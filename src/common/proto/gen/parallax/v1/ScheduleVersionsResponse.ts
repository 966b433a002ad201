// Original file: proto/parallax/v1/control.proto

import type { ScheduleVersion as _parallax_v1_ScheduleVersion, ScheduleVersion__Output as _parallax_v1_ScheduleVersion__Output } from '../../parallax/v1/ScheduleVersion.js';

export interface ScheduleVersionsResponse {
  'versions'?: (_parallax_v1_ScheduleVersion)[];
}

export interface ScheduleVersionsResponse__Output {
  'versions': (_parallax_v1_ScheduleVersion__Output)[];
}
