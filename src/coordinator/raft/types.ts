/** The vocabulary of the consensus core. Nothing here does I/O; the driver (node.ts) moves these values around. */

export type NodeId = string;

export interface Entry {
  term: number;
  index: number;
  /** 'normal': a command for the FSM (empty for the no-op a new leader appends); 'conf': a membership change. */
  type: 'normal' | 'conf';
  data: Uint8Array;
}

/** What must be on disk before any message that depends on it leaves the node. */
export interface HardState {
  term: number;
  vote: NodeId;
  commit: number;
}

export const EMPTY_HARD_STATE: HardState = { term: 0, vote: '', commit: 0 };

/** Who is in the cluster: voters elect and count toward commits; learners only receive the log. */
export interface ConfState {
  voters: NodeId[];
  learners: NodeId[];
}

/**
 * One membership change at a time (Raft thesis §4.1): a change takes effect on a node when the node applies its
 * entry, and the leader refuses another until the last one is applied. A learner is promoted with addVoter.
 */
export interface ConfChange {
  type: 'addVoter' | 'addLearner' | 'remove';
  node: NodeId;
  /** Opaque to the core: the driver keeps what it needs to reach the member here (its address). */
  context?: string;
}

/** The FSM's state as of entry `index` (of `term`), with the membership at that point: replaces the log up to it. */
export interface Snapshot {
  index: number;
  term: number;
  conf: ConfState;
  data: Uint8Array;
}

export type MessageType =
  // local: never sent over the network
  | 'hup' // start an election
  | 'beat' // leader: send heartbeats
  | 'checkQuorum' // leader: step down unless a quorum was heard from lately
  | 'prop' // a proposal (followers forward it to the leader)
  | 'transferLeader'
  // between nodes
  | 'app'
  | 'appResp'
  | 'vote'
  | 'voteResp'
  | 'preVote'
  | 'preVoteResp'
  | 'heartbeat'
  | 'heartbeatResp'
  | 'readIndex'
  | 'readIndexResp'
  | 'timeoutNow'
  | 'snap';

export interface Message {
  type: MessageType;
  from: NodeId;
  to: NodeId;
  /** 0 for local messages. */
  term: number;
  /** app: term of the entry before `entries`; vote: term of the candidate's last entry; appResp reject: hint. */
  logTerm: number;
  /** app: index of the entry before `entries`; vote: candidate's last index; appResp: last matching index. */
  index: number;
  entries: Entry[];
  commit: number;
  reject: boolean;
  rejectHint: number;
  /** readIndex request id carried on heartbeats; 'transfer' on votes forced by a leadership transfer. */
  context: string;
  /** snap: the snapshot to install (the transport streams its data in chunks). */
  snapshot?: Snapshot;
}

export type Role = 'follower' | 'preCandidate' | 'candidate' | 'leader';

export interface SoftState {
  lead: NodeId;
  role: Role;
}

/** A read that may be served once the state machine has applied `index`. */
export interface ReadState {
  index: number;
  context: string;
}

export function message(fields: Partial<Message> & Pick<Message, 'type' | 'from' | 'to'>): Message {
  return { term: 0, logTerm: 0, index: 0, entries: [], commit: 0, reject: false, rejectHint: 0, context: '', ...fields };
}

/** A PRNG the core is given (seeded in tests and the simulator): a float in [0, 1). */
export type Random = () => number;

/** Thrown by storage when asked for entries it no longer holds (compacted) or does not hold yet. */
export class LogCompactedError extends Error {
  constructor(index: number) {
    super(`log entry ${index} is compacted`);
  }
}
