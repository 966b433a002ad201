import { Raft, type RaftConfig } from './raft.js';
import type { ConfChange, ConfState, Entry, HardState, Message, NodeId, ReadState, Snapshot, SoftState } from './types.js';

/**
 * What the driver must do, in this order: install `snapshot`, persist `entries` and `hardState` (one synced
 * write), send `messages`, apply `committedEntries` to the FSM, hand out `readStates` once their index is applied,
 * then call advance(). One exception: a leader's replication messages (isLeaderReplication) may be sent before
 * the write (Raft thesis §10.2.1), so followers write while the leader does. That is safe as long as Readies are
 * handled one at a time: a commit index the leader sends counts acknowledgements of entries sent in earlier
 * Readies, which it had written before those Readies ended; and it applies nothing before its own write.
 */
export interface Ready {
  /** Install first: replaces the log up to its index and the FSM's state. */
  snapshot: Snapshot | undefined;
  softState: SoftState | undefined;
  hardState: HardState | undefined;
  entries: Entry[];
  messages: Message[];
  committedEntries: Entry[];
  readStates: ReadState[];
}

const MAX_APPLY_BYTES = 8 * 1024 * 1024;

/** The core's interface for a driver (etcd's RawNode): inputs in, one Ready out at a time. */
export class RawNode {
  readonly raft: Raft;
  private prevHardState: HardState;
  private prevSoftState: SoftState;
  /** How many of the core's messages the Ready being handled holds (they lead `msgs` until `advance`). */
  private handedOut = 0;

  constructor(config: RaftConfig) {
    this.raft = new Raft(config);
    this.prevHardState = this.raft.hardState();
    this.prevSoftState = { lead: this.raft.lead, role: this.raft.role };
  }

  tick(): void {
    this.raft.tick();
  }

  step(m: Message): void {
    // Local message types never come from the network.
    if (m.type === 'hup' || m.type === 'beat' || m.type === 'checkQuorum') return;
    this.raft.step(m);
  }

  propose(data: Uint8Array): void {
    this.raft.propose([{ type: 'normal', data }]);
  }

  /** Several proposals as one: one append on the leader, one message to each follower. */
  proposeBatch(data: Uint8Array[]): void {
    this.raft.propose(data.map((d) => ({ type: 'normal', data: d })));
  }

  /** Proposes a membership change; it takes effect when its entry is applied (applyConfChange). */
  proposeConfChange(change: ConfChange): void {
    this.raft.propose([{ type: 'conf', data: encodeConfChange(change) }]);
  }

  /** The driver applies a committed 'conf' entry: the core's membership changes, and the new one is returned. */
  applyConfChange(change: ConfChange): ConfState {
    return this.raft.applyConfChange(change);
  }

  readIndex(context: string): void {
    this.raft.readIndex(context);
  }

  reportSnapshot(to: NodeId): void {
    this.raft.reportSnapshot(to);
  }

  transferLeadership(to: NodeId): void {
    this.raft.transferLeadership(to);
  }

  campaign(): void {
    this.raft.step({ type: 'hup', from: this.raft.id, to: this.raft.id, term: 0, logTerm: 0, index: 0, entries: [], commit: 0, reject: false, rejectHint: 0, context: '' });
  }

  hasReady(): boolean {
    const r = this.raft;
    return (
      r.log.pendingSnapshot !== undefined ||
      r.msgs.length > 0 ||
      r.readStates.length > 0 ||
      r.log.unstableEntries().length > 0 ||
      r.log.committed > r.log.applied ||
      !sameHardState(r.hardState(), this.prevHardState) ||
      r.lead !== this.prevSoftState.lead ||
      r.role !== this.prevSoftState.role
    );
  }

  ready(): Ready {
    const r = this.raft;
    const hardState = r.hardState();
    const softState = { lead: r.lead, role: r.role };
    // A copy: what is stepped while the driver persists goes into the next Ready, never into this one's sends.
    const messages = [...r.msgs];
    this.handedOut = messages.length;
    return {
      snapshot: r.log.pendingSnapshot,
      softState: softState.lead !== this.prevSoftState.lead || softState.role !== this.prevSoftState.role ? softState : undefined,
      hardState: sameHardState(hardState, this.prevHardState) ? undefined : hardState,
      entries: [...r.log.unstableEntries()],
      messages,
      committedEntries: r.log.nextCommitted(MAX_APPLY_BYTES),
      readStates: [...r.readStates],
    };
  }

  /**
   * Answers to heartbeats stepped since the last Ready, taken out to be sent now rather than after the Ready being
   * handled: they depend on nothing a Ready writes (etcd sends them without waiting for its storage too), so a
   * follower busy with a long write or a snapshot's install keeps answering its leader, whose check-quorum and
   * ReadIndex rounds go on. Only while the term they carry is the one on disk (`durableTerm`).
   */
  takeHeartbeatResponses(durableTerm: number): Message[] {
    const r = this.raft;
    if (r.term !== durableTerm) return [];
    const taken: Message[] = [];
    const kept = r.msgs.slice(0, this.handedOut);
    for (const m of r.msgs.slice(this.handedOut)) (m.type === 'heartbeatResp' ? taken : kept).push(m);
    if (taken.length > 0) r.msgs = kept;
    return taken;
  }

  /** The driver has done everything `rd` asked. */
  advance(rd: Ready): void {
    const r = this.raft;
    if (rd.softState) this.prevSoftState = rd.softState;
    if (rd.hardState) this.prevHardState = rd.hardState;
    if (rd.snapshot) r.log.snapshotInstalled(rd.snapshot.index);
    const lastEntry = rd.entries.at(-1);
    if (lastEntry) r.log.stableTo(lastEntry.index, lastEntry.term);
    const lastApplied = rd.committedEntries.at(-1);
    if (lastApplied) r.log.appliedTo(lastApplied.index);
    r.msgs = r.msgs.slice(rd.messages.length);
    this.handedOut = 0;
    r.readStates = r.readStates.slice(rd.readStates.length);
  }
}

function sameHardState(a: HardState, b: HardState): boolean {
  return a.term === b.term && a.vote === b.vote && a.commit === b.commit;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeConfChange(change: ConfChange): Uint8Array {
  return encoder.encode(JSON.stringify(change));
}

export function decodeConfChange(data: Uint8Array): ConfChange {
  return JSON.parse(decoder.decode(data)) as ConfChange;
}

/** Messages only a leader sends, that depend on nothing it has not persisted: sendable before the Ready's write. */
export function isLeaderReplication(m: Message): boolean {
  return m.type === 'app' || m.type === 'heartbeat' || m.type === 'snap';
}
