// Original file: proto/parallax/v1/raft.proto

import type { RaftEntry as _parallax_v1_RaftEntry, RaftEntry__Output as _parallax_v1_RaftEntry__Output } from '../../parallax/v1/RaftEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface RaftMessage {
  'type'?: (string);
  'from'?: (string);
  'to'?: (string);
  'term'?: (number | string | Long);
  'logTerm'?: (number | string | Long);
  'index'?: (number | string | Long);
  'entries'?: (_parallax_v1_RaftEntry)[];
  'commit'?: (number | string | Long);
  'reject'?: (boolean);
  'rejectHint'?: (number | string | Long);
  'context'?: (string);
  /**
   * a message from another cluster is refused
   */
  'clusterId'?: (string);
}

export interface RaftMessage__Output {
  'type': (string);
  'from': (string);
  'to': (string);
  'term': (number);
  'logTerm': (number);
  'index': (number);
  'entries': (_parallax_v1_RaftEntry__Output)[];
  'commit': (number);
  'reject': (boolean);
  'rejectHint': (number);
  'context': (string);
  /**
   * a message from another cluster is refused
   */
  'clusterId': (string);
}
