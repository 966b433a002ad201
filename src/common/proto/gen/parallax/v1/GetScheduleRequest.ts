// Original file: proto/parallax/v1/control.proto


export interface GetScheduleRequest {
  'name'?: (string);
}

export interface GetScheduleRequest__Output {
  'name': (string);
}
