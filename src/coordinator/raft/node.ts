import { isLeaderReplication, RawNode, type Ready } from './rawnode.js';
import { ProposalDroppedError, type RaftConfig } from './raft.js';
import type { ConfChange, ConfState, Entry, Message, NodeId, Snapshot, SoftState } from './types.js';

/** What the driver needs around the core: durable storage, a way to send, and the state machine it feeds. */
export interface RaftDriverDeps {
  config: RaftConfig;
  /** Replaces the FSM's state and the log with a snapshot the leader sent; resolves when it is on disk. */
  installSnapshot(snapshot: Snapshot): Promise<void>;
  /** Writes the Ready's entries and hard state in one synced write. */
  persist(entries: Entry[], hardState: Ready['hardState']): Promise<void>;
  send(messages: Message[]): void;
  /** Applies committed entries in order (normal and conf); resolves when their effects are written. */
  apply(entries: Entry[]): Promise<void>;
  onSoftState(state: SoftState): void;
  /** The driver stopped because a write failed: the node cannot keep its promises and must not go on serving. */
  onFatal(err: Error): void;
  tickMs: number;
}

interface ReadWaiter {
  resolve(index: number): void;
  reject(err: Error): void;
  /** The tick it was last asked of the leader at. */
  askedAt: number;
}

/**
 * The driver of the consensus core: ticks it on a timer, steps what arrives, and handles each Ready in the order the
 * core requires (persist, send, apply, advance). Only one Ready is handled at a time; whatever is stepped meanwhile
 * goes into the next.
 */
export class RaftNode {
  readonly raw: RawNode;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private again = false;
  private stopped = false;
  private readSeq = 0;
  private ticks = 0;
  /** The leader the core knew when the driver last looked: reads go to it again when it changes. */
  private lead: NodeId = '';
  private readonly readWaiters = new Map<string, ReadWaiter>();
  private readonly readyReads: { index: number; context: string }[] = [];
  private failure: Error | undefined;
  private proposals: { data: Uint8Array; dropped: (err: Error) => void }[] = [];
  /** The term in the hard state on disk: heartbeats are answered at once only in it. */
  private durableTerm: number;

  constructor(private readonly deps: RaftDriverDeps) {
    this.raw = new RawNode(deps.config);
    this.durableTerm = this.raw.raft.term;
  }

  get id(): NodeId {
    return this.raw.raft.id;
  }

  start(): void {
    this.timer = setInterval(() => {
      this.ticks++;
      this.raw.tick();
      this.askReadsAgain((waiter) => this.ticks - waiter.askedAt >= this.deps.config.electionTicks);
      this.kick();
    }, this.deps.tickMs);
    this.timer.unref();
    this.kick();
  }

  /** Campaigns at once (a single-node cluster need not wait out an election timeout). */
  campaign(): void {
    this.raw.campaign();
    this.kick();
  }

  step(message: Message): void {
    if (this.stopped) return;
    this.raw.step(message);
    if (this.busy && message.type === 'heartbeat') {
      // A Ready is being handled (a synced write, a snapshot's install): the answer need not wait for it.
      const answers = this.raw.takeHeartbeatResponses(this.durableTerm);
      if (answers.length > 0) this.deps.send(answers);
    }
    this.kick();
  }

  /**
   * Queues a proposal. Everything queued until the driver next runs goes to the core as one batch: one append on
   * the leader and one message to each follower, however many callers proposed. Throws ProposalDroppedError at
   * once when no leader is known; `dropped` hears if the core refuses the batch later.
   */
  propose(data: Uint8Array, dropped: (err: Error) => void): void {
    if (this.raw.raft.lead === '') throw new ProposalDroppedError('no leader');
    this.proposals.push({ data, dropped });
    this.kick();
  }

  proposeConfChange(change: ConfChange): void {
    this.raw.proposeConfChange(change);
    this.kick();
  }

  transferLeadership(to: NodeId): void {
    this.raw.transferLeadership(to);
    this.kick();
  }

  /** The transport is done streaming a snapshot to `to` (delivered or not). */
  reportSnapshot(to: NodeId): void {
    if (this.stopped) return;
    this.raw.reportSnapshot(to);
    this.kick();
  }

  applyConfChange(change: ConfChange): ConfState {
    return this.raw.applyConfChange(change);
  }

