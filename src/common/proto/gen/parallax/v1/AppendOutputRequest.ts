// Original file: proto/parallax/v1/agent.proto

import type { OutputPiece as _parallax_v1_OutputPiece, OutputPiece__Output as _parallax_v1_OutputPiece__Output } from '../../parallax/v1/OutputPiece.js';

export interface AppendOutputRequest {
  'runId'?: (string);
  'attempt'?: (number);
  'agent'?: (string);
  'pieces'?: (_parallax_v1_OutputPiece)[];
  'tenant'?: (string);
}

export interface AppendOutputRequest__Output {
  'runId': (string);
  'attempt': (number);
  'agent': (string);
  'pieces': (_parallax_v1_OutputPiece__Output)[];
  'tenant': (string);
}
