import { randomBytes } from 'node:crypto';
import { errorFromCode, isParallaxError, type ParallaxError, UnavailableError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { RaftNode } from '../raft/node.js';
import { ProposalDroppedError } from '../raft/raft.js';
import { decodeConfChange } from '../raft/rawnode.js';
import type { Entry, NodeId, SoftState } from '../raft/types.js';
import type { Command } from '../state/commands.js';
import type { StateEvent } from '../state/events.js';
import type { Fsm, ResultOf } from '../state/fsm.js';
import { Tx } from '../state/tx.js';
import type { Store } from '../storage/db.js';
import { APPLIED_KEY } from '../storage/keys.js';
import type { KvReader } from '../storage/kv.js';
import { RaftStore } from '../storage/raft-store.js';
import type { ClusterView, ReplicatedLog } from './log.js';
import type { RaftTransport } from './raft-transport.js';

/** A refused command is part of the log's outcome, the same on every node: it travels as data, not as a throw. */
type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string; field?: string };

interface Waiter {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface Envelope {
  /** Who proposed it, so that node can answer its caller when it applies the entry. */
  id: string;
  cmd: Command;
}

export interface RaftLogOptions {
  nodeId: NodeId;
  /** The voters of a new cluster; a data directory that has a membership keeps its own. */
  voters: NodeId[];
  /** How to reach the other nodes; absent for a cluster of one. */
  transport?: RaftTransport;
  tickMs?: number;
  electionTicks?: number;
  heartbeatTicks?: number;
  /** How long a proposal may wait to be applied before its caller is told the outcome is unknown. */
  proposalTimeoutMs?: number;
  /** Applied entries kept in the log before it is compacted. */
  keepEntries?: number;
  /** Called once if the log cannot be written: the process should stop (and be restarted) rather than go on. */
  onFatal?: (err: Error) => void;
}

type Options = Required<Omit<RaftLogOptions, 'transport' | 'onFatal'>> & Pick<RaftLogOptions, 'transport' | 'onFatal'>;

const encoder = new TextEncoder();

/**
 * The replicated log on the Raft core: proposals are entries, the FSM applies committed entries in order (on every
 * node), and the node that proposed an entry answers its caller with what the FSM returned. Reads wait for a
 * ReadIndex, so they see every write acknowledged before them.
 */
export class RaftLog implements ReplicatedLog {
  private readonly node: RaftNode;
  private readonly waiters = new Map<string, Waiter>();
  private readonly bootId = randomBytes(6).toString('hex');
  private seq = 0;
  private soft: SoftState = { lead: '', role: 'follower' };
  private readonly appliedListeners = new Set<(events: StateEvent[]) => void>();
  private readonly leadershipListeners = new Set<(leader: boolean) => void>();
  private closed = false;
  private compacting = false;
  /** When this node last heard from each peer (for cluster status). */
  private readonly lastHeard = new Map<NodeId, number>();

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
        maxMsgBytes: 1024 * 1024,
        applied,
      },
      persist: (entries, hardState) => raftStore.persist(entries, hardState),
      send: (messages) => options.transport?.send(messages),
      apply: (entries, node) => this.apply(entries, node),
      onSoftState: (state) => this.onSoftState(state),
      onFatal: (err) => {
        this.logger.error('the Raft log cannot be written; this node stops taking part', { error: err.message });
        options.onFatal?.(err);
      },
      tickMs: options.tickMs,
    });
  }

  static async open(store: Store, fsm: Fsm, logger: Logger, options: RaftLogOptions): Promise<RaftLog> {
    const full: Options = {
      tickMs: 100,
      electionTicks: 10,
      heartbeatTicks: 1,
      proposalTimeoutMs: 10_000,
      keepEntries: 10_000,
      ...options,
    };
    const raftStore = await RaftStore.open(store, { voters: options.voters, learners: [] });
    const appliedValue = await store.get(APPLIED_KEY);
    const applied = appliedValue === undefined ? 0 : Number(appliedValue.toString());
    const log = new RaftLog(store, raftStore, fsm, logger, full, applied);
    options.transport?.receive((m) => {
      log.lastHeard.set(m.from, Date.now());
      log.node.step(m);
    });
    log.node.start();
    // Alone in its cluster, a node need not wait out an election timeout to lead.
    if (raftStore.initialState().conf.voters.length === 1) log.node.campaign();
    return log;
  }

  propose<C extends Command>(cmd: C): Promise<ResultOf[C['type']]> {
    if (this.closed) return Promise.reject(new UnavailableError('the coordinator is shutting down'));
    const id = `${this.options.nodeId}/${this.bootId}/${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new UnavailableError('the cluster did not commit the change in time; it may or may not have been applied'));
      }, this.options.proposalTimeoutMs);
      this.waiters.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      try {
        this.node.propose(encoder.encode(JSON.stringify({ id, cmd } satisfies Envelope)));
      } catch (err) {
        clearTimeout(timer);
        this.waiters.delete(id);
        reject(err instanceof ProposalDroppedError ? new UnavailableError(`no leader can take the change now: ${err.message}`) : err);
      }
    });
  }

  /** Applies committed entries: one FSM batch, written with the applied index; then callers and listeners hear. */
  private async apply(entries: Entry[], node: RaftNode): Promise<void> {
    const tx = new Tx(this.store);
    const events: StateEvent[] = [];
    const answers: [string, Outcome][] = [];
    const ops = [];
    for (const entry of entries) {
      if (entry.type === 'conf') {
        ops.push(...this.raftStore.confOps(node.applyConfChange(decodeConfChange(entry.data))));
        continue;
      }
      if (entry.data.length === 0) continue;
      const { id, cmd } = JSON.parse(Buffer.from(entry.data).toString('utf8')) as Envelope;
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
      if (this.waiters.has(id)) answers.push([id, outcome]);
    }
    const last = entries.at(-1)!.index;
    await this.store.write([...tx.ops(), ...ops, { type: 'put', key: APPLIED_KEY, value: Buffer.from(String(last)) }], false);
    for (const [id, outcome] of answers) {
      const waiter = this.waiters.get(id);
      if (waiter === undefined) continue;
      this.waiters.delete(id);
      clearTimeout(waiter.timer);
      if (outcome.ok) waiter.resolve(outcome.value);
      else waiter.reject(errorFromCode(outcome.code, outcome.message, outcome.field));
    }
    if (events.length > 0) for (const listener of this.appliedListeners) listener(events);
    void this.maybeCompact(last);
  }

  private async maybeCompact(applied: number): Promise<void> {
    const upTo = applied - this.options.keepEntries;
    if (this.compacting || upTo - this.raftStore.firstIndex() < this.options.keepEntries / 10) return;
    this.compacting = true;
    try {
      await this.raftStore.compact(upTo);
    } catch (err) {
      this.logger.warn('compacting the log failed', { error: String(err) });
    } finally {
      this.compacting = false;
    }
  }

  private onSoftState(state: SoftState): void {
    const wasLeader = this.soft.role === 'leader';
    this.soft = state;
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

  clusterStatus(): ClusterView {
    const raft = this.node.raw.raft;
    const conf = raft.conf();
    const now = Date.now();
    // A member not heard from for two election timeouts is not healthy.
    const staleAfter = 2 * this.options.electionTicks * this.options.tickMs;
    const member = (id: NodeId, voter: boolean) => {
      const heard = this.lastHeard.get(id);
      const lastContactMs = id === raft.id ? 0 : heard === undefined ? -1 : now - heard;
      return {
        id,
        voter,
        matchIndex: raft.role === 'leader' ? (raft.progress.get(id)?.match ?? 0) : id === raft.id ? raft.log.lastIndex() : -1,
        lastContactMs,
        healthy: id === raft.id ? !this.closed : lastContactMs >= 0 && lastContactMs < staleAfter,
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

  /**
   * A leader about to stop hands leadership to the follower with the most of the log (TimeoutNow), so the cluster
   * does not wait out an election timeout. Resolves when leadership moved, or after `timeoutMs` regardless.
   */
  async handOver(timeoutMs = 3_000): Promise<NodeId | undefined> {
    const raft = this.node.raw.raft;
    if (this.closed || raft.role !== 'leader') return undefined;
    let best: NodeId | undefined;
    let bestMatch = -1;
    for (const id of raft.voters) {
      const match = raft.progress.get(id)?.match ?? -1;
      if (id !== raft.id && match > bestMatch) {
        best = id;
        bestMatch = match;
      }
    }
    if (best === undefined) return undefined;
    this.node.transferLeadership(best);
    const deadline = Date.now() + timeoutMs;
    while (this.soft.role === 'leader' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return this.soft.role === 'leader' ? undefined : best;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.soft.role === 'leader') for (const listener of this.leadershipListeners) listener(false);
    await this.node.stop();
    for (const waiter of this.waiters.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new UnavailableError('the coordinator is shutting down'));
    }
    this.waiters.clear();
  }
}

function refusal(err: ParallaxError): Outcome {
  return err.field === undefined
    ? { ok: false, code: err.code, message: err.message }
    : { ok: false, code: err.code, message: err.message, field: err.field };
}
