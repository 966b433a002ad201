// Original file: proto/parallax/v1/control.proto


export interface ListTokensRequest {
  'clusterWide'?: (boolean);
}

export interface ListTokensRequest__Output {
  'clusterWide': (boolean);
}
