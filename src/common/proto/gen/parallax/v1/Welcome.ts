// Original file: proto/parallax/v1/agent.proto

import type { Long } from '@grpc/proto-loader';

/**
 * The leader holds the leases of the attempts the Hello listed from the moment it answers with this.
 */
export interface Welcome {
  'nodeId'?: (string);
  'heartbeatIntervalMs'?: (number | string | Long);
  /**
   * A lease not renewed for this long makes its attempt lost. The agent stops an attempt whose lease it has not
   * seen renewed for most of it, so a lost attempt is never still running beside its retry. 0: not told.
   */
  'leaseTtlMs'?: (number | string | Long);
}

/**
 * The leader holds the leases of the attempts the Hello listed from the moment it answers with this.
 */
export interface Welcome__Output {
  'nodeId': (string);
  'heartbeatIntervalMs': (number);
  /**
   * A lease not renewed for this long makes its attempt lost. The agent stops an attempt whose lease it has not
   * seen renewed for most of it, so a lost attempt is never still running beside its retry. 0: not told.
   */
  'leaseTtlMs': (number);
}
