// Original file: proto/parallax/v1/control.proto

import type { User as _parallax_v1_User, User__Output as _parallax_v1_User__Output } from '../../parallax/v1/User.js';

export interface ListUsersResponse {
  'users'?: (_parallax_v1_User)[];
}

export interface ListUsersResponse__Output {
  'users': (_parallax_v1_User__Output)[];
}
