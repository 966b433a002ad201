// Original file: proto/parallax/v1/agent.proto

import type { AttemptRef as _parallax_v1_AttemptRef, AttemptRef__Output as _parallax_v1_AttemptRef__Output } from '../../parallax/v1/AttemptRef.js';

export interface Heartbeat {
  'running'?: (_parallax_v1_AttemptRef)[];
  'draining'?: (boolean);
}

export interface Heartbeat__Output {
  'running': (_parallax_v1_AttemptRef__Output)[];
  'draining': (boolean);
}
