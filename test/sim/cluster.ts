import { decodeConfChange, isLeaderReplication, RawNode } from '../../src/coordinator/raft/rawnode.js';
import { ProposalDroppedError } from '../../src/coordinator/raft/raft.js';
import { MemoryStorage } from '../../src/coordinator/raft/storage.js';
import type { ConfChange, Entry, NodeId, ReadState } from '../../src/coordinator/raft/types.js';
import type { KvInput, KvOutput } from './linearizability.js';
import { SimNetwork } from './network.js';
import type { Prng } from './prng.js';


export interface HistoryOp {
  clientId: number;
  input: KvInput;
  call: number;
  output: KvOutput;
  return: number;
}

interface Command {
  id: string;
  input: KvInput;
}

interface PendingOp {
  clientId: number;
  id: string;
  input: KvInput;
  call: number;
  node: NodeId;
  deadline: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** How often heartbeats arrive while a node's Ready is being written (and may be answered before it). */
const HEARTBEATS_DURING_WRITE = 0.3;

/** What a simulated run counts, all zero: one shape for the cluster, a seed's result and the totals over seeds. */
export function clusterStats() {
  return { elections: 0, crashes: 0, crashesBeforeWrite: 0, earlyHeartbeatAnswers: 0, partitions: 0, transfers: 0, committed: 0, snapshots: 0, confChanges: 0 };
}

/** One simulated coordinator: the Raft core, its "disk" (what was persisted) and a key-value FSM. */
export class SimNode {
  raw: RawNode;
  alive = true;
  kv = new Map<string, string>();
  /** Ids of the commands applied: a command in the log twice (a forwarded proposal duplicated) takes effect once. */
  appliedIds = new Set<string>();
  applied = 0;
  /** Client operations proposed through this node, by id, answered when this node applies them. */
  readonly waitingWrites = new Map<string, PendingOp>();
  readonly waitingReads = new Map<string, PendingOp>();
  readyReads: ReadState[] = [];
  wasLeader = false;

  constructor(
    readonly id: NodeId,
    public disk: MemoryStorage,
    private readonly makeRaw: (storage: MemoryStorage) => RawNode,
  ) {
    this.raw = makeRaw(disk);
  }

  /**
   * A crash loses everything not persisted; the restarted node loads its latest snapshot into the FSM and replays
   * the log after it.
   */
  restart(): void {
    this.disk = this.disk.clone();
    this.raw = this.makeRaw(this.disk);
    this.restoreFsm(this.disk.snapshot().index === 0 ? undefined : this.disk.snapshot().data);
    this.applied = this.disk.snapshot().index;
    this.waitingWrites.clear();
    this.waitingReads.clear();
    this.readyReads = [];
    this.wasLeader = false;
    this.alive = true;
  }

  snapshotFsm(): Uint8Array {
    return encoder.encode(JSON.stringify({ kv: [...this.kv], ids: [...this.appliedIds] }));
  }

  restoreFsm(data: Uint8Array | undefined): void {
    const state = data === undefined ? { kv: [], ids: [] } : (JSON.parse(decoder.decode(data)) as { kv: [string, string][]; ids: string[] });
    this.kv = new Map(state.kv);
    this.appliedIds = new Set(state.ids);
  }
}

export interface SimOptions {
  nodes: number;
  clients: number;
  keys: number;
  ticks: number;
  /** Ticks with faults healed at the end, for pending work to settle and to check that the cluster recovers. */
  settleTicks: number;
  opTimeout: number;
  electionTicks: number;
  heartbeatTicks: number;
  /** Applied entries kept in a node's log before it snapshots its FSM and compacts the log. */
  compactEvery: number;
}

export const DEFAULT_SIM: SimOptions = {
  nodes: 5,
  clients: 4,
  keys: 4,
  ticks: 400,
  settleTicks: 200,
  opTimeout: 60,
  electionTicks: 10,
  heartbeatTicks: 2,
  compactEvery: 20,
};

/**
 * A whole cluster in one process under virtual time. Everything random comes from one seeded PRNG, so a seed
 * replays the same run. After every tick it checks Raft's safety properties; the history of client operations is
 * kept for the linearizability check.
 */
export class SimCluster {
  readonly nodes = new Map<NodeId, SimNode>();
  readonly network: SimNetwork;
  readonly history: HistoryOp[] = [];
  readonly violations: string[] = [];
  now = 0;
  private readonly leaderOfTerm = new Map<number, NodeId>();
  /** The committed log as first seen by any node: every node's committed prefix must equal it. */
  private readonly committedLog: { term: number; data: string }[] = [];
  private readonly checkedCommit = new Map<NodeId, number>();
  private readonly clientOps = new Map<number, PendingOp>();
  private opSeq = 0;
  /** How often a leader crashes (and restarts at once) between sending its appends and writing them itself. */
  crashBeforeWrite = 0.01;
  stats = clusterStats();

