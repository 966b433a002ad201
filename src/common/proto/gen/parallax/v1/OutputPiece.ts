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
  /**
   * Bytes of output the agent dropped in this piece's place, its buffer full (the run wrote faster than the
   * coordinators took it in, or they could not be reached); `data` is then the agent's note saying so, on stderr.
   */
  'dropped'?: (number | string | Long);
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
  /**
   * Bytes of output the agent dropped in this piece's place, its buffer full (the run wrote faster than the
   * coordinators took it in, or they could not be reached); `data` is then the agent's note saying so, on stderr.
   */
  'dropped': (number);
}
