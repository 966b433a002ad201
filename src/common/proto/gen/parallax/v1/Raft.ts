// Original file: proto/parallax/v1/raft.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DiscoverRequest as _parallax_v1_DiscoverRequest, DiscoverRequest__Output as _parallax_v1_DiscoverRequest__Output } from '../../parallax/v1/DiscoverRequest.js';
import type { DiscoverResponse as _parallax_v1_DiscoverResponse, DiscoverResponse__Output as _parallax_v1_DiscoverResponse__Output } from '../../parallax/v1/DiscoverResponse.js';
import type { RaftAck as _parallax_v1_RaftAck, RaftAck__Output as _parallax_v1_RaftAck__Output } from '../../parallax/v1/RaftAck.js';
import type { RaftMessage as _parallax_v1_RaftMessage, RaftMessage__Output as _parallax_v1_RaftMessage__Output } from '../../parallax/v1/RaftMessage.js';
import type { SnapshotChunk as _parallax_v1_SnapshotChunk, SnapshotChunk__Output as _parallax_v1_SnapshotChunk__Output } from '../../parallax/v1/SnapshotChunk.js';

/**
 * Between coordinators. Each node keeps one client stream open to each peer and writes Raft messages on it; the
 * receiver steps them into its core. Messages may be lost when a stream breaks: Raft retries what matters.
 */
export interface RaftClient extends grpc.Client {
  /**
   * A node started with --join on an empty data directory asks a member which cluster it joins: its id and members.
   * Beside the Raft messages (the peers' own protocol), not in the Control API, which needs a user's credential.
   */
  Discover(argument: _parallax_v1_DiscoverRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  Discover(argument: _parallax_v1_DiscoverRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  Discover(argument: _parallax_v1_DiscoverRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  Discover(argument: _parallax_v1_DiscoverRequest, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A node started with --join on an empty data directory asks a member which cluster it joins: its id and members.
   * Beside the Raft messages (the peers' own protocol), not in the Control API, which needs a user's credential.
   */
  discover(argument: _parallax_v1_DiscoverRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  discover(argument: _parallax_v1_DiscoverRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  discover(argument: _parallax_v1_DiscoverRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  discover(argument: _parallax_v1_DiscoverRequest, callback: grpc.requestCallback<_parallax_v1_DiscoverResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A follower too far behind the leader's compacted log gets the state machine's state instead, on a stream of its
   * own so that a big snapshot never holds up the messages (heartbeats) on Send.
   */
  InstallSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  InstallSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  InstallSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  InstallSnapshot(callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  /**
   * A follower too far behind the leader's compacted log gets the state machine's state instead, on a stream of its
   * own so that a big snapshot never holds up the messages (heartbeats) on Send.
   */
  installSnapshot(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  installSnapshot(metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  installSnapshot(options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  installSnapshot(callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_SnapshotChunk>;
  
  Send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  Send(metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  Send(options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  Send(callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  send(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  send(metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  send(options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  send(callback: grpc.requestCallback<_parallax_v1_RaftAck__Output>): grpc.ClientWritableStream<_parallax_v1_RaftMessage>;
  
}

/**
 * Between coordinators. Each node keeps one client stream open to each peer and writes Raft messages on it; the
 * receiver steps them into its core. Messages may be lost when a stream breaks: Raft retries what matters.
 */
export interface RaftHandlers extends grpc.UntypedServiceImplementation {
  /**
   * A node started with --join on an empty data directory asks a member which cluster it joins: its id and members.
   * Beside the Raft messages (the peers' own protocol), not in the Control API, which needs a user's credential.
   */
  Discover: grpc.handleUnaryCall<_parallax_v1_DiscoverRequest__Output, _parallax_v1_DiscoverResponse>;
  
  /**
   * A follower too far behind the leader's compacted log gets the state machine's state instead, on a stream of its
   * own so that a big snapshot never holds up the messages (heartbeats) on Send.
   */
  InstallSnapshot: grpc.handleClientStreamingCall<_parallax_v1_SnapshotChunk__Output, _parallax_v1_RaftAck>;
  
  Send: grpc.handleClientStreamingCall<_parallax_v1_RaftMessage__Output, _parallax_v1_RaftAck>;
  
}

export interface RaftDefinition extends grpc.ServiceDefinition {
  Discover: MethodDefinition<_parallax_v1_DiscoverRequest, _parallax_v1_DiscoverResponse, _parallax_v1_DiscoverRequest__Output, _parallax_v1_DiscoverResponse__Output>
  InstallSnapshot: MethodDefinition<_parallax_v1_SnapshotChunk, _parallax_v1_RaftAck, _parallax_v1_SnapshotChunk__Output, _parallax_v1_RaftAck__Output>
  Send: MethodDefinition<_parallax_v1_RaftMessage, _parallax_v1_RaftAck, _parallax_v1_RaftMessage__Output, _parallax_v1_RaftAck__Output>
}
