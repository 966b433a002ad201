// Original file: proto/parallax/v1/agent.proto


export interface RunFinishedRequest {
  'runId'?: (string);
  'attempt'?: (number);
  'agent'?: (string);
  /**
   * succeeded | failed | timed_out | cancelled
   */
  'state'?: (string);
  'exitCode'?: (number);
  'signal'?: (string);
  'error'?: (string);
  '_exitCode'?: "exitCode";
}

export interface RunFinishedRequest__Output {
  'runId': (string);
  'attempt': (number);
  'agent': (string);
  /**
   * succeeded | failed | timed_out | cancelled
   */
  'state': (string);
  'exitCode'?: (number);
  'signal': (string);
  'error': (string);
  '_exitCode'?: "exitCode";
}
