import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { RaftClient as _parallax_v1_RaftClient, RaftDefinition as _parallax_v1_RaftDefinition } from './parallax/v1/Raft.js';
import type { RaftAck as _parallax_v1_RaftAck, RaftAck__Output as _parallax_v1_RaftAck__Output } from './parallax/v1/RaftAck.js';
import type { RaftEntry as _parallax_v1_RaftEntry, RaftEntry__Output as _parallax_v1_RaftEntry__Output } from './parallax/v1/RaftEntry.js';
import type { RaftMessage as _parallax_v1_RaftMessage, RaftMessage__Output as _parallax_v1_RaftMessage__Output } from './parallax/v1/RaftMessage.js';
import type { SnapshotChunk as _parallax_v1_SnapshotChunk, SnapshotChunk__Output as _parallax_v1_SnapshotChunk__Output } from './parallax/v1/SnapshotChunk.js';
import type { SnapshotMeta as _parallax_v1_SnapshotMeta, SnapshotMeta__Output as _parallax_v1_SnapshotMeta__Output } from './parallax/v1/SnapshotMeta.js';
import type { SnapshotPair as _parallax_v1_SnapshotPair, SnapshotPair__Output as _parallax_v1_SnapshotPair__Output } from './parallax/v1/SnapshotPair.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  parallax: {
    v1: {
      /**
       * Between coordinators. Each node keeps one client stream open to each peer and writes Raft messages on it; the
       * receiver steps them into its core. Messages may be lost when a stream breaks: Raft retries what matters.
       */
      Raft: SubtypeConstructor<typeof grpc.Client, _parallax_v1_RaftClient> & { service: _parallax_v1_RaftDefinition }
      RaftAck: MessageTypeDefinition<_parallax_v1_RaftAck, _parallax_v1_RaftAck__Output>
      RaftEntry: MessageTypeDefinition<_parallax_v1_RaftEntry, _parallax_v1_RaftEntry__Output>
      RaftMessage: MessageTypeDefinition<_parallax_v1_RaftMessage, _parallax_v1_RaftMessage__Output>
      SnapshotChunk: MessageTypeDefinition<_parallax_v1_SnapshotChunk, _parallax_v1_SnapshotChunk__Output>
      SnapshotMeta: MessageTypeDefinition<_parallax_v1_SnapshotMeta, _parallax_v1_SnapshotMeta__Output>
      SnapshotPair: MessageTypeDefinition<_parallax_v1_SnapshotPair, _parallax_v1_SnapshotPair__Output>
    }
  }
}

