// Original file: proto/parallax/v1/control.proto


export interface RemoveMemberRequest {
  'id'?: (string);
}

export interface RemoveMemberRequest__Output {
  'id': (string);
}