  constructor(
    private readonly prng: Prng,
    readonly options: SimOptions,
  ) {
    this.network = new SimNetwork(prng.fork(), { dropRate: 0, duplicateRate: 0, maxExtraDelay: 0 });
    this.network.onSnapshotLost = (m) => {
      const sender = this.nodes.get(m.from);
      if (sender?.alive) sender.raw.reportSnapshot(m.to);
    };
    const ids = Array.from({ length: options.nodes }, (_, i) => `n${i + 1}`);
    const raftRandom = prng.fork();
    // Half the seeds tell followers of commits at once, half with the next append or heartbeat (as coordinators do).
    const lazyCommit = raftRandom.next() < 0.5;
    for (const id of ids) {
      const make = (storage: MemoryStorage) =>
        new RawNode({
          id,
          storage,
          electionTicks: options.electionTicks,
          heartbeatTicks: options.heartbeatTicks,
          random: () => raftRandom.next(),
          preVote: true,
          checkQuorum: true,
          maxInflight: 8,
          // A few entries' worth: the byte bound, as well as the count, holds a busy leader back.
          maxInflightBytes: 256,
          maxMsgBytes: 4096,
          lazyCommit,
          // What the FSM holds after a restart: the state of its latest snapshot.
          applied: storage.snapshot().index,
        });
      this.nodes.set(id, new SimNode(id, new MemoryStorage({ voters: ids, learners: [] }), make));
    }
  }

  get ids(): NodeId[] {
    return [...this.nodes.keys()];
  }

  leader(): SimNode | undefined {
    let found: SimNode | undefined;
    for (const node of this.nodes.values()) {
      if (node.alive && node.raw.raft.role === 'leader' && (found === undefined || node.raw.raft.term > found.raw.raft.term)) found = node;
    }
    return found;
  }

  /** One tick of virtual time: deliver, tick, handle every Ready, check. */
  step(): void {
    this.now++;
    for (const m of this.network.deliver(this.now)) {
      const node = this.nodes.get(m.to);
      if (node?.alive) node.raw.step(m);
    }
    for (const node of this.nodes.values()) if (node.alive) node.raw.tick();
    this.processReadies();
    this.expireOps();
    this.checkSafety();
  }

  processReadies(): void {
    for (let round = 0; round < 10; round++) {
      let any = false;
      for (const node of this.nodes.values()) {
        if (!node.alive || !node.raw.hasReady()) continue;
        any = true;
        this.handleReady(node);
      }
      if (!any) return;
    }
  }

  private handleReady(node: SimNode): void {
    const rd = node.raw.ready();
    if (rd.snapshot) {
      node.disk.applySnapshot(rd.snapshot);
      node.restoreFsm(rd.snapshot.data);
      node.applied = rd.snapshot.index;
      this.stats.snapshots++;
    }
    // A leader's appends leave before its own write, as the real driver sends them; sometimes the leader crashes
    // right then, so its followers hold entries its disk never got.
    const early = rd.messages.filter(isLeaderReplication);
    for (const m of early) this.network.send(m, this.now);
    if (early.length > 0 && rd.entries.length > 0 && this.prng.chance(this.crashBeforeWrite)) {
      this.crash(node.id);
      this.restart(node.id);
      this.stats.crashesBeforeWrite++;
      return;
    }
    // While the write is under way, heartbeats due by the next tick arrive, and the driver answers them at once when
    // the term they carry is on disk (RaftNode.step), before this Ready's own messages.
    if (this.prng.chance(HEARTBEATS_DURING_WRITE)) {
      for (const m of this.network.deliver(this.now + 1, (msg) => msg.to === node.id && msg.type === 'heartbeat')) node.raw.step(m);
      for (const m of node.raw.takeHeartbeatResponses(node.disk.hardState.term)) {
        this.network.send(m, this.now);
        this.stats.earlyHeartbeatAnswers++;
      }
    }
    // Then persist (entries and hard state, as one synced write), send the rest, apply.
    // Like the real store, a Ready that moves only the commit index writes nothing: a crash forgets it.
    node.disk.append(rd.entries);
    const hs = node.disk.hardState;
    if (rd.hardState && (rd.entries.length > 0 || rd.hardState.term !== hs.term || rd.hardState.vote !== hs.vote)) {
      node.disk.setHardState(rd.hardState);
    }
    for (const m of rd.messages) if (!isLeaderReplication(m)) this.network.send(m, this.now);
    for (const entry of rd.committedEntries) this.apply(node, entry);
    node.readyReads.push(...rd.readStates);
    this.serveReads(node);
    node.raw.advance(rd);
    // Compact the log now and then, so followers that fell behind need a snapshot.
    if (node.applied - node.disk.firstIndex() > this.options.compactEvery) {
      node.disk.createSnapshot(node.applied, node.snapshotFsm(), node.applied - 3);
    }
    if (rd.softState?.role === 'leader') this.onLeader(node);
  }

