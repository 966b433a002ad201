// Original file: proto/parallax/v1/control.proto


export interface LoginInfoResponse {
  'issuer'?: (string);
  'clientId'?: (string);
  'audience'?: (string);
}

export interface LoginInfoResponse__Output {
  'issuer': (string);
  'clientId': (string);
  'audience': (string);
}
