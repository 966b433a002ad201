// Original file: proto/parallax/v1/control.proto


export interface ReadRunOutputRequest {
  'id'?: (string);
  'follow'?: (boolean);
}

export interface ReadRunOutputRequest__Output {
  'id': (string);
  'follow': (boolean);
}
