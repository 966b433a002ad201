// Original file: proto/parallax/v1/control.proto


export interface DrainAgentRequest {
  'name'?: (string);
  /**
   * true: drain; false: undrain
   */
  'drained'?: (boolean);
}

export interface DrainAgentRequest__Output {
  'name': (string);
  /**
   * true: drain; false: undrain
   */
  'drained': (boolean);
}
