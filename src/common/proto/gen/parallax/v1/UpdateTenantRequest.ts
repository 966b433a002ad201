// Original file: proto/parallax/v1/control.proto

import type { Quotas as _parallax_v1_Quotas, Quotas__Output as _parallax_v1_Quotas__Output } from '../../parallax/v1/Quotas.js';
import type { Long } from '@grpc/proto-loader';

export interface UpdateTenantRequest {
  'name'?: (string);
  'quotas'?: (_parallax_v1_Quotas | null);
  /**
   * what to remove: max-schedules, max-running, max-output, keep, keep-for
   */
  'clear'?: (string)[];
  /**
   * 0: leave as it is
   */
  'defaultKeep'?: (number | string | Long);
  'defaultKeepForMs'?: (number | string | Long);
}

export interface UpdateTenantRequest__Output {
  'name': (string);
  'quotas': (_parallax_v1_Quotas__Output | null);
  /**
   * what to remove: max-schedules, max-running, max-output, keep, keep-for
   */
  'clear': (string)[];
  /**
   * 0: leave as it is
   */
  'defaultKeep': (number);
  'defaultKeepForMs': (number);
}
