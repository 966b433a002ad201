// Original file: proto/parallax/v1/control.proto


export interface DeleteScheduleRequest {
  'name'?: (string);
}

export interface DeleteScheduleRequest__Output {
  'name': (string);
}
