// Original file: proto/parallax/v1/control.proto


/**
 * A schedule that runs when a run of another ends: on success (succeeded), failure (failed, timed out or lost, once
 * its retries are used up), or always (any end, cancelled included).
 */
export interface Chain {
  'schedule'?: (string);
  /**
   * success | failure | always
   */
  'on'?: (string);
}

/**
 * A schedule that runs when a run of another ends: on success (succeeded), failure (failed, timed out or lost, once
 * its retries are used up), or always (any end, cancelled included).
 */
export interface Chain__Output {
  'schedule': (string);
  /**
   * success | failure | always
   */
  'on': (string);
}
