import { AlreadyExistsError, FailedPreconditionError, NotFoundError, UnavailableError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { RaftNode } from '../raft/node.js';
import type { Progress } from '../raft/progress.js';
import { ProposalDroppedError } from '../raft/raft.js';
import type { ConfChange, NodeId } from '../raft/types.js';
import type { AuditContext } from '../state/audit.js';
import type { KvOp } from '../storage/kv.js';
import type { RaftStore } from '../storage/raft-store.js';
import type { MembershipChange } from './log.js';
import type { Proposals } from './proposals.js';
import type { RaftTransport } from './raft-transport.js';

/**
 * What a conf entry's context holds: the member's address, who proposed the change (to answer them), and the audit
 * entry that every node writes when it applies the change.
 */
interface ConfContext {
  address?: string;
  id?: string;
  audit?: AuditContext;
}

/** A learner this close to the leader's last entry is caught up enough to vote. */
const PROMOTE_WITHIN = 64;

/**
 * Whether a learner may become a voter: it has acknowledged appends (its progress left the probe state, which a member
 * that never answered stays in) and holds the log to within PROMOTE_WITHIN entries of the leader's last. Being heard
 * from lately is not enough alone: the leader counts a member it has just added as heard from, so that adding one does
 * not make it doubt its quorum, and a learner that was added but never started must not become a voter.
 */
export function caughtUp(pr: Pick<Progress, 'state' | 'match' | 'recentActive'>, lastIndex: number): boolean {
  return pr.state === 'replicate' && pr.match > 0 && pr.recentActive && pr.match + PROMOTE_WITHIN >= lastIndex;
}

/**
 * Who is in the cluster: operators' changes (checked, then proposed as conf entries), their effect when applied
 * (the core's voters and learners, the members' addresses, the transport's peers), and the promotion of learners
 * that have caught up.
 */
export class MembershipControl {
  constructor(
    private readonly deps: {
      nodeId: NodeId;
      node: RaftNode;
      raftStore: RaftStore;
      proposals: Proposals;
      transport: RaftTransport | undefined;
      logger: Logger;
      isLeader(): boolean;
      leader(): NodeId;
      /** Whether the leader has heard from this member lately. */
      healthy(id: NodeId): boolean;
      onRemoved?: (() => void) | undefined;
    },
  ) {}

  /**
   * Adds a member (as a learner: the leader makes it a voter once it has caught up, so a new node never weakens the
   * quorum while it is still copying the log) or removes one. Leader only; resolves when the change is applied.
   */
  async change(change: MembershipChange): Promise<void> {
    this.check(change);
    if (change.type === 'add') await this.propose({ type: 'addLearner', node: change.node }, { address: change.address, audit: change.audit });
    else await this.propose({ type: 'remove', node: change.node }, { audit: change.audit });
  }

  /** Throws what would make the leader refuse the change. */
  check(change: MembershipChange): void {
    this.requireLeader();
    const members = this.deps.raftStore.members();
    const isMember = members.voters.includes(change.node) || members.learners.includes(change.node);
    if (change.type === 'add') {
      if (isMember) throw new AlreadyExistsError(`${change.node} is already a member of the cluster`, { field: 'id' });
      const holder = Object.entries(members.addresses).find(([, address]) => address === change.address);
      if (holder !== undefined) throw new AlreadyExistsError(`${holder[0]} already has the address ${change.address}`, { field: 'address' });
      return;
    }
    if (!isMember) throw new NotFoundError(`${change.node} is not a member of the cluster`, { field: 'id' });
    if (members.voters.length === 1 && members.voters[0] === change.node) {
      throw new FailedPreconditionError(`${change.node} is the cluster's last voter; it cannot be removed`, { field: 'id' });
    }
    if (members.voters.includes(change.node)) this.requireQuorumWithout(change.node, members.voters);
  }

  /** Moves leadership to `to` (a voter) and resolves when it has it; leader only. */
  async transferLeadership(to: NodeId, timeoutMs = 5_000): Promise<void> {
    this.requireLeader();
    const raft = this.deps.node.raw.raft;
    if (to === raft.id) return;
    if (raft.learners.includes(to)) {
      throw new FailedPreconditionError(`${to} is a learner: it becomes a voter, and can lead, once it has caught up with the log (parallax cluster status)`, { field: 'id' });
    }
    if (!raft.voters.includes(to)) throw new NotFoundError(`${to} is not a voter of the cluster`, { field: 'id' });
    if (!this.deps.healthy(to)) {
      throw new FailedPreconditionError(`${to} is down (not heard from lately): it cannot take over; pick a healthy voter (parallax cluster status)`, { field: 'id' });
    }
    this.deps.node.transferLeadership(to);
    const deadline = Date.now() + timeoutMs;
    while (this.deps.leader() !== to && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (this.deps.leader() !== to) {
      throw new UnavailableError(`${to} did not take over within ${timeoutMs / 1000} s; is it healthy? (parallax cluster status)`);
    }
  }

  /**
   * A committed conf entry takes effect on this node; returns the writes that record it (made with the FSM batch),
   * and the id of the proposal it answers, if it was proposed here.
   */
  apply(change: ConfChange): { ops: KvOp[]; proposal: string | undefined; audit: AuditContext | undefined } {
    const { raftStore, transport, nodeId } = this.deps;
    const conf = this.deps.node.applyConfChange(change);
    const { address, id, audit } = parseContext(change.context);
    const removed = change.type === 'remove' ? change.node : undefined;
    const addresses = Object.fromEntries(Object.entries(raftStore.members().addresses).filter(([member]) => member !== removed));
    if (removed === undefined && address !== undefined) addresses[change.node] = address;
    transport?.setPeers(addresses);
    this.deps.logger.info('membership changed', { change: change.type, node: change.node, voters: conf.voters.join(','), learners: conf.learners.join(',') });
    if (removed === nodeId) queueMicrotask(() => this.deps.onRemoved?.());
    return { ops: raftStore.membershipOps({ ...conf, addresses }), proposal: id, audit };
  }

  /** Leader: a learner that has caught up with the log becomes a voter. Called on a timer. */
  promoteCaughtUpLearners(): void {
    const raft = this.deps.node.raw.raft;
    if (!this.deps.isLeader() || raft.learners.length === 0) return;
    for (const id of raft.learners) {
      const pr = raft.progress.get(id);
      if (pr === undefined || !caughtUp(pr, raft.log.lastIndex())) continue;
      this.propose({ type: 'addVoter', node: id }).then(
        () => this.deps.logger.info('a learner caught up and became a voter', { node: id }),
        () => undefined, // another change was in progress, or leadership moved: the next check tries again
      );
      return;
    }
  }

  /**
   * Refuses to remove a voter when the voters left, as far as the leader can tell, could not elect a leader: the
   * cluster would stop taking writes until a member it lost came back (etcd's strict reconfiguration check).
   */
  private requireQuorumWithout(node: NodeId, voters: NodeId[]): void {
    const left = voters.filter((id) => id !== node);
    const up = left.filter((id) => this.deps.healthy(id));
    const needed = Math.floor(left.length / 2) + 1;
    if (up.length >= needed) return;
    const down = left.filter((id) => !up.includes(id));
    throw new FailedPreconditionError(
      `removing ${node} would leave ${left.length} voters of which ${up.length} (${up.join(', ') || 'none'}) are up, and a leader needs ${needed}: ` +
        `bring ${down.join(', ')} back first, or remove ${down.length === 1 ? 'it' : 'them'} instead (parallax cluster status shows who is healthy)`,
      { field: 'id' },
    );
  }

  private requireLeader(): void {
    if (!this.deps.isLeader()) throw new UnavailableError('this node is not the leader; ask the leader (parallax cluster status shows it)');
  }

  private async propose(change: ConfChange, extra: Omit<ConfContext, 'id'> = {}): Promise<void> {
    const { proposals, node } = this.deps;
    const id = proposals.nextId();
    const context: ConfContext = { ...extra, id };
    await proposals.track(id, this.deps.leader(), 'the cluster did not commit the membership change in time; see parallax cluster status', () => {
      try {
        node.proposeConfChange({ ...change, context: JSON.stringify(context) });
      } catch (err) {
        throw err instanceof ProposalDroppedError ? new FailedPreconditionError(`the cluster cannot take the change now: ${err.message}`) : err;
      }
    });
  }
}

function parseContext(context: string | undefined): ConfContext {
  if (context === undefined || context === '') return {};
  try {
    return JSON.parse(context) as ConfContext;
  } catch {
    return {};
  }
}
