// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface HistoryEntry {
  /**
   * fired: the due time; missed: the last due time of the range
   */
  'dueAtMs'?: (number | string | Long);
  /**
   * fired | missed
   */
  'outcome'?: (string);
  /**
   * fired
   */
  'runId'?: (string);
  /**
   * fired: the run's state
   */
  'state'?: (string);
  /**
   * missed: how many due times
   */
  'count'?: (number | string | Long);
  /**
   * missed: the first due time of the range
   */
  'fromMs'?: (number | string | Long);
  /**
   * missed: why; fired: how, when not by the schedule's timing
   */
  'reason'?: (string);
  /**
   * fired: schedule | manual | backfill | chain
   */
  'trigger'?: (string);
  /**
   * fired: attempts made so far
   */
  'attempts'?: (number);
}

export interface HistoryEntry__Output {
  /**
   * fired: the due time; missed: the last due time of the range
   */
  'dueAtMs': (number);
  /**
   * fired | missed
   */
  'outcome': (string);
  /**
   * fired
   */
  'runId': (string);
  /**
   * fired: the run's state
   */
  'state': (string);
  /**
   * missed: how many due times
   */
  'count': (number);
  /**
   * missed: the first due time of the range
   */
  'fromMs': (number);
  /**
   * missed: why; fired: how, when not by the schedule's timing
   */
  'reason': (string);
  /**
   * fired: schedule | manual | backfill | chain
   */
  'trigger': (string);
  /**
   * fired: attempts made so far
   */
  'attempts': (number);
}
