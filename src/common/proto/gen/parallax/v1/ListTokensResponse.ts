// Original file: proto/parallax/v1/control.proto

import type { Token as _parallax_v1_Token, Token__Output as _parallax_v1_Token__Output } from '../../parallax/v1/Token.js';

export interface ListTokensResponse {
  'tokens'?: (_parallax_v1_Token)[];
}

export interface ListTokensResponse__Output {
  'tokens': (_parallax_v1_Token__Output)[];
}
