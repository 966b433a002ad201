import type { AuditContext } from '../state/audit.js';
import type { Command } from '../state/commands.js';
import type { StateEvent } from '../state/events.js';
import type { ResultOf } from '../state/fsm.js';
import type { KvReader } from '../storage/kv.js';

/**
 * What the rest of the coordinator sees of replication (implemented by RaftLog on the Raft core), so the services
 * above never know how many nodes there are.
 */
export interface ClusterView {
  term: number;
  leader: string;
  commitIndex: number;
  /**
   * `healthKnown` is false where the node cannot tell: a follower hears from the leader alone, so it knows nothing
   * of the other followers (their `lastContactMs` is then -1 and `healthy` false).
   */
  members: { id: string; address: string; voter: boolean; matchIndex: number; lastContactMs: number; healthy: boolean; healthKnown: boolean }[];
}

/**
 * A membership change as an operator asks for it, with its audit entry: that is written when the change is applied,
 * by the same log entry, so a change is never done without its record (nor recorded without being done).
 */
export type MembershipChange = ({ type: 'add'; node: string; address: string } | { type: 'remove'; node: string }) & { audit?: AuditContext };

export interface ReplicatedLog {
  /** Appends the command, waits until it is committed and applied, and returns what the FSM answered. */
  propose<C extends Command>(cmd: C): Promise<ResultOf[C['type']]>;
  /**
   * Runs `fn` against the applied state. Linearizable by default: it sees every write acknowledged before the call.
   * `stale` reads this node's state as it is.
   */
  read<T>(fn: (state: KvReader) => Promise<T>, options?: { stale?: boolean }): Promise<T>;
  isLeader(): boolean;
  leaderId(): string | undefined;
  appliedIndex(): number;
  /** The cluster as this node sees it. */
  clusterStatus(): ClusterView;
  /** Every member's address, as of the last applied membership change. */
  addresses(): Record<string, string>;
  /**
   * Leader only: adds a member (a learner until it catches up) or removes one; resolves once applied. A leader asked
   * to remove itself hands leadership to another voter instead, and resolves 'handed-over': the caller then asks
   * the new leader, so the cluster is never without a leader for an election's time, nor is the answer given by a
   * node that has left.
   */
  changeMembership(change: MembershipChange): Promise<'applied' | 'handed-over'>;
  /** Leader only: hands leadership to the voter `to`; resolves once it leads. */
  transferLeadership(to: string): Promise<void>;
  /** Called after each batch of applied commands is durable, with what it changed, in log order. */
  onApplied(listener: (events: StateEvent[]) => void): () => void;
  /** Called when this node becomes leader (true) or stops being leader (false). */
  onLeadership(listener: (leader: boolean) => void): () => void;
  close(): Promise<void>;
}
