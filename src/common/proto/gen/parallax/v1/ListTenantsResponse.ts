// Original file: proto/parallax/v1/control.proto

import type { Tenant as _parallax_v1_Tenant, Tenant__Output as _parallax_v1_Tenant__Output } from '../../parallax/v1/Tenant.js';

export interface ListTenantsResponse {
  'tenants'?: (_parallax_v1_Tenant)[];
}

export interface ListTenantsResponse__Output {
  'tenants': (_parallax_v1_Tenant__Output)[];
}
