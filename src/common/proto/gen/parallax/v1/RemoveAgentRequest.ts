// Original file: proto/parallax/v1/control.proto


export interface RemoveAgentRequest {
  'name'?: (string);
}

export interface RemoveAgentRequest__Output {
  'name': (string);
}
