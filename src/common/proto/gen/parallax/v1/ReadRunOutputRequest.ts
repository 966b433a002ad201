// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadRunOutputRequest {
  'id'?: (string);
  'follow'?: (boolean);
  /**
   * The first chunk to send (OutputChunk.seq): a reader whose stream broke resumes after what it has. 0: from the
   * start (the oldest chunk kept).
   */
  'fromSeq'?: (number | string | Long);
}

export interface ReadRunOutputRequest__Output {
  'id': (string);
  'follow': (boolean);
  /**
   * The first chunk to send (OutputChunk.seq): a reader whose stream broke resumes after what it has. 0: from the
   * start (the oldest chunk kept).
   */
  'fromSeq': (number);
}
