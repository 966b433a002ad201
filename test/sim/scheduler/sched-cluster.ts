import { UnavailableError } from '../../../src/common/errors.js';
import type { Logger } from '../../../src/common/logger.js';
import { ProposalDroppedError } from '../../../src/coordinator/raft/raft.js';
import { isLeaderReplication, RawNode } from '../../../src/coordinator/raft/rawnode.js';
import { MemoryStorage } from '../../../src/coordinator/raft/storage.js';
import type { Entry, NodeId, ReadState } from '../../../src/coordinator/raft/types.js';
import type { ReplicatedLog } from '../../../src/coordinator/replication/log.js';
import { Pruner } from '../../../src/coordinator/retention/pruner.js';
import { Scheduler, type Timers } from '../../../src/coordinator/scheduler/scheduler.js';
import type { Command } from '../../../src/coordinator/state/commands.js';
import type { StateEvent } from '../../../src/coordinator/state/events.js';
import { Fsm, type ResultOf } from '../../../src/coordinator/state/fsm.js';
import { Tx } from '../../../src/coordinator/state/tx.js';
import type { KvReader } from '../../../src/coordinator/storage/kv.js';
import { SimNetwork } from '../network.js';
import type { Prng } from '../prng.js';
import { MemoryKv } from './memory-kv.js';

// The scheduler simulation: the real Scheduler, Pruner and FSM of each coordinator on top of the real Raft core,
// in one process under virtual time. What a real node does with LevelDB, gRPC and timers, a simulated node does in
// memory, over a seeded network, with virtual timers and a clock of its own that can be off and can jump.

/** Virtual milliseconds per tick (the coordinator's default Raft tick). */
export const TICK_MS = 50;
const PROPOSAL_TICKS = 200;
/** Where the nodes' clocks start: a realistic time, so due times are what they would be in use. */
const EPOCH_MS = Date.UTC(2027, 0, 1);
const PRUNE_EVERY_TICKS = 1_200;
const TENANTS = () => Promise.resolve(['default']);

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

interface Waiter<T> {
  resolve(value: T): void;
  reject(err: Error): void;
  deadline: number;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** One simulated coordinator. Everything but its Raft disk is lost when it crashes. */
export class SchedNode implements ReplicatedLog, Timers {
  raw!: RawNode;
  alive = true;
  kv = new MemoryKv();
  applied = 0;
  /** This node's clock: the cluster's virtual time plus an offset that faults change. */
  skewMs = 0;
  private scheduler!: Scheduler;
  private pruner!: Pruner;
  private readonly fsm = new Fsm({ maxOutputBytesPerRun: 1024 * 1024 });
  private proposals = new Map<string, Waiter<unknown>>();
  private reads = new Map<string, Waiter<number> & { index?: number }>();
  private readyReads: ReadState[] = [];
  private appliedListeners = new Set<(events: StateEvent[]) => void>();
  private timers: Timer[] = [];
  private seq = 0;
  leading = false;

  constructor(
    readonly id: NodeId,
    public disk: MemoryStorage,
    private readonly sim: SchedCluster,
    private readonly makeRaw: (id: NodeId, storage: MemoryStorage) => RawNode,
  ) {
    this.boot();
  }

  /** A (re)started process: the FSM from the latest snapshot, the log after it replayed, the schedules followed. */
  private boot(): void {
    this.raw = this.makeRaw(this.id, this.disk);
    this.kv = MemoryKv.load(this.disk.snapshot().index === 0 ? undefined : this.disk.snapshot().data);
    this.applied = this.disk.snapshot().index;
    this.scheduler = new Scheduler(this, { now: () => this.clockNow() }, this, (size) => this.sim.randomBytes(size), silent);
    this.pruner = new Pruner(this, { now: () => this.clockNow() }, silent);
    this.proposals = new Map();
    this.reads = new Map();
    this.readyReads = [];
    this.appliedListeners = new Set();
    this.timers = [];
    this.leading = false;
    // Every node follows the schedules from its own state, as a coordinator does from its start.
    void this.scheduler.follow(TENANTS).catch(() => undefined);
  }

