// Original file: proto/parallax/v1/control.proto


export interface ListRunsRequest {
  /**
   * empty: all schedules
   */
  'schedule'?: (string);
  /**
   * 0: the default (50)
   */
  'limit'?: (number);
  /**
   * only runs in one of these states (queued, running, failed, …); empty: any
   */
  'states'?: (string)[];
  /**
   * only runs whose latest attempt went to this agent; empty: any
   */
  'agent'?: (string);
}

export interface ListRunsRequest__Output {
  /**
   * empty: all schedules
   */
  'schedule': (string);
  /**
   * 0: the default (50)
   */
  'limit': (number);
  /**
   * only runs in one of these states (queued, running, failed, …); empty: any
   */
  'states': (string)[];
  /**
   * only runs whose latest attempt went to this agent; empty: any
   */
  'agent': (string);
}
