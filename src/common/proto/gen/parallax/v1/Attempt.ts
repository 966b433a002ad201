// Original file: proto/parallax/v1/common.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One attempt of a run: a lease to an agent, and how it went.
 */
export interface Attempt {
  'attempt'?: (number);
  'agent'?: (string);
  /**
   * leased | running, or how it ended
   */
  'state'?: (string);
  'exitCode'?: (number);
  'signal'?: (string);
  'error'?: (string);
  'startedAtMs'?: (number | string | Long);
  'endedAtMs'?: (number | string | Long);
  /**
   * when the attempt was handed to its agent
   */
  'leasedAtMs'?: (number | string | Long);
  '_exitCode'?: "exitCode";
}

/**
 * One attempt of a run: a lease to an agent, and how it went.
 */
export interface Attempt__Output {
  'attempt': (number);
  'agent': (string);
  /**
   * leased | running, or how it ended
   */
  'state': (string);
  'exitCode'?: (number);
  'signal': (string);
  'error': (string);
  'startedAtMs': (number);
  'endedAtMs': (number);
  /**
   * when the attempt was handed to its agent
   */
  'leasedAtMs': (number);
  '_exitCode'?: "exitCode";
}
