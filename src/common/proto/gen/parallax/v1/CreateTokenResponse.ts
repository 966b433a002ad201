// Original file: proto/parallax/v1/control.proto

import type { Token as _parallax_v1_Token, Token__Output as _parallax_v1_Token__Output } from '../../parallax/v1/Token.js';

export interface CreateTokenResponse {
  'token'?: (_parallax_v1_Token | null);
  'secret'?: (string);
}

export interface CreateTokenResponse__Output {
  'token': (_parallax_v1_Token__Output | null);
  'secret': (string);
}
