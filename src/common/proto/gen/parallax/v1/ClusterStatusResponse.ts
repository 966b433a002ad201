// Original file: proto/parallax/v1/control.proto

import type { ClusterMember as _parallax_v1_ClusterMember, ClusterMember__Output as _parallax_v1_ClusterMember__Output } from '../../parallax/v1/ClusterMember.js';
import type { Long } from '@grpc/proto-loader';

export interface ClusterStatusResponse {
  'clusterId'?: (string);
  /**
   * the node that answered
   */
  'nodeId'?: (string);
  'term'?: (number | string | Long);
  'leader'?: (string);
  'commitIndex'?: (number | string | Long);
  'appliedIndex'?: (number | string | Long);
  'members'?: (_parallax_v1_ClusterMember)[];
}

export interface ClusterStatusResponse__Output {
  'clusterId': (string);
  /**
   * the node that answered
   */
  'nodeId': (string);
  'term': (number);
  'leader': (string);
  'commitIndex': (number);
  'appliedIndex': (number);
  'members': (_parallax_v1_ClusterMember__Output)[];
}