  private apply(node: SimNode, entry: Entry): void {
    const data = entry.type === 'conf' ? `conf:${decoder.decode(entry.data)}` : decoder.decode(entry.data);
    const seen = this.committedLog[entry.index];
    if (seen === undefined) {
      this.committedLog[entry.index] = { term: entry.term, data };
      this.stats.committed++;
    } else if (seen.term !== entry.term || seen.data !== data) {
      this.violations.push(
        `state machine safety: ${node.id} applied entry ${entry.index} of term ${entry.term}, but term ${seen.term} was applied there before`,
      );
    }
    if (entry.index !== node.applied + 1) {
      this.violations.push(`${node.id} applied entry ${entry.index} after ${node.applied}`);
    }
    node.applied = entry.index;
    if (entry.type === 'conf') {
      node.disk.setConf(node.raw.applyConfChange(decodeConfChange(entry.data)));
      this.stats.confChanges++;
      return;
    }
    if (data === '') return;
    const cmd = JSON.parse(data) as Command;
    const input = cmd.input;
    if (node.appliedIds.has(cmd.id)) return;
    node.appliedIds.add(cmd.id);
    if (input.op === 'put') node.kv.set(input.key, input.value);
    else if (input.op === 'append') node.kv.set(input.key, (node.kv.get(input.key) ?? '') + input.value);
    const waiting = node.waitingWrites.get(cmd.id);
    if (waiting !== undefined) {
      node.waitingWrites.delete(cmd.id);
      this.complete(waiting, {});
    }
  }

  private serveReads(node: SimNode): void {
    const still: ReadState[] = [];
    for (const rs of node.readyReads) {
      if (node.applied < rs.index) {
        still.push(rs);
        continue;
      }
      const op = node.waitingReads.get(rs.context);
      if (op === undefined || op.input.op !== 'get') continue;
      node.waitingReads.delete(rs.context);
      this.complete(op, { value: node.kv.get(op.input.key) ?? '' });
    }
    node.readyReads = still;
  }

  private onLeader(node: SimNode): void {
    this.stats.elections++;
    // Leader completeness: a new leader holds every committed entry.
    const log = node.raw.raft.log;
    for (let i = Math.max(1, log.firstIndex() - 1); i < this.committedLog.length; i++) {
      const seen = this.committedLog[i];
      if (seen !== undefined && log.term(i) !== seen.term) {
        this.violations.push(`leader completeness: ${node.id} leads term ${node.raw.raft.term} without committed entry ${i}`);
        return;
      }
    }
  }

  private checkSafety(): void {
    for (const node of this.nodes.values()) {
      if (!node.alive) continue;
      const raft = node.raw.raft;
      if (raft.role === 'leader') {
        const other = this.leaderOfTerm.get(raft.term);
        if (other === undefined) this.leaderOfTerm.set(raft.term, node.id);
        else if (other !== node.id) this.violations.push(`election safety: ${other} and ${node.id} both lead term ${raft.term}`);
      }
      // Every committed entry a node holds equals the committed log.
      const from = Math.max((this.checkedCommit.get(node.id) ?? 0) + 1, raft.log.firstIndex() - 1);
      for (let i = from; i <= raft.log.committed; i++) {
        const seen = this.committedLog[i];
        const term = raft.log.term(i);
        if (seen !== undefined && seen.term !== term) {
          this.violations.push(`${node.id} has committed entry ${i} of term ${term}, the cluster committed term ${seen.term}`);
        }
      }
      this.checkedCommit.set(node.id, raft.log.committed);
    }
  }

