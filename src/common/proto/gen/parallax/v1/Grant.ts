// Original file: proto/parallax/v1/control.proto


export interface Grant {
  /**
   * '*': cluster-wide
   */
  'tenant'?: (string);
  'role'?: (string);
}

export interface Grant__Output {
  /**
   * '*': cluster-wide
   */
  'tenant': (string);
  'role': (string);
}
