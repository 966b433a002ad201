// Original file: proto/parallax/v1/control.proto


export interface TransferLeaderRequest {
  'id'?: (string);
}

export interface TransferLeaderRequest__Output {
  'id': (string);
}