  crash(): void {
    this.alive = false;
    this.scheduler.close();
  }

  restart(): void {
    this.disk = this.disk.clone();
    this.boot();
    this.alive = true;
  }

  clockNow(): number {
    return EPOCH_MS + this.sim.now * TICK_MS + this.skewMs;
  }

  // ---- Timers (the scheduler's one timer), in the cluster's virtual time ----

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.sim.now * TICK_MS + Math.max(0, ms), seq: this.seq++, fn };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle);
  }

  runTimers(): void {
    const now = this.sim.now * TICK_MS;
    const due = this.timers.filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    if (due.length === 0) return;
    this.timers = this.timers.filter((t) => t.at > now);
    for (const timer of due) if (this.alive) timer.fn();
  }

  // ---- ReplicatedLog, as the scheduler and the pruner use it ----

  propose<C extends Command>(cmd: C): Promise<ResultOf[C['type']]> {
    if (!this.alive) return Promise.reject(new UnavailableError('down'));
    const id = `${this.id}/${this.seq++}`;
    try {
      this.raw.propose(encoder.encode(JSON.stringify({ id, cmd })));
    } catch (err) {
      if (err instanceof ProposalDroppedError) return Promise.reject(new UnavailableError(err.message));
      throw err;
    }
    return new Promise((resolve, reject) => {
      this.proposals.set(id, { resolve: resolve as (v: unknown) => void, reject, deadline: this.sim.now + PROPOSAL_TICKS });
    });
  }

  async read<T>(fn: (state: KvReader) => Promise<T>, options?: { stale?: boolean }): Promise<T> {
    if (options?.stale !== true) {
      const context = `${this.id}/read/${this.seq++}`;
      await new Promise<number>((resolve, reject) => {
        this.reads.set(context, { resolve, reject, deadline: this.sim.now + PROPOSAL_TICKS });
        try {
          this.raw.readIndex(context);
        } catch (err) {
          this.reads.delete(context);
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
    }
    return fn(this.kv);
  }

  isLeader(): boolean {
    return this.alive && this.raw.raft.role === 'leader';
  }

  leaderId(): string | undefined {
    return this.raw.raft.lead || undefined;
  }

  appliedIndex(): number {
    return this.applied;
  }

  onApplied(listener: (events: StateEvent[]) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  onLeadership(): () => void {
    return () => {};
  }

  clusterStatus(): never {
    throw new Error('not simulated');
  }

  addresses(): Record<string, string> {
    return {};
  }

  changeMembership(): Promise<'applied'> {
    return Promise.reject(new Error('not simulated'));
  }

  transferLeadership(): Promise<void> {
    return Promise.reject(new Error('not simulated'));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  // ---- driving ----

  async handleReady(): Promise<void> {
    const rd = this.raw.ready();
    if (rd.snapshot) {
      this.disk.applySnapshot(rd.snapshot);
      this.kv = MemoryKv.load(rd.snapshot.data);
      this.applied = rd.snapshot.index;
      // As the real log does: what follows the state (the scheduler) reads it again.
      for (const listener of this.appliedListeners) listener([{ kind: 'state.replaced' }]);
    }
    const early = rd.messages.filter(isLeaderReplication);
    for (const m of early) this.sim.network.send(m, this.sim.now);
    this.disk.append(rd.entries);
    if (rd.hardState) this.disk.setHardState(rd.hardState);
    for (const m of rd.messages) if (!isLeaderReplication(m)) this.sim.network.send(m, this.sim.now);
    for (const entry of rd.committedEntries) await this.apply(entry);
    this.readyReads.push(...rd.readStates);
    this.serveReads();
    this.raw.advance(rd);
    if (this.applied - this.disk.firstIndex() > this.sim.compactEvery) {
      this.disk.createSnapshot(this.applied, this.kv.dump(), this.applied - 3);
    }
    if (rd.softState !== undefined) this.onRole(rd.softState.role === 'leader');
  }

  private async apply(entry: Entry): Promise<void> {
    this.sim.checkCommitted(this, entry);
    this.applied = entry.index;
    if (entry.type === 'conf' || entry.data.length === 0) return;
    const { id, cmd } = JSON.parse(decoder.decode(entry.data)) as { id: string; cmd: Command };
    const tx = new Tx(this.kv);
    const events: StateEvent[] = [];
    let outcome: { ok: true; value: unknown } | { ok: false; err: Error };
    try {
      outcome = { ok: true, value: await this.fsm.apply(cmd, tx, (e) => events.push(e)) };
      this.kv.write(tx.ops());
    } catch (err) {
      outcome = { ok: false, err: err instanceof Error ? err : new Error(String(err)) };
    }
    this.sim.observe(entry.index, cmd, outcome.ok ? outcome.value : undefined);
    const waiter = this.proposals.get(id);
    if (waiter !== undefined) {
      this.proposals.delete(id);
      if (outcome.ok) waiter.resolve(outcome.value);
      else waiter.reject(outcome.err);
    }
    if (events.length > 0) for (const listener of this.appliedListeners) listener(events);
  }

  private serveReads(): void {
    const still: ReadState[] = [];
    for (const rs of this.readyReads) {
      if (this.applied < rs.index) still.push(rs);
      else {
        this.reads.get(rs.context)?.resolve(rs.index);
        this.reads.delete(rs.context);
      }
    }
    this.readyReads = still;
  }

  private onRole(leader: boolean): void {
    if (leader === this.leading) return;
    this.leading = leader;
    if (leader) {
      void this.scheduler.start(TENANTS).catch(() => undefined);
    } else {
      this.scheduler.stop();
      this.failWaiting(new UnavailableError('no longer the leader'));
    }
  }

  /** Every tick: proposals and reads that waited too long fail (as the real ones time out); the pruner runs. */
  housekeeping(): void {
    for (const waiting of [this.proposals, this.reads] as Map<string, Waiter<never>>[]) {
      for (const [id, w] of waiting) {
        if (w.deadline > this.sim.now) continue;
        waiting.delete(id);
        w.reject(new UnavailableError('timed out'));
      }
    }
    if (this.leading && this.sim.now % PRUNE_EVERY_TICKS === 0) void this.pruner.sweep(TENANTS).catch(() => undefined);
  }

  private failWaiting(err: Error): void {
    for (const w of [...this.proposals.values(), ...this.reads.values()]) w.reject(err);
    this.proposals.clear();
    this.reads.clear();
  }
}

/** The committed log's fires and misses as the FSM decided them, each log index counted once. */
export interface Observed {
  /** `schedule@dueAt` → how many log entries made a run for it. */
  fires: Map<string, number>;
}

/**
 * A cluster of SchedNodes. `step()` is one tick: deliver, tick, handle Readies (applying through the FSM), run each
 * node's timers, and let the promises of the scheduler and pruner settle, so a seed replays exactly.
 */
export class SchedCluster {
  readonly nodes = new Map<NodeId, SchedNode>();
  readonly network: SimNetwork;
  readonly violations: string[] = [];
  readonly observed: Observed = { fires: new Map() };
  now = 0;
  compactEvery = 400;
  private readonly committed: string[] = [];
  private readonly leaderOfTerm = new Map<number, NodeId>();
  private readonly random: Prng;

  constructor(prng: Prng, size: number) {
    this.network = new SimNetwork(prng.fork(), { dropRate: 0, duplicateRate: 0, maxExtraDelay: 0 });
    this.network.onSnapshotLost = (m) => {
      const sender = this.nodes.get(m.from);
      if (sender?.alive) sender.raw.reportSnapshot(m.to);
    };
    this.random = prng.fork();
    const raftRandom = prng.fork();
    const ids = Array.from({ length: size }, (_, i) => `n${i + 1}`);
    const make = (id: NodeId, storage: MemoryStorage) =>
      new RawNode({
        id,
        storage,
        electionTicks: 8,
        heartbeatTicks: 1,
        random: () => raftRandom.next(),
        preVote: true,
        checkQuorum: true,
        maxInflight: 64,
        maxMsgBytes: 256 * 1024,
        lazyCommit: true,
        applied: storage.snapshot().index,
      });
    for (const id of ids) this.nodes.set(id, new SchedNode(id, new MemoryStorage({ voters: ids, learners: [] }), this, make));
  }

  get ids(): NodeId[] {
    return [...this.nodes.keys()];
  }

  randomBytes(size: number): Uint8Array {
    return Uint8Array.from({ length: size }, () => Math.floor(this.random.next() * 256));
  }

  leader(): SchedNode | undefined {
    let found: SchedNode | undefined;
    for (const node of this.nodes.values()) {
      if (node.alive && node.raw.raft.role === 'leader' && (found === undefined || node.raw.raft.term > found.raw.raft.term)) found = node;
    }
    return found;
  }

  async step(): Promise<void> {
    this.now++;
    for (const m of this.network.deliver(this.now)) {
      const node = this.nodes.get(m.to);
      if (node?.alive) node.raw.step(m);
    }
    for (const node of this.nodes.values()) if (node.alive) node.raw.tick();
    await this.processReadies();
    for (const node of this.nodes.values()) {
      if (!node.alive) continue;
      node.runTimers();
      node.housekeeping();
    }
    await settle();
    await this.processReadies();
    this.checkLeaders();
  }

  private async processReadies(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      let any = false;
      for (const node of this.nodes.values()) {
        if (!node.alive || !node.raw.hasReady()) continue;
        any = true;
        await node.handleReady();
        await settle();
      }
      if (!any) return;
    }
  }

  crash(id: NodeId): void {
    const node = this.nodes.get(id)!;
    if (!node.alive) return;
    node.crash();
    this.network.dropTo(id);
  }

  restart(id: NodeId): void {
    const node = this.nodes.get(id)!;
    if (!node.alive) node.restart();
  }

  /** State machine safety: every node applies the same command at each index. */
  checkCommitted(node: SchedNode, entry: Entry): void {
    const data = `${entry.term}:${decoder.decode(entry.data)}`;
    const seen = this.committed[entry.index];
    if (seen === undefined) this.committed[entry.index] = data;
    else if (seen !== data) this.violations.push(`state machine safety: ${node.id} applied a different entry at ${entry.index}`);
    if (entry.index !== node.applied + 1) this.violations.push(`${node.id} applied entry ${entry.index} after ${node.applied}`);
  }

  /** Counts what an entry did, the first time any node applies its index. */
  observe(index: number, cmd: Command, result: unknown): void {
    if (this.observedUpTo >= index) return;
    this.observedUpTo = index;
    if (cmd.type === 'schedule.fire' && (result as ResultOf['schedule.fire'] | undefined)?.run) {
      const key = `${cmd.name}@${cmd.dueAt}`;
      this.observed.fires.set(key, (this.observed.fires.get(key) ?? 0) + 1);
    }
  }

  private observedUpTo = 0;

  private checkLeaders(): void {
    for (const node of this.nodes.values()) {
      if (!node.alive || node.raw.raft.role !== 'leader') continue;
      const other = this.leaderOfTerm.get(node.raw.raft.term);
      if (other === undefined) this.leaderOfTerm.set(node.raw.raft.term, node.id);
      else if (other !== node.id) this.violations.push(`election safety: ${other} and ${node.id} both lead term ${node.raw.raft.term}`);
    }
  }
}

/**
 * Lets every promise that can settle now settle: the FSM, the scheduler and the pruner wait only on each other (never
 * on I/O), so after one turn of the event loop they are all as far as they can go.
 */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
