// Original file: proto/parallax/v1/control.proto

import type { Grant as _parallax_v1_Grant, Grant__Output as _parallax_v1_Grant__Output } from '../../parallax/v1/Grant.js';
import type { Long } from '@grpc/proto-loader';

export interface User {
  'name'?: (string);
  'grants'?: (_parallax_v1_Grant)[];
  'createdAtMs'?: (number | string | Long);
  'updatedAtMs'?: (number | string | Long);
}

export interface User__Output {
  'name': (string);
  'grants': (_parallax_v1_Grant__Output)[];
  'createdAtMs': (number);
  'updatedAtMs': (number);
}
