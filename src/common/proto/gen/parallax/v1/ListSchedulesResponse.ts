// Original file: proto/parallax/v1/control.proto

import type { Schedule as _parallax_v1_Schedule, Schedule__Output as _parallax_v1_Schedule__Output } from '../../parallax/v1/Schedule.js';

export interface ListSchedulesResponse {
  'schedules'?: (_parallax_v1_Schedule)[];
}

export interface ListSchedulesResponse__Output {
  'schedules': (_parallax_v1_Schedule__Output)[];
}
