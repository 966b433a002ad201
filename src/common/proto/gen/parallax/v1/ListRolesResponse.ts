// Original file: proto/parallax/v1/control.proto

import type { Role as _parallax_v1_Role, Role__Output as _parallax_v1_Role__Output } from '../../parallax/v1/Role.js';

export interface ListRolesResponse {
  'roles'?: (_parallax_v1_Role)[];
}

export interface ListRolesResponse__Output {
  'roles': (_parallax_v1_Role__Output)[];
}
