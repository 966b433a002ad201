// Original file: proto/parallax/v1/control.proto


export interface GetUserRequest {
  'name'?: (string);
}

export interface GetUserRequest__Output {
  'name': (string);
}
