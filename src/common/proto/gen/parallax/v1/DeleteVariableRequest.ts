// Original file: proto/parallax/v1/control.proto


export interface DeleteVariableRequest {
  'key'?: (string);
}

export interface DeleteVariableRequest__Output {
  'key': (string);
}
