// Original file: proto/parallax/v1/control.proto

import type { Run as _parallax_v1_Run, Run__Output as _parallax_v1_Run__Output } from '../../parallax/v1/Run.js';
import type { Long } from '@grpc/proto-loader';

export interface OutputChunk {
  /**
   * stdout | stderr
   */
  'stream'?: (string);
  'data'?: (Buffer | Uint8Array | string);
  'seq'?: (number | string | Long);
  /**
   * Set on the last message of a followed stream, or on the only message of an ended run with no output.
   */
  'run'?: (_parallax_v1_Run | null);
}

export interface OutputChunk__Output {
  /**
   * stdout | stderr
   */
  'stream': (string);
  'data': (Buffer);
  'seq': (number);
  /**
   * Set on the last message of a followed stream, or on the only message of an ended run with no output.
   */
  'run': (_parallax_v1_Run__Output | null);
}
