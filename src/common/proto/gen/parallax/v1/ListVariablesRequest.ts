// Original file: proto/parallax/v1/control.proto


export interface ListVariablesRequest {
  'prefix'?: (string);
}

export interface ListVariablesRequest__Output {
  'prefix': (string);
}
