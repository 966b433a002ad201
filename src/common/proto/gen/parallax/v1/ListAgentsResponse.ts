// Original file: proto/parallax/v1/control.proto

import type { Agent as _parallax_v1_Agent, Agent__Output as _parallax_v1_Agent__Output } from '../../parallax/v1/Agent.js';

export interface ListAgentsResponse {
  'agents'?: (_parallax_v1_Agent)[];
}

export interface ListAgentsResponse__Output {
  'agents': (_parallax_v1_Agent__Output)[];
}
