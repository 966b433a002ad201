// Original file: proto/parallax/v1/control.proto

import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from '../../parallax/v1/RunSpec.js';
import type { Long } from '@grpc/proto-loader';

export interface Schedule {
  'name'?: (string);
  'cron'?: (string);
  'tz'?: (string);
  'paused'?: (boolean);
  /**
   * 0: never (paused)
   */
  'nextDueAtMs'?: (number | string | Long);
  /**
   * 0: never fired
   */
  'lastFiredDueAtMs'?: (number | string | Long);
  'createdAtMs'?: (number | string | Long);
  'spec'?: (_parallax_v1_RunSpec | null);
  /**
   * agent labels a run requires
   */
  'selector'?: ({[key: string]: string});
  /**
   * skip | once | all
   */
  'misfire'?: (string);
  'catchupMs'?: (number | string | Long);
  /**
   * forbid | allow
   */
  'overlap'?: (string);
  /**
   * its runs that have not ended
   */
  'activeRuns'?: (string)[];
  /**
   * fires come up to this long after their due time (fixed per schedule)
   */
  'jitterMs'?: (number | string | Long);
  /**
   * ended runs kept, the newest
   */
  'keep'?: (number | string | Long);
  /**
   * ended runs made longer ago are pruned
   */
  'keepForMs'?: (number | string | Long);
}

export interface Schedule__Output {
  'name': (string);
  'cron': (string);
  'tz': (string);
  'paused': (boolean);
  /**
   * 0: never (paused)
   */
  'nextDueAtMs': (number);
  /**
   * 0: never fired
   */
  'lastFiredDueAtMs': (number);
  'createdAtMs': (number);
  'spec': (_parallax_v1_RunSpec__Output | null);
  /**
   * agent labels a run requires
   */
  'selector': ({[key: string]: string});
  /**
   * skip | once | all
   */
  'misfire': (string);
  'catchupMs': (number);
  /**
   * forbid | allow
   */
  'overlap': (string);
  /**
   * its runs that have not ended
   */
  'activeRuns': (string)[];
  /**
   * fires come up to this long after their due time (fixed per schedule)
   */
  'jitterMs': (number);
  /**
   * ended runs kept, the newest
   */
  'keep': (number);
  /**
   * ended runs made longer ago are pruned
   */
  'keepForMs': (number);
}
