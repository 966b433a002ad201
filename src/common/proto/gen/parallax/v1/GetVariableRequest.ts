// Original file: proto/parallax/v1/control.proto


export interface GetVariableRequest {
  'key'?: (string);
}

export interface GetVariableRequest__Output {
  'key': (string);
}
