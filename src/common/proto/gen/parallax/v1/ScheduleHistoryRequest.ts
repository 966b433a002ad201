// Original file: proto/parallax/v1/control.proto


export interface ScheduleHistoryRequest {
  'name'?: (string);
  /**
   * 1 to 10000; 0: 50
   */
  'limit'?: (number);
}

export interface ScheduleHistoryRequest__Output {
  'name': (string);
  /**
   * 1 to 10000; 0: 50
   */
  'limit': (number);
}
