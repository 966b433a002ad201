// Original file: proto/parallax/v1/control.proto


export interface DeleteScheduleResponse {
  /**
   * runs of it not yet ended (queued, leased, running): they go on, newest first
   */
  'activeRuns'?: (string)[];
}

export interface DeleteScheduleResponse__Output {
  /**
   * runs of it not yet ended (queued, leased, running): they go on, newest first
   */
  'activeRuns': (string)[];
}
