// Original file: proto/parallax/v1/raft.proto

import type { DiscoverMember as _parallax_v1_DiscoverMember, DiscoverMember__Output as _parallax_v1_DiscoverMember__Output } from '../../parallax/v1/DiscoverMember.js';

export interface DiscoverResponse {
  'clusterId'?: (string);
  'members'?: (_parallax_v1_DiscoverMember)[];
}

export interface DiscoverResponse__Output {
  'clusterId': (string);
  'members': (_parallax_v1_DiscoverMember__Output)[];
}
