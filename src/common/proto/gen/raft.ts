import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { DiscoverMember as _parallax_v1_DiscoverMember, DiscoverMember__Output as _parallax_v1_DiscoverMember__Output } from './parallax/v1/DiscoverMember.js';
import type { DiscoverRequest as _parallax_v1_DiscoverRequest, DiscoverRequest__Output as _parallax_v1_DiscoverRequest__Output } from './parallax/v1/DiscoverRequest.js';
import type { DiscoverResponse as _parallax_v1_DiscoverResponse, DiscoverResponse__Output as _parallax_v1_DiscoverResponse__Output } from './parallax/v1/DiscoverResponse.js';
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
      DiscoverMember: MessageTypeDefinition<_parallax_v1_DiscoverMember, _parallax_v1_DiscoverMember__Output>
      DiscoverRequest: MessageTypeDefinition<_parallax_v1_DiscoverRequest, _parallax_v1_DiscoverRequest__Output>
      DiscoverResponse: MessageTypeDefinition<_parallax_v1_DiscoverResponse, _parallax_v1_DiscoverResponse__Output>
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

