// Original file: proto/parallax/v1/control.proto


export interface AddMemberRequest {
  'id'?: (string);
  /**
   * HOST:PORT the other members reach it on
   */
  'address'?: (string);
}

export interface AddMemberRequest__Output {
  'id': (string);
  /**
   * HOST:PORT the other members reach it on
   */
  'address': (string);
}
