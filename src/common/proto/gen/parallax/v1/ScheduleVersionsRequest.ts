// Original file: proto/parallax/v1/control.proto


export interface ScheduleVersionsRequest {
  'name'?: (string);
  /**
   * 1 to 100; 0: all kept
   */
  'limit'?: (number);
}

export interface ScheduleVersionsRequest__Output {
  'name': (string);
  /**
   * 1 to 100; 0: all kept
   */
  'limit': (number);
}
