// Original file: proto/parallax/v1/control.proto

import type { Quotas as _parallax_v1_Quotas, Quotas__Output as _parallax_v1_Quotas__Output } from '../../parallax/v1/Quotas.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateTenantRequest {
  'name'?: (string);
  'quotas'?: (_parallax_v1_Quotas | null);
  'defaultKeep'?: (number | string | Long);
  'defaultKeepForMs'?: (number | string | Long);
}

export interface CreateTenantRequest__Output {
  'name': (string);
  'quotas': (_parallax_v1_Quotas__Output | null);
  'defaultKeep': (number);
  'defaultKeepForMs': (number);
}
