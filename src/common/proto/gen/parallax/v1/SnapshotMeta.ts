// Original file: proto/parallax/v1/raft.proto

import type { Long } from '@grpc/proto-loader';

export interface SnapshotMeta {
  /**
   * the last log entry the state includes
   */
  'index'?: (number | string | Long);
  /**
   * that entry's term
   */
  'term'?: (number | string | Long);
  'voters'?: (string)[];
  'learners'?: (string)[];
  /**
   * every member's address
   */
  'addresses'?: ({[key: string]: string});
  /**
   * how many pairs the stream carried
   */
  'pairs'?: (number | string | Long);
  /**
   * SHA-256 of the pairs (snapshotChecksum): the receiver checks both
   */
  'checksum'?: (string);
}

export interface SnapshotMeta__Output {
  /**
   * the last log entry the state includes
   */
  'index': (number);
  /**
   * that entry's term
   */
  'term': (number);
  'voters': (string)[];
  'learners': (string)[];
  /**
   * every member's address
   */
  'addresses': ({[key: string]: string});
  /**
   * how many pairs the stream carried
   */
  'pairs': (number);
  /**
   * SHA-256 of the pairs (snapshotChecksum): the receiver checks both
   */
  'checksum': (string);
}
