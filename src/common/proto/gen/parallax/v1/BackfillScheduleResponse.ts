// Original file: proto/parallax/v1/control.proto

import type { Run as _parallax_v1_Run, Run__Output as _parallax_v1_Run__Output } from '../../parallax/v1/Run.js';

export interface BackfillScheduleResponse {
  'runs'?: (_parallax_v1_Run)[];
}

export interface BackfillScheduleResponse__Output {
  'runs': (_parallax_v1_Run__Output)[];
}
