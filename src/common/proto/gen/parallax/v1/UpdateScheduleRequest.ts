// Original file: proto/parallax/v1/control.proto

import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from '../../parallax/v1/RunSpec.js';
import type { Chain as _parallax_v1_Chain, Chain__Output as _parallax_v1_Chain__Output } from '../../parallax/v1/Chain.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateScheduleRequest {
  'name'?: (string);
  /**
   * Which to change: cron, tz, paused, shell, argv, env, env_from_var, cwd, timeout, selector, misfire, catchup,
   * overlap, jitter, keep, keep_for, retries, backoff, after (absent `after`: no longer chained), start_within.
   * shell and argv replace the command (a shell command line or a program with its arguments).
   */
  'fields'?: (string)[];
  'cron'?: (string);
  /**
   * empty: UTC
   */
  'tz'?: (string);
  'paused'?: (boolean);
  /**
   * its parts named in fields
   */
  'spec'?: (_parallax_v1_RunSpec | null);
  'selector'?: ({[key: string]: string});
  'misfire'?: (string);
  'catchupMs'?: (number | string | Long);
  'overlap'?: (string);
  'jitterMs'?: (number | string | Long);
  'keep'?: (number | string | Long);
  'keepForMs'?: (number | string | Long);
  'retries'?: (number);
  'backoffMinMs'?: (number | string | Long);
  'backoffMaxMs'?: (number | string | Long);
  'after'?: (_parallax_v1_Chain | null);
  /**
   * with selector (field "selector" changes both)
   */
  'requirements'?: (string)[];
  /**
   * field start_within; 0: no limit
   */
  'startWithinMs'?: (number | string | Long);
}

export interface UpdateScheduleRequest__Output {
  'name': (string);
  /**
   * Which to change: cron, tz, paused, shell, argv, env, env_from_var, cwd, timeout, selector, misfire, catchup,
   * overlap, jitter, keep, keep_for, retries, backoff, after (absent `after`: no longer chained), start_within.
   * shell and argv replace the command (a shell command line or a program with its arguments).
   */
  'fields': (string)[];
  'cron': (string);
  /**
   * empty: UTC
   */
  'tz': (string);
  'paused': (boolean);
  /**
   * its parts named in fields
   */
  'spec': (_parallax_v1_RunSpec__Output | null);
  'selector': ({[key: string]: string});
  'misfire': (string);
  'catchupMs': (number);
  'overlap': (string);
  'jitterMs': (number);
  'keep': (number);
  'keepForMs': (number);
  'retries': (number);
  'backoffMinMs': (number);
  'backoffMaxMs': (number);
  'after': (_parallax_v1_Chain__Output | null);
  /**
   * with selector (field "selector" changes both)
   */
  'requirements': (string)[];
  /**
   * field start_within; 0: no limit
   */
  'startWithinMs': (number);
}
