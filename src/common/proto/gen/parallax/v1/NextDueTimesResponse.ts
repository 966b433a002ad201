// Original file: proto/parallax/v1/control.proto

import type { DueTime as _parallax_v1_DueTime, DueTime__Output as _parallax_v1_DueTime__Output } from '../../parallax/v1/DueTime.js';

export interface NextDueTimesResponse {
  'tz'?: (string);
  /**
   * a paused schedule does not fire at these times until it is resumed
   */
  'paused'?: (boolean);
  'due'?: (_parallax_v1_DueTime)[];
}

export interface NextDueTimesResponse__Output {
  'tz': (string);
  /**
   * a paused schedule does not fire at these times until it is resumed
   */
  'paused': (boolean);
  'due': (_parallax_v1_DueTime__Output)[];
}
