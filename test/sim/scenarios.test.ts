import { describe, expect, it } from 'vitest';
import { RawNode } from '../../src/coordinator/raft/rawnode.js';
import { MemoryStorage } from '../../src/coordinator/raft/storage.js';
import { type Entry, message, type Message, type NodeId } from '../../src/coordinator/raft/types.js';
import { SimCluster, DEFAULT_SIM } from './cluster.js';
import { Prng } from './prng.js';

const entry = (index: number, term: number): Entry => ({ index, term, type: 'normal', data: new TextEncoder().encode(`e${index}t${term}`) });
const log = (terms: number[]): Entry[] => terms.map((term, i) => entry(i + 1, term));

/** A cluster driven by hand: every message is delivered at once, unless the test holds it back. */
class Manual {
  readonly nodes = new Map<NodeId, { raw: RawNode; disk: MemoryStorage }>();
  readonly inbox: Message[] = [];

  constructor(ids: NodeId[], logs: Record<NodeId, Entry[]>, term: number, options: { preVote?: boolean } = {}) {
    const prng = new Prng(7);
    for (const id of ids) {
      const disk = new MemoryStorage({ voters: ids, learners: [] });
      disk.append(logs[id] ?? []);
      disk.setHardState({ term, vote: '', commit: 0 });
      const raw = new RawNode({
        id,
        storage: disk,
        electionTicks: 10,
        heartbeatTicks: 1,
        random: () => prng.next(),
        preVote: options.preVote ?? false,
        checkQuorum: false,
        maxInflight: 4,
        maxMsgBytes: 1 << 20,
      });
      this.nodes.set(id, { raw, disk });
    }
  }

  raw(id: NodeId): RawNode {
    return this.nodes.get(id)!.raw;
  }

  /** Handles every Ready and delivers every message, until nothing moves (bounded). */
  settle(deliver: (m: Message) => boolean = () => true): void {
    for (let round = 0; round < 1000; round++) {
      let moved = false;
      for (const { raw, disk } of this.nodes.values()) {
        if (!raw.hasReady()) continue;
        moved = true;
        const rd = raw.ready();
        disk.append(rd.entries);
        if (rd.hardState) disk.setHardState(rd.hardState);
        this.inbox.push(...rd.messages);
        raw.advance(rd);
      }
      const now = this.inbox.splice(0);
      for (const m of now) {
        if (!deliver(m)) continue;
        moved = true;
        this.raw(m.to).step(m);
      }
      if (!moved) return;
    }
    throw new Error('the cluster did not settle');
  }

  terms(id: NodeId): number[] {
    const l = this.raw(id).raft.log;
    return l.slice(l.firstIndex(), l.lastIndex() + 1).map((e) => e.term);
  }
}

/** A simulated cluster of `nodes` whose leader has just been asked to hand leadership to another node. */
function handingOver(nodes: number): { sim: SimCluster; leader: NonNullable<ReturnType<SimCluster['leader']>>; target: NodeId } {
  const sim = new SimCluster(new Prng(24), { ...DEFAULT_SIM, nodes });
  for (let t = 0; t < 100 && sim.leader() === undefined; t++) sim.step();
  const leader = sim.leader()!;
  const target = sim.ids.find((id) => id !== leader.id)!;
  leader.raw.transferLeadership(target);
  return { sim, leader, target };
}

