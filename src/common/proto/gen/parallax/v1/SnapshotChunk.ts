// Original file: proto/parallax/v1/raft.proto

import type { SnapshotPair as _parallax_v1_SnapshotPair, SnapshotPair__Output as _parallax_v1_SnapshotPair__Output } from '../../parallax/v1/SnapshotPair.js';
import type { SnapshotMeta as _parallax_v1_SnapshotMeta, SnapshotMeta__Output as _parallax_v1_SnapshotMeta__Output } from '../../parallax/v1/SnapshotMeta.js';
import type { Long } from '@grpc/proto-loader';

/**
 * One piece of a snapshot: key/value pairs of the state machine, in key order. The last chunk carries `meta`, which
 * says what the pairs are the state of; a stream that ends without it is discarded.
 */
export interface SnapshotChunk {
  'clusterId'?: (string);
  'from'?: (string);
  'to'?: (string);
  /**
   * the leader's term
   */
  'term'?: (number | string | Long);
  'pairs'?: (_parallax_v1_SnapshotPair)[];
  'meta'?: (_parallax_v1_SnapshotMeta | null);
}

/**
 * One piece of a snapshot: key/value pairs of the state machine, in key order. The last chunk carries `meta`, which
 * says what the pairs are the state of; a stream that ends without it is discarded.
 */
export interface SnapshotChunk__Output {
  'clusterId': (string);
  'from': (string);
  'to': (string);
  /**
   * the leader's term
   */
  'term': (number);
  'pairs': (_parallax_v1_SnapshotPair__Output)[];
  'meta': (_parallax_v1_SnapshotMeta__Output | null);
}
