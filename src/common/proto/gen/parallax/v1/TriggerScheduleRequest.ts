// Original file: proto/parallax/v1/control.proto


export interface TriggerScheduleRequest {
  'name'?: (string);
}

export interface TriggerScheduleRequest__Output {
  'name': (string);
}
