// Original file: proto/parallax/v1/control.proto


export interface TriggerScheduleRequest {
  'name'?: (string);
  /**
   * environment for this run only, over the schedule's
   */
  'env'?: ({[key: string]: string});
}

export interface TriggerScheduleRequest__Output {
  'name': (string);
  /**
   * environment for this run only, over the schedule's
   */
  'env': ({[key: string]: string});
}
