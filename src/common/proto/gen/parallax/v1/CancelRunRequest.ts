// Original file: proto/parallax/v1/control.proto


export interface CancelRunRequest {
  'id'?: (string);
  /**
   * recorded on the run; empty: "cancelled by <the caller>"
   */
  'reason'?: (string);
}

export interface CancelRunRequest__Output {
  'id': (string);
  /**
   * recorded on the run; empty: "cancelled by <the caller>"
   */
  'reason': (string);
}
