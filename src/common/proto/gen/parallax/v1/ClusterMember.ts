// Original file: proto/parallax/v1/control.proto

import type { Long } from '@grpc/proto-loader';

export interface ClusterMember {
  'id'?: (string);
  'address'?: (string);
  /**
   * false: a learner
   */
  'voter'?: (boolean);
  /**
   * -1: not known by the node that answered (it is not the leader)
   */
  'matchIndex'?: (number | string | Long);
  /**
   * since the answering node last heard from it; -1: never or not known, 0: itself
   */
  'lastContactMs'?: (number | string | Long);
  'healthy'?: (boolean);
  /**
   * false: the answering node cannot tell (a follower hears only from the leader)
   */
  'healthKnown'?: (boolean);
}

export interface ClusterMember__Output {
  'id': (string);
  'address': (string);
  /**
   * false: a learner
   */
  'voter': (boolean);
  /**
   * -1: not known by the node that answered (it is not the leader)
   */
  'matchIndex': (number);
  /**
   * since the answering node last heard from it; -1: never or not known, 0: itself
   */
  'lastContactMs': (number);
  'healthy': (boolean);
  /**
   * false: the answering node cannot tell (a follower hears only from the leader)
   */
  'healthKnown': (boolean);
}
