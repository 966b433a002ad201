import * as grpc from '@grpc/grpc-js';
import { GRPC_COMMON_OPTIONS } from '../../common/grpc-options.js';
import type { Logger } from '../../common/logger.js';
import type { DiscoverRequest__Output } from '../../common/proto/gen/parallax/v1/DiscoverRequest.js';
import type { DiscoverResponse } from '../../common/proto/gen/parallax/v1/DiscoverResponse.js';
import type { RaftClient } from '../../common/proto/gen/parallax/v1/Raft.js';
import type { RaftHandlers } from '../../common/proto/gen/parallax/v1/Raft.js';
import type { RaftAck } from '../../common/proto/gen/parallax/v1/RaftAck.js';
import type { RaftMessage, RaftMessage__Output } from '../../common/proto/gen/parallax/v1/RaftMessage.js';
import type { SnapshotChunk, SnapshotChunk__Output } from '../../common/proto/gen/parallax/v1/SnapshotChunk.js';
import { raftProto } from '../../common/proto/load.js';
import { message, type Message, type MessageType, type NodeId } from '../raft/types.js';
import { type Membership, SnapshotHash, type SnapshotMeta } from '../storage/raft-store.js';
import type { SnapshotStage } from '../storage/snapshot-stage.js';

/** A snapshot received in full and checked: the `snap` message to step, and the stage that holds its pairs. */
export interface ReceivedSnapshot {
  message: Message;
  meta: SnapshotMeta;
  stage: SnapshotStage;
}

/** Where snapshots from the leader go: a new stage for each stream, and each one that arrived whole. */
export interface SnapshotReceiver {
  stage(): SnapshotStage;
  received(snapshot: ReceivedSnapshot): void;
}

