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
}
