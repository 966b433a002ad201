// Original file: proto/parallax/v1/control.proto

import type { Quotas as _parallax_v1_Quotas, Quotas__Output as _parallax_v1_Quotas__Output } from '../../parallax/v1/Quotas.js';
import type { Long } from '@grpc/proto-loader';

export interface Tenant {
  'name'?: (string);
  'createdAtMs'?: (number | string | Long);
  'createdBy'?: (string);
  'quotas'?: (_parallax_v1_Quotas | null);
  'schedules'?: (number | string | Long);
  'runsActive'?: (number | string | Long);
  /**
   * what a schedule created without --keep / --keep-for keeps (0: the built-in 100 runs / 30 days)
   */
  'defaultKeep'?: (number | string | Long);
  'defaultKeepForMs'?: (number | string | Long);
}

export interface Tenant__Output {
  'name': (string);
  'createdAtMs': (number);
  'createdBy': (string);
  'quotas': (_parallax_v1_Quotas__Output | null);
  'schedules': (number);
  'runsActive': (number);
  /**
   * what a schedule created without --keep / --keep-for keeps (0: the built-in 100 runs / 30 days)
   */
  'defaultKeep': (number);
  'defaultKeepForMs': (number);
}
