// Original file: proto/parallax/v1/control.proto

import type { FieldChange as _parallax_v1_FieldChange, FieldChange__Output as _parallax_v1_FieldChange__Output } from '../../parallax/v1/FieldChange.js';
import type { Long } from '@grpc/proto-loader';

export interface ScheduleVersion {
  /**
   * 1: as created
   */
  'version'?: (number);
  'atMs'?: (number | string | Long);
  /**
   * empty for version 1
   */
  'changes'?: (_parallax_v1_FieldChange)[];
}

export interface ScheduleVersion__Output {
  /**
   * 1: as created
   */
  'version': (number);
  'atMs': (number);
  /**
   * empty for version 1
   */
  'changes': (_parallax_v1_FieldChange__Output)[];
}