/** A snapshot stream still going after this long is abandoned (the leader sends it again later). */
const SNAPSHOT_DEADLINE_MS = 10 * 60_000;

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
  private snapshots: SnapshotReceiver | undefined;
  /** Ends each peer's stream of messages to this node, answering it: what `endIncoming` calls. */
  private readonly incoming = new Set<() => void>();

  constructor(
    private readonly clusterId: string,
    addresses: Record<NodeId, string>,
    private readonly selfId: NodeId,
    private readonly logger: Logger,
  ) {
    this.setPeers(addresses);
  }

  /** Follows a membership change: connects to new members, drops removed ones, reconnects moved ones. */
  setPeers(addresses: Record<NodeId, string>): void {
    for (const [id, peer] of this.peers) {
      if (addresses[id] === peer.address) continue;
      peer.stream?.end();
      peer.client.close();
      this.peers.delete(id);
    }
    const Raft = raftProto().parallax.v1.Raft;
    for (const [id, address] of Object.entries(addresses)) {
      if (id === this.selfId || this.peers.has(id)) continue;
      const client = new Raft(address, grpc.credentials.createInsecure(), {
        'grpc.initial_reconnect_backoff_ms': 100,
        'grpc.max_reconnect_backoff_ms': 1_000,
        'grpc.keepalive_time_ms': 10_000,
        ...GRPC_COMMON_OPTIONS,
      });
      this.peers.set(id, { address, client, stream: undefined });
    }
  }

  /** The gRPC service that receives messages from peers, and tells a joining node who the cluster is (`members`). */
  service(members: () => { id: string; address: string; voter: boolean }[]): { definition: grpc.ServiceDefinition; handlers: RaftHandlers } {
    const handlers: RaftHandlers = {
      Discover: (_call: grpc.ServerUnaryCall<DiscoverRequest__Output, DiscoverResponse>, callback: grpc.sendUnaryData<DiscoverResponse>) => {
        callback(null, { clusterId: this.clusterId, members: members() });
      },
      Send: (call: grpc.ServerReadableStream<RaftMessage__Output, RaftAck>, callback: grpc.sendUnaryData<RaftAck>) => {
        answerAtOnce(call);
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          this.incoming.delete(end);
          callback(null, {});
        };
        this.incoming.add(end);
        call.on('data', (wire: RaftMessage__Output) => {
          if (ended) return;
          if (wire.clusterId !== this.clusterId) {
            this.logger.warn('refused a message from another cluster', { from: wire.from, clusterId: wire.clusterId });
            this.incoming.delete(end);
            call.destroy();
            return;
          }
          this.onMessage(fromWire(wire));
        });
        call.on('end', end);
        call.on('error', () => this.incoming.delete(end));
      },
      InstallSnapshot: (call: grpc.ServerReadableStream<SnapshotChunk__Output, RaftAck>, callback: grpc.sendUnaryData<RaftAck>) => {
        answerAtOnce(call);
        this.receiveSnapshot(call, callback);
      },
    };
    return { definition: raftProto().parallax.v1.Raft.service, handlers };
  }

  receive(handler: (m: Message) => void, snapshots: SnapshotReceiver): void {
    this.onMessage = handler;
    this.snapshots = snapshots;
  }

  /**
   * Writes a snapshot's chunks to a stage as they arrive, one at a time (the stream pauses meanwhile, so a state of
   * any size takes one chunk of memory), checks the count and checksum at the end, and hands over the stage. A
   * stream refused, cut short or damaged has its stage discarded.
   */
  private receiveSnapshot(call: grpc.ServerReadableStream<SnapshotChunk__Output, RaftAck>, callback: grpc.sendUnaryData<RaftAck>): void {
    const receiver = this.snapshots;
    let stage: SnapshotStage | undefined;
    const hash = new SnapshotHash();
    let pairs = 0;
    let first: SnapshotChunk__Output | undefined;
    let meta: SnapshotChunk__Output['meta'] = null;
    let writing: Promise<void> = Promise.resolve();
    let finished = false;
    const fail = (code: grpc.status, details: string) => {
      if (finished) return;
      finished = true;
      callback({ code, details });
      call.destroy();
      void writing.catch(() => undefined).then(() => stage?.discard()).catch(() => undefined);
    };
    call.on('data', (chunk: SnapshotChunk__Output) => {
      if (finished) return;
      if (receiver === undefined) {
        fail(grpc.status.UNAVAILABLE, 'this node is still starting');
        return;
      }
      if (chunk.clusterId !== this.clusterId || chunk.to !== this.selfId) {
        this.logger.warn('refused a snapshot not meant for this node', { from: chunk.from, clusterId: chunk.clusterId, to: chunk.to });
        fail(grpc.status.FAILED_PRECONDITION, 'this snapshot is for another node or cluster');
        return;
      }
      first ??= chunk;
      stage ??= receiver.stage();
      const received: [string, Buffer][] = chunk.pairs.map((pair) => [pair.key, pair.value]);
      for (const [key, value] of received) hash.add(key, value);
      pairs += received.length;
      if (chunk.meta !== null) meta = chunk.meta;
      if (received.length === 0) return;
      call.pause();
      const into = stage;
      writing = writing.then(() => into.add(received));
      writing.then(
        () => call.resume(),
        (err: unknown) => {
          this.logger.warn('could not write a snapshot from the leader to the data directory', { error: String(err) });
          fail(grpc.status.UNAVAILABLE, 'the follower could not write the snapshot');
        },
      );
    });
    call.on('end', () => {
      void writing.then(() => {
        if (finished) return;
        if (first === undefined || meta === null || meta.pairs !== pairs || meta.checksum !== hash.digest() || stage === undefined || receiver === undefined) {
          this.logger.warn('discarded a snapshot that arrived incomplete or damaged', { from: first?.from, pairs });
          fail(grpc.status.DATA_LOSS, `the snapshot arrived incomplete or damaged (${pairs} pairs)`);
          return;
        }
        finished = true;
        const membership: Membership = { voters: meta.voters, learners: meta.learners, addresses: meta.addresses };
        const snapshotMeta: SnapshotMeta = { index: meta.index, term: meta.term, membership, pairs: meta.pairs, checksum: meta.checksum };
        const snapshot = { index: meta.index, term: meta.term, conf: { voters: meta.voters, learners: meta.learners }, data: new Uint8Array() };
        receiver.received({ message: message({ type: 'snap', from: first.from, to: first.to, term: first.term, snapshot }), meta: snapshotMeta, stage });
        callback(null, {});
      }, () => undefined);
    });
    call.on('error', () => fail(grpc.status.CANCELLED, 'the stream broke'));
    call.on('cancelled', () => fail(grpc.status.CANCELLED, 'the leader cancelled the stream'));
  }

  /**
   * Streams a snapshot to `m.to` on a call of its own: the chunks `source` yields, then its meta. Resolves when the
   * follower has it all; rejects when it could not be delivered.
   */
  async sendSnapshot(m: Message, source: AsyncGenerator<[string, Buffer][], SnapshotMeta>): Promise<SnapshotMeta> {
    const peer = this.peers.get(m.to);
    if (peer === undefined) throw new Error(`no address for ${m.to}`);
    let finish: (err: Error | null) => void = () => {};
    const done = new Promise<void>((resolve, reject) => (finish = (err) => (err ? reject(err) : resolve())));
    done.catch(() => undefined); // awaited below; a failure after an abandoned send must not go unhandled
    const call = peer.client.installSnapshot({ deadline: Date.now() + SNAPSHOT_DEADLINE_MS }, (err) => finish(err));
    call.on('error', (err: Error) => finish(err));
    const head = { clusterId: this.clusterId, from: m.from, to: m.to, term: m.term };
    const write = async (chunk: SnapshotChunk) => {
      if (!call.write(chunk)) await Promise.race([new Promise((resolve) => call.once('drain', resolve)), done]);
    };
    try {
      for (;;) {
        const next = await source.next();
        if (next.done === true) {
          const meta = next.value;
          const { voters, learners, addresses } = meta.membership;
          await write({ ...head, meta: { index: meta.index, term: meta.term, voters, learners, addresses, pairs: meta.pairs, checksum: meta.checksum } });
          call.end();
          await done;
          return meta;
        }
        await write({ ...head, pairs: next.value.map(([key, value]) => ({ key, value })) });
      }
    } catch (err) {
      call.cancel();
      await source.return(undefined as never).catch(() => undefined);
      throw err;
    }
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

  /**
   * Answers the peers' streams of messages to this node, so that they close their connections to it: a server
   * shutting down waits for those, and peers keep their streams open for as long as they run.
   */
  endIncoming(): void {
    for (const end of [...this.incoming]) end();
  }

  close(): void {
    this.endIncoming();
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
    // Copied: the decoded data is a view of the message's buffer, which for a small message is a slice of an 8 KiB
    // pool shared with whatever else was allocated then, and the log keeps entries until it is compacted.
    entries: w.entries.map((e) => ({ term: e.term, index: e.index, type: e.type === 'conf' ? 'conf' : 'normal', data: new Uint8Array(e.data) })),
    commit: w.commit,
    reject: w.reject,
    rejectHint: w.rejectHint,
    context: w.context,
  };
}

/**
 * Sends the response headers of a peer's stream at once. Until a client stream sees them, grpc-js keeps every
 * message sent on it, to send again should it retry the call (up to 1 MiB of messages a call). A follower's small
 * answers to the leader are slices of 8 KiB buffers: the 1 MiB of them it kept held 16 MiB of memory.
 */
function answerAtOnce(call: grpc.ServerReadableStream<unknown, RaftAck>): void {
  call.sendMetadata(new grpc.Metadata());
}
