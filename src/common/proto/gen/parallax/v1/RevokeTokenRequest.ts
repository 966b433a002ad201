// Original file: proto/parallax/v1/control.proto


export interface RevokeTokenRequest {
  'name'?: (string);
  'clusterWide'?: (boolean);
}

export interface RevokeTokenRequest__Output {
  'name': (string);
  'clusterWide': (boolean);
}
