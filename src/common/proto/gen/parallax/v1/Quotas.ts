// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Quotas: 0 is "no limit" (in an update: "leave as it is"; see UpdateTenantRequest.clear).
 */
export interface Quotas {
  'maxSchedules'?: (number | string | Long);
  'maxRunning'?: (number | string | Long);
  'maxOutputBytes'?: (number | string | Long);
}

/**
 * Quotas: 0 is "no limit" (in an update: "leave as it is"; see UpdateTenantRequest.clear).
 */
export interface Quotas__Output {
  'maxSchedules': (number);
  'maxRunning': (number);
  'maxOutputBytes': (number);
}
