// Original file: proto/parallax/v1/control.proto

import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from '../../parallax/v1/RunSpec.js';
import type { Chain as _parallax_v1_Chain, Chain__Output as _parallax_v1_Chain__Output } from '../../parallax/v1/Chain.js';
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
   * forbid | allow | replace | queue
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
  /**
   * overlap queue: runs held at most
   */
  'queueMax'?: (number);
  /**
   * attempts after the first when one fails, times out or is lost
   */
  'retries'?: (number);
  /**
   * the delay before a retry, doubling per attempt with jitter, within [min, max]
   */
  'backoffMinMs'?: (number | string | Long);
  'backoffMaxMs'?: (number | string | Long);
  /**
   * absent: not chained
   */
  'after'?: (_parallax_v1_Chain | null);
  /**
   * the schedules that run after this one
   */
  'chained'?: (string)[];
  /**
   * 1 when created; one more for each change (parallax schedule versions)
   */
  'version'?: (number);
  /**
   * selector parts beyond KEY=VALUE: KEY!=V, KEY in (A,B), KEY notin (A,B), KEY, !KEY
   */
  'requirements'?: (string)[];
  /**
   * a run no agent has taken this long after it was queued fails; 0: it waits
   */
  'startWithinMs'?: (number | string | Long);
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
   * forbid | allow | replace | queue
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
  /**
   * overlap queue: runs held at most
   */
  'queueMax': (number);
  /**
   * attempts after the first when one fails, times out or is lost
   */
  'retries': (number);
  /**
   * the delay before a retry, doubling per attempt with jitter, within [min, max]
   */
  'backoffMinMs': (number);
  'backoffMaxMs': (number);
  /**
   * absent: not chained
   */
  'after': (_parallax_v1_Chain__Output | null);
  /**
   * the schedules that run after this one
   */
  'chained': (string)[];
  /**
   * 1 when created; one more for each change (parallax schedule versions)
   */
  'version': (number);
  /**
   * selector parts beyond KEY=VALUE: KEY!=V, KEY in (A,B), KEY notin (A,B), KEY, !KEY
   */
  'requirements': (string)[];
  /**
   * a run no agent has taken this long after it was queued fails; 0: it waits
   */
  'startWithinMs': (number);
}