describe('Raft scenarios from the paper', () => {
  it('Figure 7: a new leader brings every follower log, short, divergent or too long, to its own', () => {
    const ids = ['leader', 'a', 'b', 'c', 'd', 'e', 'f'];
    const m = new Manual(
      ids,
      {
        leader: log([1, 1, 1, 4, 4, 5, 5, 6, 6, 6]),
        a: log([1, 1, 1, 4, 4, 5, 5, 6, 6]),
        b: log([1, 1, 1, 4]),
        c: log([1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6]),
        d: log([1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7]),
        e: log([1, 1, 1, 4, 4, 4, 4]),
        f: log([1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3]),
      },
      7,
    );
    m.raw('leader').campaign();
    m.settle();
    expect(m.raw('leader').raft.role).toBe('leader');
    expect(m.raw('leader').raft.term).toBe(8);
    const expected = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8];
    for (const id of ids) expect(m.terms(id), id).toEqual(expected);
    for (const id of ids) expect(m.raw(id).raft.log.committed, id).toBe(11);
  });

  it('Figure 8: an entry of an earlier term is not committed by counting replicas, only by a commit of the current term', () => {
    const ids = ['s1', 's2', 's3', 's4', 's5'];
    // s1 was leader of term 2 and got entry 2 to s2 only; s5 led term 3 and wrote its own entry 2.
    const m = new Manual(ids, { s1: log([1, 2]), s2: log([1, 2]), s3: log([1]), s4: log([1]), s5: log([1, 3]) }, 3);
    const s1 = m.raw('s1').raft;
    m.raw('s1').campaign();
    // Only the election happens; the appends that follow are answered by hand below.
    m.settle((msg) => msg.type === 'vote' || msg.type === 'voteResp');
    expect(s1.role).toBe('leader');
    expect(s1.term).toBe(4);
    expect(m.terms('s1')).toEqual([1, 2, 4]);
    const ack = (from: string, index: number) => s1.step(message({ type: 'appResp', from, to: 's1', term: 4, index }));
    // Entry 2 (term 2) is now on s1, s2 and s3, a majority, but must not count as committed...
    ack('s2', 2);
    ack('s3', 2);
    expect(s1.log.committed).toBeLessThan(2);
    // ...until an entry of term 4 is on a majority: then everything before it commits with it.
    ack('s2', 3);
    expect(s1.log.committed).toBeLessThan(2);
    ack('s3', 3);
    expect(s1.log.committed).toBe(3);
  });

  it('pre-vote: a node cut off for a long time does not disrupt the leader when it comes back', () => {
    const sim = new SimCluster(new Prng(11), { ...DEFAULT_SIM, nodes: 3 });
    for (let t = 0; t < 100 && sim.leader() === undefined; t++) sim.step();
    const leader = sim.leader()!;
    const term = leader.raw.raft.term;
    const loner = sim.ids.find((id) => id !== leader.id)!;
    sim.network.partition([loner], sim.ids.filter((id) => id !== loner));
    for (let t = 0; t < 200; t++) sim.step();
    expect(sim.nodes.get(loner)!.raw.raft.term).toBe(term);
    sim.network.heal();
    for (let t = 0; t < 100; t++) sim.step();
    expect(sim.leader()?.id).toBe(leader.id);
    expect(leader.raw.raft.term).toBe(term);
    expect(sim.violations).toEqual([]);
  });

  it('check-quorum: a leader that cannot hear from a quorum steps down, and the majority elects another', () => {
    const sim = new SimCluster(new Prng(12), { ...DEFAULT_SIM, nodes: 5 });
    for (let t = 0; t < 100 && sim.leader() === undefined; t++) sim.step();
    const old = sim.leader()!;
    sim.network.partition([old.id], sim.ids.filter((id) => id !== old.id));
    for (let t = 0; t < 3 * DEFAULT_SIM.electionTicks; t++) sim.step();
    expect(old.raw.raft.role).not.toBe('leader');
    const next = sim.leader();
    expect(next).toBeDefined();
    expect(next!.id).not.toBe(old.id);
    expect(sim.violations).toEqual([]);
  });

  it('a read through an isolated old leader never returns stale data', () => {
    const sim = new SimCluster(new Prng(13), { ...DEFAULT_SIM, nodes: 5 });
    for (let t = 0; t < 100 && sim.leader() === undefined; t++) sim.step();
    const old = sim.leader()!;
    const others = sim.ids.filter((id) => id !== old.id);
    sim.network.partition([old.id], others);
    // Ask the old leader for a read index at once, while it still believes it leads.
    old.raw.readIndex('stale-read');
    for (let t = 0; t < 60 && sim.leader() === old; t++) sim.step();
    for (let t = 0; t < 60 && (sim.leader() === undefined || sim.leader() === old); t++) sim.step();
    const next = sim.leader()!;
    expect(next.id).not.toBe(old.id);
    next.raw.propose(new TextEncoder().encode(JSON.stringify({ id: 'w1', input: { op: 'put', key: 'k', value: 'new' } })));
    for (let t = 0; t < 20; t++) sim.step();
    expect(next.kv.get('k')).toBe('new');
    // The old leader could not confirm with a quorum: no read state for the request, ever.
    for (let t = 0; t < 50; t++) sim.step();
    expect(old.readyReads.find((r) => r.context === 'stale-read')).toBeUndefined();
    sim.network.heal();
    for (let t = 0; t < 50; t++) sim.step();
    expect(old.readyReads.find((r) => r.context === 'stale-read')).toBeUndefined();
    expect(sim.violations).toEqual([]);
  });

  it('a node that was down while the log was compacted catches up from a snapshot', () => {
    const sim = new SimCluster(new Prng(21), { ...DEFAULT_SIM, nodes: 3, compactEvery: 10 });
    for (let t = 0; t < 100 && sim.leader() === undefined; t++) sim.step();
    const leader = sim.leader()!;
    const behind = sim.ids.find((id) => id !== leader.id)!;
    sim.crash(behind);
    for (let i = 0; i < 60; i++) {
      leader.raw.propose(new TextEncoder().encode(JSON.stringify({ id: `w${i}`, input: { op: 'append', key: 'k', value: `${i};` } })));
      sim.step();
    }
    for (let t = 0; t < 20; t++) sim.step();
    expect(leader.disk.firstIndex()).toBeGreaterThan(10);
    sim.restart(behind);
    for (let t = 0; t < 60; t++) sim.step();
    expect(sim.stats.snapshots).toBeGreaterThan(0);
    expect(sim.nodes.get(behind)!.kv.get('k')).toBe(leader.kv.get('k'));
    expect(sim.violations).toEqual([]);
  });

  it('membership: removes voters, adds a node back as a learner, then promotes it', () => {
    const sim = new SimCluster(new Prng(22), { ...DEFAULT_SIM, nodes: 5 });
    for (let t = 0; t < 100 && sim.leader() === undefined; t++) sim.step();
    const leader = sim.leader()!;
    const [x] = sim.ids.filter((id) => id !== leader.id);
    const change = (c: { type: 'addVoter' | 'addLearner' | 'remove'; node: string }) => {
      leader.raw.proposeConfChange(c);
      for (let t = 0; t < 10; t++) sim.step();
    };
    change({ type: 'remove', node: x! });
    expect(leader.raw.raft.conf().voters).not.toContain(x);
    // One change at a time: the next waits until this one is applied, then goes through.
    change({ type: 'addLearner', node: x! });
    expect(leader.raw.raft.conf().learners).toEqual([x]);
    leader.raw.propose(new TextEncoder().encode(JSON.stringify({ id: 'w', input: { op: 'put', key: 'k', value: 'v' } })));
    for (let t = 0; t < 10; t++) sim.step();
    expect(sim.nodes.get(x!)!.kv.get('k')).toBe('v');
    change({ type: 'addVoter', node: x! });
    expect(leader.raw.raft.conf()).toEqual({ voters: [...sim.ids].sort(), learners: [] });
    for (const node of sim.nodes.values()) expect(node.raw.raft.conf().voters).toHaveLength(5);
    expect(sim.violations).toEqual([]);
  });

  it('refuses a second membership change while the first is not applied', () => {
    const sim = new SimCluster(new Prng(23), { ...DEFAULT_SIM, nodes: 5 });
    for (let t = 0; t < 100 && sim.leader() === undefined; t++) sim.step();
    const leader = sim.leader()!;
    const [a, b] = sim.ids.filter((id) => id !== leader.id);
    leader.raw.proposeConfChange({ type: 'remove', node: a! });
    expect(() => leader.raw.proposeConfChange({ type: 'remove', node: b! })).toThrow(/another membership change is in progress/);
  });

  it('leadership transfer: the chosen node leads within an election timeout', () => {
    const { sim, target } = handingOver(5);
    for (let t = 0; t < DEFAULT_SIM.electionTicks && sim.leader()?.id !== target; t++) sim.step();
    expect(sim.leader()?.id).toBe(target);
    expect(sim.violations).toEqual([]);
  });

  it('a proposal that comes back to the node it started from, now a leader handing over, is dropped, not thrown (seed 79698)', () => {
    const { leader } = handingOver(3);
    const last = leader.raw.raft.log.lastIndex();
    // What another node forwards: the proposal as its proposer (this node, when it followed) first sent it.
    const boomerang = message({ type: 'prop', from: leader.id, to: leader.id, term: leader.raw.raft.term, entries: [{ term: 0, index: 0, type: 'normal', data: new Uint8Array([1]) }] });
    expect(() => leader.raw.step(boomerang)).not.toThrow();
    expect(leader.raw.raft.log.lastIndex()).toBe(last);
    // Its own proposal still hears why it was refused.
    expect(() => leader.raw.propose(new Uint8Array([2]))).toThrow(/leadership is moving to/);
  });
});