  /** Log matching: two logs with an entry of the same index and term are identical up to it (where both hold it). */
  checkLogMatching(): void {
    const logs = [...this.nodes.values()]
      .filter((n) => n.alive)
      .map((n) => {
        const log = n.raw.raft.log;
        return { id: n.id, first: log.firstIndex(), entries: log.slice(log.firstIndex(), log.lastIndex() + 1) };
      });
    for (let a = 0; a < logs.length; a++) {
      for (let b = a + 1; b < logs.length; b++) {
        const x = logs[a]!;
        const y = logs[b]!;
        const lo = Math.max(x.first, y.first);
        const hi = Math.min(x.first + x.entries.length, y.first + y.entries.length) - 1;
        let i = hi;
        while (i >= lo && x.entries[i - x.first]!.term !== y.entries[i - y.first]!.term) i--;
        for (; i >= lo; i--) {
          const ex = x.entries[i - x.first]!;
          const ey = y.entries[i - y.first]!;
          if (ex.term !== ey.term || decoder.decode(ex.data) !== decoder.decode(ey.data)) {
            this.violations.push(`log matching: ${x.id} and ${y.id} differ at entry ${i}`);
            return;
          }
        }
      }
    }
  }

  // ---- faults ----

  crash(id: NodeId): void {
    const node = this.nodes.get(id)!;
    if (!node.alive) return;
    node.alive = false;
    this.stats.crashes++;
    this.network.dropTo(id);
    this.checkedCommit.set(id, 0);
  }

  restart(id: NodeId): void {
    const node = this.nodes.get(id)!;
    if (node.alive) return;
    node.restart();
  }

  /**
   * Proposes a membership change at the leader: remove a voter (keeping at least three), add a removed node back as
   * a learner, or promote a learner. Returns whether one was proposed.
   */
  changeMembership(prng: Prng): boolean {
    const leader = this.leader();
    if (leader === undefined) return false;
    const conf = leader.raw.raft.conf();
    const outside = this.ids.filter((id) => !conf.voters.includes(id) && !conf.learners.includes(id));
    const options: ConfChange[] = [
      ...(conf.voters.length > 3 ? conf.voters.map((node): ConfChange => ({ type: 'remove', node })) : []),
      ...outside.map((node): ConfChange => ({ type: 'addLearner', node })),
      ...conf.learners.map((node): ConfChange => ({ type: 'addVoter', node })),
    ];
    if (options.length === 0) return false;
    try {
      leader.raw.proposeConfChange(prng.pick(options));
      return true;
    } catch (err) {
      if (err instanceof ProposalDroppedError) return false;
      throw err;
    }
  }

  // ---- clients ----

  /** Each idle client starts an operation at a random live node. */
  runClients(): void {
    for (let client = 0; client < this.options.clients; client++) {
      if (this.clientOps.has(client) || !this.prng.chance(0.3)) continue;
      const live = [...this.nodes.values()].filter((n) => n.alive);
      if (live.length === 0) return;
      const node = this.prng.pick(live);
      const key = `k${this.prng.int(1, this.options.keys)}`;
      const id = `c${client}-${++this.opSeq}`;
      // Reads and puts more often than appends: a long run of concurrent appends with no read between them makes the
      // linearizability check search every order of them.
      const roll = this.prng.next();
      const input: KvInput =
        roll < 0.45 ? { op: 'get', key } : roll < 0.8 ? { op: 'put', key, value: id } : { op: 'append', key, value: `${id};` };
      const op: PendingOp = { clientId: client, id, input, call: this.now, node: node.id, deadline: this.now + this.options.opTimeout };
      try {
        if (input.op === 'get') {
          node.waitingReads.set(id, op);
          node.raw.readIndex(id);
        } else {
          node.waitingWrites.set(id, op);
          node.raw.propose(encoder.encode(JSON.stringify({ id, input } satisfies Command)));
        }
      } catch (err) {
        if (!(err instanceof ProposalDroppedError)) throw err;
        // Refused at once: it never happened, and the client knows.
        node.waitingReads.delete(id);
        node.waitingWrites.delete(id);
        continue;
      }
      this.clientOps.set(client, op);
    }
  }

  private complete(op: PendingOp, output: KvOutput): void {
    if (this.clientOps.get(op.clientId)?.id !== op.id) return;
    this.clientOps.delete(op.clientId);
    this.history.push({ clientId: op.clientId, input: op.input, call: op.call, output, return: this.now });
  }

  /** A client that waited too long gives up: a write may or may not have happened; a read never returned. */
  private expireOps(): void {
    for (const [client, op] of this.clientOps) {
      const node = this.nodes.get(op.node)!;
      const lost = !node.alive || !(node.waitingReads.has(op.id) || node.waitingWrites.has(op.id));
      if (this.now < op.deadline && !lost) continue;
      this.clientOps.delete(client);
      node.waitingReads.delete(op.id);
      node.waitingWrites.delete(op.id);
      if (op.input.op !== 'get') {
        this.history.push({ clientId: client, input: op.input, call: op.call, output: { unknown: true }, return: Infinity });
      }
    }
  }

  get openOps(): number {
    return this.clientOps.size;
  }
}
