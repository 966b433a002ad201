// Original file: proto/parallax/v1/control.proto


export interface CreateRoleRequest {
  'name'?: (string);
  'inherits'?: (string)[];
  'allow'?: (string)[];
  'deny'?: (string)[];
}

export interface CreateRoleRequest__Output {
  'name': (string);
  'inherits': (string)[];
  'allow': (string)[];
  'deny': (string)[];
}
