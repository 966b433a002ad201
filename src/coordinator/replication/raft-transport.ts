import * as grpc from '@grpc/grpc-js';
import type { Logger } from '../../common/logger.js';
import type { RaftClient } from '../../common/proto/gen/parallax/v1/Raft.js';
import type { RaftHandlers } from '../../common/proto/gen/parallax/v1/Raft.js';
import type { RaftAck } from '../../common/proto/gen/parallax/v1/RaftAck.js';
import type { RaftMessage, RaftMessage__Output } from '../../common/proto/gen/parallax/v1/RaftMessage.js';
import { raftProto } from '../../common/proto/load.js';
import type { Message, MessageType, NodeId } from '../raft/types.js';

/** Messages waiting for a peer whose stream is down are dropped beyond this: Raft resends what matters. */
const MAX_QUEUED = 4096;

interface Peer {
  address: string;
  client: RaftClient;
  stream: grpc.ClientWritableStream<RaftMessage> | undefined;
}

/**
 * Raft messages between coordinators over gRPC: one client stream per peer, opened on first use and again after it
 * breaks. Sending never blocks the core: a message to a peer that cannot be reached is dropped.
 */
export class RaftTransport {
  private readonly peers = new Map<NodeId, Peer>();
  private onMessage: (m: Message) => void = () => {};

  constructor(
    private readonly clusterId: string,
    addresses: Record<NodeId, string>,
    selfId: NodeId,
    private readonly logger: Logger,
  ) {
    const Raft = raftProto().parallax.v1.Raft;
    for (const [id, address] of Object.entries(addresses)) {
      if (id === selfId) continue;
      const client = new Raft(address, grpc.credentials.createInsecure(), {
        'grpc.initial_reconnect_backoff_ms': 100,
        'grpc.max_reconnect_backoff_ms': 1_000,
        'grpc.keepalive_time_ms': 10_000,
      });
      this.peers.set(id, { address, client, stream: undefined });
    }
  }

  /** The gRPC service that receives messages from peers. */
  service(): { definition: grpc.ServiceDefinition; handlers: RaftHandlers } {
    const handlers: RaftHandlers = {
      Send: (call: grpc.ServerReadableStream<RaftMessage__Output, RaftAck>, callback: grpc.sendUnaryData<RaftAck>) => {
        call.on('data', (wire: RaftMessage__Output) => {
          if (wire.clusterId !== this.clusterId) {
            this.logger.warn('refused a message from another cluster', { from: wire.from, clusterId: wire.clusterId });
            call.destroy();
            return;
          }
          this.onMessage(fromWire(wire));
        });
        call.on('end', () => callback(null, {}));
        call.on('error', () => undefined);
      },
    };
    return { definition: raftProto().parallax.v1.Raft.service, handlers };
  }

  receive(handler: (m: Message) => void): void {
    this.onMessage = handler;
  }

  send(messages: Message[]): void {
    for (const m of messages) {
      const peer = this.peers.get(m.to);
      if (peer === undefined) continue;
      const stream = this.streamTo(m.to, peer);
      if (stream.writableLength > MAX_QUEUED) continue;
      stream.write(toWire(m, this.clusterId));
    }
  }

  private streamTo(id: NodeId, peer: Peer): grpc.ClientWritableStream<RaftMessage> {
    if (peer.stream !== undefined && !peer.stream.destroyed && peer.stream.writable) return peer.stream;
    const stream = peer.client.send((err) => {
      if (err && err.code !== grpc.status.CANCELLED) this.logger.debug('stream to a peer ended', { peer: id, error: err.details });
      if (peer.stream === stream) peer.stream = undefined;
    });
    stream.on('error', () => {
      if (peer.stream === stream) peer.stream = undefined;
    });
    peer.stream = stream;
    return stream;
  }

  close(): void {
    for (const peer of this.peers.values()) {
      peer.stream?.end();
      peer.client.close();
    }
  }
}

function toWire(m: Message, clusterId: string): RaftMessage {
  return {
    type: m.type,
    from: m.from,
    to: m.to,
    term: m.term,
    logTerm: m.logTerm,
    index: m.index,
    entries: m.entries.map((e) => ({ term: e.term, index: e.index, type: e.type, data: Buffer.from(e.data) })),
    commit: m.commit,
    reject: m.reject,
    rejectHint: m.rejectHint,
    context: m.context,
    clusterId,
  };
}

function fromWire(w: RaftMessage__Output): Message {
  return {
    type: w.type as MessageType,
    from: w.from,
    to: w.to,
    term: w.term,
    logTerm: w.logTerm,
    index: w.index,
    entries: w.entries.map((e) => ({ term: e.term, index: e.index, type: e.type === 'conf' ? 'conf' : 'normal', data: e.data })),
    commit: w.commit,
    reject: w.reject,
    rejectHint: w.rejectHint,
    context: w.context,
  };
}