  /** Resolves with an index that, once applied here, makes a read linearizable (ReadIndex). */
  readIndex(): Promise<number> {
    const context = `${this.id}/${++this.readSeq}`;
    return new Promise((resolve, reject) => {
      this.readWaiters.set(context, { resolve, reject, askedAt: this.ticks });
      try {
        this.raw.readIndex(context);
      } catch (err) {
        this.readWaiters.delete(context);
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      this.kick();
    });
  }

  /**
   * Asks the leader again for the reads `due` picks. A follower's read goes to the leader it knows, and nothing tells
   * it when that leader dies holding it, or when a broken stream loses the request or its answer: without this, the
   * read would wait forever (a `run logs --follow` hung through a failover). A read answered twice is resolved once;
   * one that finds no leader fails, and its caller retries elsewhere.
   */
  private askReadsAgain(due: (waiter: ReadWaiter) => boolean): void {
    for (const [context, waiter] of this.readWaiters) {
      if (!due(waiter)) continue;
      waiter.askedAt = this.ticks;
      try {
        this.raw.readIndex(context);
      } catch (err) {
        this.readWaiters.delete(context);
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  /** Drops every read still waiting (leadership changed, or the node stops): their callers retry or fail. */
  failReads(err: Error): void {
    for (const waiter of this.readWaiters.values()) waiter.reject(err);
    this.readWaiters.clear();
  }

  appliedIndex(): number {
    return this.raw.raft.log.applied;
  }

  /** Waits until the current Ready (if any) is done, then stops ticking. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (let i = 0; i < 1000 && this.busy; i++) await new Promise((r) => setTimeout(r, 5));
  }

  private kick(): void {
    if (this.stopped || this.failure !== undefined) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    setImmediate(() => void this.loop());
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        this.flushProposals();
        while (!this.stopped && this.raw.hasReady()) await this.handle(this.raw.ready());
      } while (this.again && !this.stopped);
    } catch (err) {
      // A write that failed leaves the node unable to keep its promises: it stops taking part.
      this.failure = err instanceof Error ? err : new Error(String(err));
      this.failReads(this.failure);
      this.deps.onFatal(this.failure);
    } finally {
      this.busy = false;
    }
  }

  private flushProposals(): void {
    if (this.proposals.length === 0) return;
    const batch = this.proposals;
    this.proposals = [];
    try {
      this.raw.proposeBatch(batch.map((p) => p.data));
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      for (const p of batch) p.dropped(error);
    }
  }

  private async handle(rd: Ready): Promise<void> {
    if (rd.snapshot !== undefined) await this.deps.installSnapshot(rd.snapshot);
    // A leader's appends go out at once: its followers write them while it writes them itself.
    const early = rd.messages.filter(isLeaderReplication);
    if (early.length > 0) this.deps.send(early);
    await this.deps.persist(rd.entries, rd.hardState);
    if (rd.hardState !== undefined) this.durableTerm = rd.hardState.term;
    const rest = early.length === 0 ? rd.messages : rd.messages.filter((m) => !isLeaderReplication(m));
    this.deps.send(rest);
    if (rd.committedEntries.length > 0) {
      // What was just sent leaves first: the transport's socket writes wait for the event loop's next turn, and a
      // follower's answer to the leader should not wait behind the entries it applies (traced: 40 µs a write).
      if (rest.length > 0) await new Promise((resolve) => setImmediate(resolve));
      await this.deps.apply(rd.committedEntries);
    }
    if (rd.softState) this.deps.onSoftState(rd.softState);
    this.readyReads.push(...rd.readStates);
    this.raw.advance(rd);
    this.releaseReads();
    if (rd.softState !== undefined && rd.softState.lead !== this.lead) {
      this.lead = rd.softState.lead;
      // A new leader knows nothing of the reads sent to the old one.
      if (this.lead !== '' && this.lead !== this.id) this.askReadsAgain(() => true);
    }
  }

  private releaseReads(): void {
    const applied = this.appliedIndex();
    while (this.readyReads.length > 0 && this.readyReads[0]!.index <= applied) {
      const read = this.readyReads.shift()!;
      const waiter = this.readWaiters.get(read.context);
      this.readWaiters.delete(read.context);
      waiter?.resolve(read.index);
    }
  }
}
