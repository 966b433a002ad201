// Original file: proto/parallax/v1/raft.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { RaftAck as _parallax_v1_RaftAck, RaftAck__Output as _parallax_v1_RaftAck__Output } from '../../parallax/v1/RaftAck.js';
import type { RaftMessage as _parallax_v1_RaftMessage, RaftMessage__Output as _parallax_v1_RaftMessage__Output } from '../../parallax/v1/RaftMessage.js';
import type { SnapshotChunk as _parallax_v1_SnapshotChunk, SnapshotChunk__Output as _parallax_v1_SnapshotChunk__Output } from '../../parallax/v1/SnapshotChunk.js';

/**
 * Between coordinators. Each node keeps one client stream open to each peer and writes Raft messages on it; the
 * receiver steps them into its core. Messages may be lost when a stream breaks: Raft retries what matters.
 */
export interface RaftClient extends grpc.Client {
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
   * A follower too far behind the leader's compacted log gets the state machine's state instead, on a stream of its
   * own so that a big snapshot never holds up the messages (heartbeats) on Send.
   */
  InstallSnapshot: grpc.handleClientStreamingCall<_parallax_v1_SnapshotChunk__Output, _parallax_v1_RaftAck>;
  
  Send: grpc.handleClientStreamingCall<_parallax_v1_RaftMessage__Output, _parallax_v1_RaftAck>;
  
}

export interface RaftDefinition extends grpc.ServiceDefinition {
  InstallSnapshot: MethodDefinition<_parallax_v1_SnapshotChunk, _parallax_v1_RaftAck, _parallax_v1_SnapshotChunk__Output, _parallax_v1_RaftAck__Output>
  Send: MethodDefinition<_parallax_v1_RaftMessage, _parallax_v1_RaftAck, _parallax_v1_RaftMessage__Output, _parallax_v1_RaftAck__Output>
}
