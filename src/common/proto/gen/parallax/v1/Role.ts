// Original file: proto/parallax/v1/control.proto


export interface Role {
  'name'?: (string);
  'inherits'?: (string)[];
  'allow'?: (string)[];
  'deny'?: (string)[];
  'builtIn'?: (boolean);
  /**
   * what the role allows in a tenant, all inheritance and denials applied
   */
  'permissions'?: (string)[];
}

export interface Role__Output {
  'name': (string);
  'inherits': (string)[];
  'allow': (string)[];
  'deny': (string)[];
  'builtIn': (boolean);
  /**
   * what the role allows in a tenant, all inheritance and denials applied
   */
  'permissions': (string)[];
}
