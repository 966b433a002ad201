import { isParallaxError, UnavailableError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { RaftNode } from '../raft/node.js';
import { ProposalDroppedError } from '../raft/raft.js';
import { decodeConfChange } from '../raft/rawnode.js';
import type { Entry, Message, NodeId, Snapshot, SoftState } from '../raft/types.js';
import type { Command } from '../state/commands.js';
import type { StateEvent } from '../state/events.js';
import type { Fsm, ResultOf } from '../state/fsm.js';
import { Tx } from '../state/tx.js';
import type { Store } from '../storage/db.js';
import { APPLIED_KEY } from '../storage/keys.js';
import type { KvReader } from '../storage/kv.js';
import { type Membership, RaftStore } from '../storage/raft-store.js';
import type { ClusterView, MembershipChange, ReplicatedLog } from './log.js';
import { MembershipControl } from './membership.js';
import { type Outcome, Proposals, refusal } from './proposals.js';
import type { RaftTransport, ReceivedSnapshot } from './raft-transport.js';

interface Envelope {
  /** Who proposed it, so that node can answer its caller when it applies the entry. */
  id: string;
  cmd: Command;
}

export interface RaftLogOptions {
  nodeId: NodeId;
  /** The members of a new cluster; a data directory that has a membership keeps its own. */
  membership: Membership;
  /** How to reach the other nodes; absent for a cluster of one. */
  transport?: RaftTransport;
  tickMs?: number;
  electionTicks?: number;
  heartbeatTicks?: number;
  /** How long a proposal may wait to be applied before its caller is told the outcome is unknown. */
  proposalTimeoutMs?: number;
  /** Applied entries kept in the log before it is compacted. */
  keepEntries?: number;
  /** The most bytes of applied entries kept (in memory as well as on disk) before the log is compacted. */
  keepBytes?: number;
  /** Called once if the log cannot be written: the process should stop (and be restarted) rather than go on. */
  onFatal?: (err: Error) => void;
  /** Called when this node applies its own removal from the cluster: it has no part to play any more. */
  onRemoved?: () => void;
}

type Optional = 'transport' | 'onFatal' | 'onRemoved';
type Options = Required<Omit<RaftLogOptions, Optional>> & Pick<RaftLogOptions, Optional>;

const encoder = new TextEncoder();

/**
 * 64 MiB of applied entries at most, whatever their count: a run's output comes in entries of up to 1 MiB, and a run
 * printing as fast as it can made one a round, so 5,000 of them would have held gigabytes on every node.
 */
export const DEFAULT_KEEP_BYTES = 64 * 1024 * 1024;

/**
 * The replicated log on the Raft core: proposals are entries, the FSM applies committed entries in order (on every
 * node), and the node that proposed an entry answers its caller with what the FSM returned. Reads wait for a
 * ReadIndex, so they see every write acknowledged before them.
 */
export class RaftLog implements ReplicatedLog {
  private readonly node: RaftNode;
  private readonly proposals: Proposals;
  private readonly membership: MembershipControl;
  private soft: SoftState = { lead: '', role: 'follower' };
  private readonly appliedListeners = new Set<(events: StateEvent[]) => void>();
  private readonly leadershipListeners = new Set<(leader: boolean) => void>();
  private closed = false;
  /** A compaction of the log under way (one at a time; a snapshot is installed only once it is done). */
  private compacting: Promise<void> | undefined;
  /** When this node last heard from each peer (for cluster status). */
  private readonly lastHeard = new Map<NodeId, number>();
  /** Followers a snapshot is being streamed to (one at a time each). */
  private readonly sendingSnapshot = new Set<NodeId>();
  /** The snapshot received in full that the core is to install (its pending snapshot), until it asks for it. */
  private received: ReceivedSnapshot | undefined;
  private promoteTimer: NodeJS.Timeout | undefined;
  /** While a snapshot replaces the state: reads wait for it. */
  private installing: Promise<void> | undefined;
  /** Set when an applied batch could not be written: nothing more is applied. */
  private writeFailure: Error | undefined;

  private constructor(
    private readonly store: Store,
    private readonly raftStore: RaftStore,
    private readonly fsm: Fsm,
    private readonly logger: Logger,
    private readonly options: Options,
    applied: number,
  ) {
    this.node = new RaftNode({
      config: {
        id: options.nodeId,
        storage: raftStore,
        electionTicks: options.electionTicks,
        heartbeatTicks: options.heartbeatTicks,
        random: Math.random,
        preVote: true,
        checkQuorum: true,
        maxInflight: 256,
        // 32 appends of runs' output (1 MiB entries) to a follower at once, where 256 would hold 256 MiB for a slow one.
        maxInflightBytes: 32 * 1024 * 1024,
        maxMsgBytes: 1024 * 1024,
        lazyCommit: true,
        applied,
      },
      installSnapshot: (snapshot) => this.installSnapshot(snapshot),
      persist: (entries, hardState) => raftStore.persist(entries, hardState),
      send: (messages) => this.send(messages),
      apply: (entries) => this.apply(entries),
      onSoftState: (state) => this.onSoftState(state),
      onFatal: (err) => {
        this.logger.error('the Raft log cannot be written; this node stops taking part', { error: err.message });
        options.onFatal?.(err);
      },
      tickMs: options.tickMs,
    });
    this.proposals = new Proposals(options.nodeId, options.proposalTimeoutMs);
    this.membership = new MembershipControl({
      nodeId: options.nodeId,
      node: this.node,
      raftStore,
      proposals: this.proposals,
      transport: options.transport,
      logger,
      isLeader: () => this.isLeader(),
      leader: () => this.soft.lead,
      // As cluster status says it: heard from within two election timeouts (this node always is).
      healthy: (id) => id === options.nodeId || this.heardLately(id),
      onRemoved: options.onRemoved,
    });
  }

  static async open(store: Store, fsm: Fsm, logger: Logger, options: RaftLogOptions): Promise<RaftLog> {
    const full: Options = {
      tickMs: 50,
      electionTicks: 8,
      heartbeatTicks: 1,
      proposalTimeoutMs: 10_000,
      keepEntries: 5_000,
      keepBytes: DEFAULT_KEEP_BYTES,
      ...options,
    };
    const raftStore = await RaftStore.open(store, options.membership);
    const appliedValue = await store.get(APPLIED_KEY);
    const applied = appliedValue === undefined ? 0 : Number(appliedValue.toString());
    const log = new RaftLog(store, raftStore, fsm, logger, full, applied);
    options.transport?.setPeers(raftStore.members().addresses);
    options.transport?.receive(
      (m) => {
        log.heardFrom(m.from);
        log.node.step(m);
      },
      {
        stage: () => raftStore.stage(),
        received: (snapshot) => {
          log.heardFrom(snapshot.message.from);
          log.keepReceived(snapshot);
        },
      },
    );
    log.node.start();
    log.promoteTimer = setInterval(() => log.membership.promoteCaughtUpLearners(), 250);
    log.promoteTimer.unref();
    // Alone in its cluster, a node need not wait out an election timeout to lead.
    const { voters } = raftStore.initialState().conf;
    if (voters.length === 1 && voters[0] === options.nodeId) log.node.campaign();
    return log;
  }

  propose<C extends Command>(cmd: C): Promise<ResultOf[C['type']]> {
    if (this.closed) return Promise.reject(new UnavailableError('the coordinator is shutting down'));
    const id = this.proposals.nextId();
    return this.proposals.track(id, this.soft.lead, 'the cluster did not commit the change in time; it may or may not have been applied', () => {
      const data = encoder.encode(JSON.stringify({ id, cmd } satisfies Envelope));
      try {
        this.node.propose(data, (err) => this.proposals.settle(id, { ok: false, code: 'unavailable', message: noLeader(err) }));
      } catch (err) {
        throw err instanceof ProposalDroppedError ? new UnavailableError(noLeader(err)) : err;
      }
    }) as Promise<ResultOf[C['type']]>;
  }

  /**
   * Applies committed entries: one FSM batch, written behind (Store.writeBehind) with the applied index; callers and
   * listeners hear at once, and whatever reads the state next sees the batch.
   */
  private async apply(entries: Entry[]): Promise<void> {
    const tx = new Tx(this.store);
    const events: StateEvent[] = [];
    const answers: [string, Outcome][] = [];
    const ops = [];
    for (const entry of entries) {
      if (entry.type === 'conf') {
        const change = decodeConfChange(entry.data);
        const applied = this.membership.apply(change);
        // A member removed and added again later is not shown as heard from before it was removed.
        if (change.type === 'remove') this.lastHeard.delete(change.node);
        ops.push(...applied.ops);
        if (applied.audit !== undefined) await this.fsm.apply({ type: 'audit.record', result: 'ok', reason: '', audit: applied.audit }, tx, () => undefined);
        if (applied.proposal !== undefined && this.proposals.has(applied.proposal)) answers.push([applied.proposal, { ok: true, value: undefined }]);
        continue;
      }
      if (entry.data.length === 0) continue;
      const { id, cmd } = JSON.parse(Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength).toString('utf8')) as Envelope;
      const own: StateEvent[] = [];
      let outcome: Outcome;
      try {
        outcome = { ok: true, value: await this.fsm.apply(cmd, tx, (e) => own.push(e)) };
        events.push(...own);
      } catch (err) {
        // A defect in a handler must not stop the log: the entry is refused on every node alike, and logged.
        if (!isParallaxError(err)) this.logger.error('applying a command failed', { type: cmd.type, error: String(err) });
        outcome = isParallaxError(err) ? refusal(err) : { ok: false, code: 'internal', message: 'internal error applying the command; see the coordinator log' };
      }
      if (this.proposals.has(id)) answers.push([id, outcome]);
    }
    const last = entries.at(-1)!.index;
    if (this.writeFailure !== undefined) throw this.writeFailure;
    this.store.writeBehind([...tx.ops(), ...ops, { type: 'put', key: APPLIED_KEY, value: Buffer.from(String(last)) }]).catch((err: unknown) => {
      // The node's state is no longer what its log says: it stops (and, restarted, replays the log).
      if (this.writeFailure !== undefined) return;
      this.writeFailure = err instanceof Error ? err : new Error(String(err));
      this.logger.error('the state machine cannot be written; this node stops taking part', { error: this.writeFailure.message });
      this.options.onFatal?.(this.writeFailure);
    });
    for (const [id, outcome] of answers) this.proposals.settle(id, outcome);
    if (events.length > 0) for (const listener of this.appliedListeners) listener(events);
    void this.maybeCompact(last);
  }

  private send(messages: Message[]): void {
    const transport = this.options.transport;
    if (transport === undefined) return;
    const rest: Message[] = [];
    for (const m of messages) {
      if (m.type === 'snap') this.sendSnapshot(transport, m);
      else rest.push(m);
    }
    transport.send(rest);
  }

  /** Streams the state to a follower that needs entries the log no longer has, and tells the core when done. */
  private sendSnapshot(transport: RaftTransport, m: Message): void {
    if (this.sendingSnapshot.has(m.to)) return;
    this.sendingSnapshot.add(m.to);
    const started = Date.now();
    transport
      .sendSnapshot(m, this.raftStore.readSnapshot())
      .then(
        (meta) => this.logger.info('sent a snapshot', { to: m.to, index: meta.index, pairs: meta.pairs, ms: Date.now() - started }),
        (err: unknown) => this.logger.warn('sending a snapshot failed; it is sent again when the follower is reachable', { to: m.to, error: String(err) }),
      )
      .finally(() => {
        this.sendingSnapshot.delete(m.to);
        this.node.reportSnapshot(m.to);
      });
  }

  /**
   * Keeps the stage of a snapshot that arrived while the core means to install it. The core refuses one that is no
   * newer than what this node has committed, and a newer one replaces it: the stages of those are discarded at once,
   * as each holds as much disk as the state.
   */
  private keepReceived(snapshot: ReceivedSnapshot): void {
    const held = [snapshot, this.received];
    this.node.step(snapshot.message);
    const pending = this.node.raw.raft.log.pendingSnapshot;
    this.received = undefined;
    for (const one of held) {
      if (one === undefined) continue;
      const wanted = pending?.index === one.meta.index && pending.term === one.meta.term;
      if (wanted && this.received === undefined) this.received = one;
      else one.stage.discard().catch(() => undefined);
    }
  }

  /**
   * The core accepted a snapshot from the leader: its pairs replace this node's state and log. Reads wait until it
   * is in place (they would see part of the old state and part of the new one).
   */
  private async installSnapshot(snapshot: Snapshot): Promise<void> {
    const received = this.received;
    if (received === undefined || received.meta.index !== snapshot.index || received.meta.term !== snapshot.term) {
      throw new Error(`the snapshot at ${snapshot.index} to install was not received`);
    }
    this.received = undefined;
    // A compaction still writing would move the start of the log back to where it compacted, after the install.
    await this.compacting;
    const installed = this.raftStore.installSnapshot(received.meta, received.stage);
    this.installing = installed.catch(() => undefined);
    try {
      await installed;
    } finally {
      this.installing = undefined;
    }
    this.options.transport?.setPeers(received.meta.membership.addresses);
    for (const listener of this.appliedListeners) listener([{ kind: 'state.replaced' }]);
    this.logger.info('installed a snapshot from the leader', { from: received.message.from, index: snapshot.index, pairs: received.meta.pairs });
  }

  private async maybeCompact(applied: number): Promise<void> {
    if (this.compacting !== undefined || this.installing !== undefined) return;
    const upTo = this.raftStore.compactionPoint(applied, this.options.keepEntries, this.options.keepBytes);
    if (upTo === undefined) return;
    this.compacting = this.raftStore.compact(upTo).catch((err: unknown) => this.logger.warn('compacting the log failed', { error: String(err) }));
    await this.compacting;
    this.compacting = undefined;
  }

  private onSoftState(state: SoftState): void {
    const wasLeader = this.soft.role === 'leader';
    const leadMoved = state.lead !== this.soft.lead;
    this.soft = state;
    if (leadMoved) this.proposals.orphanedBy(state.lead);
    const isLeader = state.role === 'leader';
    if (wasLeader === isLeader) return;
    if (!isLeader) this.node.failReads(new UnavailableError('this node stopped being the leader; try again'));
    for (const listener of this.leadershipListeners) listener(isLeader);
  }

  async read<T>(fn: (state: KvReader) => Promise<T>, options?: { stale?: boolean }): Promise<T> {
    // A lone voter that leads has applied every write it acknowledged: its store is already linearizable.
    const alone = this.isLeader() && this.node.raw.raft.voters.length === 1;
    if (options?.stale !== true && !alone) {
      try {
        await this.node.readIndex();
      } catch (err) {
        if (isParallaxError(err)) throw err;
        throw new UnavailableError('no leader can confirm a consistent read now; try again, or read --stale');
      }
    }
    if (this.installing !== undefined) await this.installing;
    return fn(this.store);
  }

  isLeader(): boolean {
    return !this.closed && this.soft.role === 'leader';
  }

  leaderId(): string | undefined {
    return this.closed || this.soft.lead === '' ? undefined : this.soft.lead;
  }

  appliedIndex(): number {
    return this.node.appliedIndex();
  }

  /** A member not heard from for this long (two election timeouts) is not healthy. */
  private staleAfterMs(): number {
    return 2 * this.options.electionTicks * this.options.tickMs;
  }

  /** Whether this node heard from member `id` within two election timeouts: what cluster status calls healthy. */
  /** A member's message came in. A removed node's last messages do not count: added again, it has not been heard. */
  private heardFrom(id: NodeId): void {
    const raft = this.node.raw.raft;
    if (raft.voters.includes(id) || raft.learners.includes(id)) this.lastHeard.set(id, Date.now());
  }

  private heardLately(id: NodeId): boolean {
    return Date.now() - (this.lastHeard.get(id) ?? -Infinity) < this.staleAfterMs();
  }

  clusterStatus(): ClusterView {
    const raft = this.node.raw.raft;
    const conf = raft.conf();
    const now = Date.now();
    const staleAfter = this.staleAfterMs();
    const addresses = this.raftStore.members().addresses;
    const member = (id: NodeId, voter: boolean) => {
      // A follower hears from the leader alone (and from candidates, during an election): of the others it knows nothing.
      const healthKnown = raft.role === 'leader' || id === raft.id || id === raft.lead;
      const heard = healthKnown ? this.lastHeard.get(id) : undefined;
      const lastContactMs = id === raft.id ? 0 : heard === undefined ? -1 : now - heard;
      return {
        id,
        address: addresses[id] ?? '',
        voter,
        matchIndex: raft.role === 'leader' ? (raft.progress.get(id)?.match ?? 0) : id === raft.id ? raft.log.lastIndex() : -1,
        lastContactMs,
        healthy: id === raft.id ? !this.closed : lastContactMs >= 0 && lastContactMs < staleAfter,
        healthKnown,
      };
    };
    return {
      term: raft.term,
      leader: raft.lead,
      commitIndex: raft.log.committed,
      members: [...conf.voters.map((id) => member(id, true)), ...conf.learners.map((id) => member(id, false))],
    };
  }

  onApplied(listener: (events: StateEvent[]) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  onLeadership(listener: (leader: boolean) => void): () => void {
    this.leadershipListeners.add(listener);
    if (this.isLeader()) queueMicrotask(() => listener(true));
    return () => this.leadershipListeners.delete(listener);
  }

  /** Every member's address, as of the last applied membership change. */
  addresses(): Record<NodeId, string> {
    return this.raftStore.members().addresses;
  }

  async changeMembership(change: MembershipChange): Promise<'applied' | 'handed-over'> {
    if (change.type === 'remove' && change.node === this.options.nodeId) {
      this.membership.check(change);
      if ((await this.handOver()) === undefined) {
        throw new UnavailableError(`${change.node} leads and could not hand leadership to another voter before leaving; try again, or move it first (parallax cluster transfer-leader)`);
      }
      return 'handed-over';
    }
    await this.membership.change(change);
    return 'applied';
  }

  transferLeadership(to: NodeId): Promise<void> {
    return this.membership.transferLeadership(to);
  }

  /**
   * A leader about to stop hands leadership to the follower with the most of the log (TimeoutNow), so the cluster
   * does not wait out an election timeout. Resolves when leadership moved, or after `timeoutMs` regardless.
   */
  async handOver(timeoutMs = 3_000): Promise<NodeId | undefined> {
    const raft = this.node.raw.raft;
    if (this.closed || raft.role !== 'leader') return undefined;
    // The most up-to-date voters first, and of those the one heard from last: a voter that stopped a moment ago may
    // be as up to date as the rest. One not heard from lately is not asked at all.
    const heard = (id: NodeId) => this.lastHeard.get(id) ?? 0;
    const candidates = raft.voters
      .filter((id) => id !== raft.id && this.heardLately(id))
      .sort((a, b) => (raft.progress.get(b)?.match ?? -1) - (raft.progress.get(a)?.match ?? -1) || heard(b) - heard(a));
    const deadline = Date.now() + timeoutMs;
    for (const to of candidates) {
      this.node.transferLeadership(to);
      // The core gives up on a transfer its target has not taken within an election timeout: then try the next.
      while (this.soft.role === 'leader' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
        if (raft.role === 'leader' && raft.leadTransferee !== to) break;
      }
      if (this.soft.role !== 'leader') break;
      if (Date.now() >= deadline) return undefined;
    }
    // Stepping down is not proof of a successor (a leader that lost its quorum steps down too): name the node that
    // leads now, once this one has heard from it.
    const heardBy = Math.min(deadline, Date.now() + this.options.electionTicks * this.options.tickMs);
    while (this.soft.role !== 'leader' && this.soft.lead === '' && Date.now() < heardBy) await new Promise((r) => setTimeout(r, 20));
    return this.soft.role === 'leader' || this.soft.lead === '' || this.soft.lead === raft.id ? undefined : this.soft.lead;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.promoteTimer);
    if (this.soft.role === 'leader') for (const listener of this.leadershipListeners) listener(false);
    await this.node.stop();
    this.proposals.failAll('the coordinator is shutting down');
  }
}

function noLeader(err: Error): string {
  // The core's words ("proposal dropped: no leader") would only say it again.
  const why = err.message.replace(/^proposal dropped: /, '');
  return why === 'no leader' ? 'no leader can take the change now (an election is under way, or most coordinators are down); try again' : `no leader can take the change now: ${why}`;
}
