// Original file: proto/parallax/v1/control.proto

import type { Quotas as _parallax_v1_Quotas, Quotas__Output as _parallax_v1_Quotas__Output } from '../../parallax/v1/Quotas.js';

export interface UpdateTenantRequest {
  'name'?: (string);
  'quotas'?: (_parallax_v1_Quotas | null);
  /**
   * quotas to remove: max_schedules, max_running, max_output_bytes
   */
  'clear'?: (string)[];
}

export interface UpdateTenantRequest__Output {
  'name': (string);
  'quotas': (_parallax_v1_Quotas__Output | null);
  /**
   * quotas to remove: max_schedules, max_running, max_output_bytes
   */
  'clear': (string)[];
}
