// Original file: proto/parallax/v1/agent.proto

import type { AttemptRef as _parallax_v1_AttemptRef, AttemptRef__Output as _parallax_v1_AttemptRef__Output } from '../../parallax/v1/AttemptRef.js';

export interface Hello {
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'capacity'?: (number);
  'version'?: (string);
  'hostname'?: (string);
  /**
   * attempts this agent is executing now (after a reconnect)
   */
  'running'?: (_parallax_v1_AttemptRef)[];
  /**
   * shutting down: finishing its runs, taking no new ones
   */
  'draining'?: (boolean);
}

export interface Hello__Output {
  'name': (string);
  'labels': ({[key: string]: string});
  'capacity': (number);
  'version': (string);
  'hostname': (string);
  /**
   * attempts this agent is executing now (after a reconnect)
   */
  'running': (_parallax_v1_AttemptRef__Output)[];
  /**
   * shutting down: finishing its runs, taking no new ones
   */
  'draining': (boolean);
}
