// Original file: proto/parallax/v1/control.proto

import type { Grant as _parallax_v1_Grant, Grant__Output as _parallax_v1_Grant__Output } from '../../parallax/v1/Grant.js';
import type { Long } from '@grpc/proto-loader';

export interface WhoamiResponse {
  'name'?: (string);
  /**
   * user (identity provider) or token (API token)
   */
  'kind'?: (string);
  /**
   * the tenant requests act in when they name none ('' when that needs --tenant)
   */
  'tenant'?: (string);
  'grants'?: (_parallax_v1_Grant)[];
  /**
   * what the caller may do in `tenant`
   */
  'permissions'?: (string)[];
  /**
   * 0: does not expire
   */
  'expiresAtMs'?: (number | string | Long);
}

export interface WhoamiResponse__Output {
  'name': (string);
  /**
   * user (identity provider) or token (API token)
   */
  'kind': (string);
  /**
   * the tenant requests act in when they name none ('' when that needs --tenant)
   */
  'tenant': (string);
  'grants': (_parallax_v1_Grant__Output)[];
  /**
   * what the caller may do in `tenant`
   */
  'permissions': (string)[];
  /**
   * 0: does not expire
   */
  'expiresAtMs': (number);
}
