// Original file: proto/parallax/v1/agent.proto

import type { AttemptRef as _parallax_v1_AttemptRef, AttemptRef__Output as _parallax_v1_AttemptRef__Output } from '../../parallax/v1/AttemptRef.js';
import type { Long } from '@grpc/proto-loader';

export interface Heartbeat {
  'running'?: (_parallax_v1_AttemptRef)[];
  'draining'?: (boolean);
  /**
   * Numbers the heartbeats of a session from 1; the leader answers each with a LeaseRenewed of the same number.
   */
  'seq'?: (number | string | Long);
}

export interface Heartbeat__Output {
  'running': (_parallax_v1_AttemptRef__Output)[];
  'draining': (boolean);
  /**
   * Numbers the heartbeats of a session from 1; the leader answers each with a LeaseRenewed of the same number.
   */
  'seq': (number);
}
