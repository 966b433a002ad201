// Original file: proto/parallax/v1/agent.proto


export interface Cancel {
  'runId'?: (string);
  'attempt'?: (number);
  'reason'?: (string);
}

export interface Cancel__Output {
  'runId': (string);
  'attempt': (number);
  'reason': (string);
}
