// Original file: proto/parallax/v1/agent.proto


export interface AttemptRef {
  'runId'?: (string);
  'attempt'?: (number);
}

export interface AttemptRef__Output {
  'runId': (string);
  'attempt': (number);
}
