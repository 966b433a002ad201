// Original file: proto/parallax/v1/control.proto


export interface GetRunRequest {
  'id'?: (string);
}

export interface GetRunRequest__Output {
  'id': (string);
}
