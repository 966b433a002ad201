// Original file: proto/parallax/v1/control.proto

import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from '../../parallax/v1/RunSpec.js';
import type { Chain as _parallax_v1_Chain, Chain__Output as _parallax_v1_Chain__Output } from '../../parallax/v1/Chain.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateScheduleRequest {
  'name'?: (string);
  'cron'?: (string);
  /**
   * empty: UTC
   */
  'tz'?: (string);
  'paused'?: (boolean);
  'spec'?: (_parallax_v1_RunSpec | null);
  'selector'?: ({[key: string]: string});
  /**
   * skip | once | all; empty: once
   */
  'misfire'?: (string);
  /**
   * 0: one hour
   */
  'catchupMs'?: (number | string | Long);
  /**
   * forbid | allow | replace | queue[:N]; empty: forbid
   */
  'overlap'?: (string);
  'jitterMs'?: (number | string | Long);
  /**
   * 0: 100
   */
  'keep'?: (number | string | Long);
  /**
   * 0: 30 days
   */
  'keepForMs'?: (number | string | Long);
  'retries'?: (number);
  /**
   * 0: 10 s
   */
  'backoffMinMs'?: (number | string | Long);
  /**
   * 0: 5 min
   */
  'backoffMaxMs'?: (number | string | Long);
  /**
   * with no cron, the schedule runs only after its upstream
   */
  'after'?: (_parallax_v1_Chain | null);
  'requirements'?: (string)[];
  'startWithinMs'?: (number | string | Long);
}

export interface CreateScheduleRequest__Output {
  'name': (string);
  'cron': (string);
  /**
   * empty: UTC
   */
  'tz': (string);
  'paused': (boolean);
  'spec': (_parallax_v1_RunSpec__Output | null);
  'selector': ({[key: string]: string});
  /**
   * skip | once | all; empty: once
   */
  'misfire': (string);
  /**
   * 0: one hour
   */
  'catchupMs': (number);
  /**
   * forbid | allow | replace | queue[:N]; empty: forbid
   */
  'overlap': (string);
  'jitterMs': (number);
  /**
   * 0: 100
   */
  'keep': (number);
  /**
   * 0: 30 days
   */
  'keepForMs': (number);
  'retries': (number);
  /**
   * 0: 10 s
   */
  'backoffMinMs': (number);
  /**
   * 0: 5 min
   */
  'backoffMaxMs': (number);
  /**
   * with no cron, the schedule runs only after its upstream
   */
  'after': (_parallax_v1_Chain__Output | null);
  'requirements': (string)[];
  'startWithinMs': (number);
}
