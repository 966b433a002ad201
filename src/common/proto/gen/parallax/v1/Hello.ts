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
  /**
   * A random id the agent keeps in its data directory. While an agent of this name is connected and heard from, a
   * Hello of the same name with another instance (another host, or another data directory) is refused; the same
   * instance again (a restart, a new connection) takes the session over. Empty: an older agent, always taken.
   */
  'instance'?: (string);
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
  /**
   * A random id the agent keeps in its data directory. While an agent of this name is connected and heard from, a
   * Hello of the same name with another instance (another host, or another data directory) is refused; the same
   * instance again (a restart, a new connection) takes the session over. Empty: an older agent, always taken.
   */
  'instance': (string);
}
