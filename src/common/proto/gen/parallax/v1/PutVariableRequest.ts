// Original file: proto/parallax/v1/control.proto


export interface PutVariableRequest {
  'key'?: (string);
  'value'?: (Buffer | Uint8Array | string);
}

export interface PutVariableRequest__Output {
  'key': (string);
  'value': (Buffer);
}
