// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

export interface OutputPiece {
  /**
   * per attempt, from 0, no gaps; a piece already stored is ignored
   */
  'seq'?: (number | string | Long);
  /**
   * stdout | stderr
   */
  'stream'?: (string);
  'data'?: (Buffer | Uint8Array | string);
}

export interface OutputPiece__Output {
  /**
   * per attempt, from 0, no gaps; a piece already stored is ignored
   */
  'seq': (number);
  /**
   * stdout | stderr
   */
  'stream': (string);
  'data': (Buffer);
}
