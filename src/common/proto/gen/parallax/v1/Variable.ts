// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface Variable {
  'key'?: (string);
  'value'?: (Buffer | Uint8Array | string);
  'updatedAtMs'?: (number | string | Long);
}

export interface Variable__Output {
  'key': (string);
  'value': (Buffer);
  'updatedAtMs': (number);
}
