import { RaftLog } from './log.js';
import { Progress } from './progress.js';
import { copyConf, entrySize, type RaftStorage } from './storage.js';
import {
  type ConfChange,
  type ConfState,
  type Entry,
  type HardState,
  type Message,
  message,
  type NodeId,
  type Random,
  type ReadState,
  type Role,
} from './types.js';

export interface RaftConfig {
  id: NodeId;
  storage: RaftStorage;
  /** Ticks without hearing from a leader before a follower campaigns (randomized in [n, 2n)). */
  electionTicks: number;
  /** Ticks between a leader's heartbeats. */
  heartbeatTicks: number;
  random: Random;
  /** Ask for votes only after a pre-vote round shows the election could be won (a rejoining node does not disrupt). */
  preVote: boolean;
  /** A leader that has not heard from a quorum for an election timeout steps down. */
  checkQuorum: boolean;
  maxInflight: number;
  /** At most this many bytes of entries in flight to one follower (entrySize); unbounded when absent. */
  maxInflightBytes?: number;
  maxMsgBytes: number;
  /**
   * Followers learn that entries committed from the leader's next append or heartbeat, not from appends of their own
   * sent the moment the commit index moves. Each write then costs every follower one message, one Ready and one
   * answer less; a follower applies it at most a heartbeat later. What the leader answers, and linearizable reads
   * anywhere (a ReadIndex carries the commit index with its heartbeats), are as before. A membership change is
   * told at once: a member it removes hears nothing from the leader once the leader has applied it.
   */
  lazyCommit?: boolean;
  /** Entries already applied by the FSM (the driver knows it from the store). */
  applied?: number;
}

export class ProposalDroppedError extends Error {
  constructor(reason: string) {
    super(`proposal dropped: ${reason}`);
  }
}

const TRANSFER = 'transfer';

interface PendingRead {
  index: number;
  from: NodeId;
  context: string;
  acks: Set<NodeId>;
}

/**
 * The consensus core, after etcd-io/raft: a deterministic state machine. Inputs are tick() and step(message);
 * outputs accumulate in `msgs`, `readStates` and the log, and the RawNode hands them to the driver as a Ready.
 * Each message type is handled in one place per role (stepLeader, stepCandidate, stepFollower).
 */
export class Raft {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = '';
  role: Role = 'follower';
  lead: NodeId = '';
  readonly log: RaftLog;
  readonly progress = new Map<NodeId, Progress>();
  voters: NodeId[];
  learners: NodeId[];
  msgs: Message[] = [];
  readStates: ReadState[] = [];
  leadTransferee: NodeId = '';

  private votes = new Map<NodeId, boolean>();
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedElectionTicks = 0;
  private readonly pendingReads: PendingRead[] = [];
  /** Read requests that arrived before this leader committed an entry of its term. */
  private readonly readsAwaitingCommit: Message[] = [];
  /** The index of the last membership change this leader appended: no other until it is applied. */
  private pendingConfIndex = 0;

  constructor(private readonly config: RaftConfig) {
    if (config.heartbeatTicks <= 0 || config.electionTicks <= config.heartbeatTicks) {
      throw new Error('election ticks must be greater than heartbeat ticks, and both positive');
    }
    this.id = config.id;
    this.log = new RaftLog(config.storage, config.maxMsgBytes);
    const { hardState, conf } = config.storage.initialState();
    this.voters = [...conf.voters].sort();
    this.learners = [...conf.learners].sort();
    this.term = hardState.term;
    this.vote = hardState.vote;
    // What the FSM applied was committed, even when the commit index on disk is older (drivers need not sync a
    // Ready that only moves the commit index).
    const applied = Math.min(config.applied ?? 0, this.log.lastIndex());
    this.log.commitTo(Math.max(hardState.commit, applied));
    if (applied > 0) this.log.appliedTo(applied);
    this.becomeFollower(this.term, '');
  }

  hardState(): HardState {
    return { term: this.term, vote: this.vote, commit: this.log.committed };
  }

  private quorum(): number {
    return Math.floor(this.voters.length / 2) + 1;
  }

  private promotable(): boolean {
    return this.voters.includes(this.id);
  }

  /** Everyone the leader replicates to: voters and learners. */
  private members(): NodeId[] {
    return [...this.voters, ...this.learners];
  }

  conf(): ConfState {
    return copyConf({ voters: this.voters, learners: this.learners });
  }

  // ---- roles ----

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = '';
    }
    this.lead = '';
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    this.randomizedElectionTicks = this.config.electionTicks + Math.floor(this.config.random() * this.config.electionTicks);
    this.votes.clear();
    this.leadTransferee = '';
    this.pendingReads.length = 0;
    this.readsAwaitingCommit.length = 0;
    this.progress.clear();
    this.pendingConfIndex = 0;
    for (const id of this.members()) {
      const pr = new Progress(this.log.lastIndex() + 1, this.config.maxInflight, this.config.maxInflightBytes);
      if (id === this.id) pr.match = this.log.lastIndex();
      this.progress.set(id, pr);
    }
  }

  becomeFollower(term: number, lead: NodeId): void {
    this.reset(term);
    this.role = 'follower';
    this.lead = lead;
  }

  private becomePreCandidate(): void {
    if (this.role === 'leader') throw new Error('a leader cannot become a pre-candidate');
    // The term does not change: a pre-vote only asks whether an election at term+1 could be won.
    this.votes.clear();
    this.role = 'preCandidate';
    this.lead = '';
  }

  private becomeCandidate(): void {
    if (this.role === 'leader') throw new Error('a leader cannot become a candidate');
    this.reset(this.term + 1);
    this.vote = this.id;
    this.role = 'candidate';
  }

  private becomeLeader(): void {
    if (this.role === 'follower') throw new Error('a follower cannot become leader without an election');
    this.reset(this.term);
    this.role = 'leader';
    this.lead = this.id;
    // A membership change may be in the log, unapplied: wait for it before allowing another.
    this.pendingConfIndex = this.log.lastIndex();
    // An entry of the new term: once it commits, so does everything before it (Figure 8), and reads may be served.
    this.appendEntries([{ term: 0, index: 0, type: 'normal', data: new Uint8Array() }]);
  }

  // ---- time ----

  tick(): void {
    if (this.role === 'leader') {
      this.heartbeatElapsed++;
      this.electionElapsed++;
      if (this.electionElapsed >= this.config.electionTicks) {
        this.electionElapsed = 0;
        if (this.config.checkQuorum) this.step(message({ type: 'checkQuorum', from: this.id, to: this.id }));
        // A transfer that did not finish within an election timeout is abandoned.
        if (this.role === 'leader') this.leadTransferee = '';
      }
      if (this.role === 'leader' && this.heartbeatElapsed >= this.config.heartbeatTicks) {
        this.heartbeatElapsed = 0;
        this.step(message({ type: 'beat', from: this.id, to: this.id }));
      }
      return;
    }
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTicks) {
      this.electionElapsed = 0;
      this.step(message({ type: 'hup', from: this.id, to: this.id }));
    }
  }

  // ---- the one entry point for messages ----

  /**
   * Steps a message from another node, or one of this node's timers. A proposal or read it cannot take is dropped
   * quietly: its proposer times out and retries. That holds whoever sent it first, as a proposal can come back to the
   * node it started from (forwarded to a leader that stepped down and forwards it on to the new one). This node's
   * own proposals and reads come in through propose and readIndex, which throw ProposalDroppedError instead.
   */
  step(m: Message): void {
    try {
      this.stepMessage(m);
    } catch (err) {
      if (err instanceof ProposalDroppedError) return;
      throw err;
    }
  }

  private stepMessage(m: Message): void {
    if (m.term > this.term) {
      if (m.type === 'vote' || m.type === 'preVote') {
        const force = m.context === TRANSFER;
        const inLease = this.config.checkQuorum && this.lead !== '' && this.electionElapsed < this.config.electionTicks;
        // A node that heard from a leader within the election timeout ignores a vote request (a partitioned node
        // coming back with a higher term does not depose a healthy leader), unless the leader itself asked.
        if (!force && inLease) return;
      }
      if (m.type === 'preVote' || (m.type === 'preVoteResp' && !m.reject)) {
        // Pre-votes do not change the term: only a real election does.
      } else if (m.type === 'app' || m.type === 'heartbeat') {
        this.becomeFollower(m.term, m.from);
      } else {
        this.becomeFollower(m.term, '');
      }
    } else if (m.term !== 0 && m.term < this.term) {
      if ((this.config.checkQuorum || this.config.preVote) && (m.type === 'heartbeat' || m.type === 'app')) {
        // A leader cut off from us for a while: tell it our term so it steps down (otherwise, with pre-vote or
        // check-quorum, we would never campaign against it and it would never learn).
        this.send(message({ type: 'appResp', from: this.id, to: m.from }));
      } else if (m.type === 'preVote') {
        this.send(message({ type: 'preVoteResp', from: this.id, to: m.from, term: this.term, reject: true }));
      }
      return;
    }

    switch (m.type) {
      case 'hup':
        // Only a voter stands for election: a learner (or a node removed from the cluster) never leads.
        if (this.role !== 'leader' && this.promotable()) this.campaign(this.config.preVote ? 'preElection' : 'election', false);
        return;
      case 'vote':
      case 'preVote': {
        const canVote =
          this.vote === m.from ||
          (this.vote === '' && this.lead === '') ||
          (m.type === 'preVote' && m.term > this.term);
        const respType = m.type === 'vote' ? 'voteResp' : 'preVoteResp';
        if (canVote && this.log.isUpToDate(m.index, m.logTerm)) {
          // A pre-vote answer carries the term asked about, so the candidate counts it for that term.
          this.send(message({ type: respType, from: this.id, to: m.from, term: m.term }));
          if (m.type === 'vote') {
            this.electionElapsed = 0;
            this.vote = m.from;
          }
        } else {
          this.send(message({ type: respType, from: this.id, to: m.from, term: this.term, reject: true }));
        }
        return;
      }
    }
    switch (this.role) {
      case 'leader':
        return this.stepLeader(m);
      case 'candidate':
      case 'preCandidate':
        return this.stepCandidate(m);
      case 'follower':
        return this.stepFollower(m);
    }
  }

  /** Proposes entries; throws ProposalDroppedError when this node cannot take them now. */
  propose(entries: Pick<Entry, 'type' | 'data'>[]): void {
    this.stepMessage(
      message({
        type: 'prop',
        from: this.id,
        to: this.id,
        entries: entries.map((e) => ({ term: 0, index: 0, type: e.type, data: e.data })),
      }),
    );
  }

  // ---- elections ----

  private campaign(kind: 'preElection' | 'election', transfer: boolean): void {
    let term: number;
    let type: 'vote' | 'preVote';
    if (kind === 'preElection') {
      this.becomePreCandidate();
      type = 'preVote';
      term = this.term + 1;
    } else {
      this.becomeCandidate();
      type = 'vote';
      term = this.term;
    }
    if (this.poll(this.id, true) === 'won') {
      // A single voter wins at once.
      if (kind === 'preElection') this.campaign('election', transfer);
      else this.becomeLeader();
      return;
    }
    for (const id of this.voters) {
      if (id === this.id) continue;
      this.send(
        message({
          type,
          from: this.id,
          to: id,
          term,
          index: this.log.lastIndex(),
          logTerm: this.log.lastTerm(),
          context: transfer ? TRANSFER : '',
        }),
      );
    }
  }

  private poll(id: NodeId, granted: boolean): 'won' | 'lost' | 'pending' {
    if (!this.votes.has(id)) this.votes.set(id, granted);
    let yes = 0;
    let no = 0;
    for (const voter of this.voters) {
      const vote = this.votes.get(voter);
      if (vote === true) yes++;
      else if (vote === false) no++;
    }
    if (yes >= this.quorum()) return 'won';
    if (no >= this.quorum()) return 'lost';
    return 'pending';
  }

  // ---- per role ----

  private stepLeader(m: Message): void {
    switch (m.type) {
      case 'beat':
        this.bcastHeartbeat('');
        return;
      case 'checkQuorum':
        if (!this.quorumActive()) this.becomeFollower(this.term, '');
        for (const [id, pr] of this.progress) if (id !== this.id) pr.recentActive = false;
        return;
      case 'prop': {
        if (this.leadTransferee !== '') throw new ProposalDroppedError(`leadership is moving to ${this.leadTransferee}`);
        if (!this.voters.includes(this.id)) throw new ProposalDroppedError('this node is no longer a voter');
        const conf = m.entries.findIndex((e) => e.type === 'conf');
        if (conf >= 0) {
          if (this.pendingConfIndex > this.log.applied) {
            throw new ProposalDroppedError('another membership change is in progress; try again when it is applied');
          }
          this.pendingConfIndex = this.log.lastIndex() + conf + 1;
        }
        this.appendEntries(m.entries);
        this.bcastAppend();
        return;
      }
      case 'readIndex':
        this.handleReadIndex(m);
        return;
      case 'transferLeader':
        this.handleTransferLeader(m.from);
        return;
    }

    const pr = this.progress.get(m.from);
    if (pr === undefined) return;
    switch (m.type) {
      case 'appResp': {
        pr.recentActive = true;
        if (m.reject) {
          if (pr.maybeDecrTo(m.index, m.rejectHint)) {
            if (pr.state === 'replicate') pr.becomeProbe();
            this.sendAppend(m.from);
          }
          return;
        }
        const wasPaused = pr.isPaused();
        const committedBefore = this.log.committed;
        if (pr.maybeUpdate(m.index)) {
          if (pr.state === 'probe') {
            pr.becomeReplicate();
          } else if (pr.state === 'snapshot' && pr.match + 1 >= this.log.firstIndex()) {
            // The follower installed the snapshot (or caught up otherwise): replicate from there.
            pr.becomeProbe();
            pr.becomeReplicate();
          } else if (pr.state === 'replicate') {
            pr.inflights.freeLE(m.index);
          }
          if (this.maybeCommit() && (this.config.lazyCommit !== true || this.pendingConfIndex > committedBefore)) {
            this.bcastAppend();
          } else if (wasPaused) {
            this.sendAppend(m.from);
          }
          // Keep the pipe full while the window allows.
          while (this.maybeSendAppend(m.from, false)) {
            /* sent one more */
          }
          if (m.from === this.leadTransferee && pr.match === this.log.lastIndex()) {
            this.send(message({ type: 'timeoutNow', from: this.id, to: m.from }));
          }
        }
        return;
      }
      case 'heartbeatResp': {
        pr.recentActive = true;
        pr.probeSent = false;
        if (pr.state === 'replicate' && pr.inflights.full) pr.inflights.freeFirstOne();
        if (pr.match < this.log.lastIndex()) this.sendAppend(m.from);
        if (m.context !== '') this.ackRead(m.context, m.from);
        return;
      }
    }
  }

  private stepCandidate(m: Message): void {
    const myVoteResp = this.role === 'preCandidate' ? 'preVoteResp' : 'voteResp';
    switch (m.type) {
      case 'prop':
        throw new ProposalDroppedError('no leader');
      case 'app':
        this.becomeFollower(m.term, m.from);
        this.handleAppend(m);
        return;
      case 'heartbeat':
        this.becomeFollower(m.term, m.from);
        this.handleHeartbeat(m);
        return;
      case 'snap':
        this.becomeFollower(m.term, m.from);
        this.handleSnapshot(m);
        return;
      case 'voteResp':
      case 'preVoteResp': {
        if (m.type !== myVoteResp) return;
        const result = this.poll(m.from, !m.reject);
        if (result === 'won') {
          if (this.role === 'preCandidate') this.campaign('election', false);
          else {
            this.becomeLeader();
            this.bcastAppend();
          }
        } else if (result === 'lost') {
          this.becomeFollower(this.term, '');
        }
        return;
      }
      case 'readIndex':
        throw new ProposalDroppedError('no leader to serve a read');
    }
  }

  private stepFollower(m: Message): void {
    switch (m.type) {
      case 'prop':
        if (this.lead === '') throw new ProposalDroppedError('no leader');
        this.send({ ...m, to: this.lead });
        return;
      case 'app':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleAppend(m);
        return;
      case 'heartbeat':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleHeartbeat(m);
        return;
      case 'snap':
        this.electionElapsed = 0;
        this.lead = m.from;
        this.handleSnapshot(m);
        return;
      case 'timeoutNow':
        // The leader hands over: campaign now, at once, without a pre-vote.
        if (this.promotable()) this.campaign('election', true);
        return;
      case 'transferLeader':
        if (this.lead !== '') this.send({ ...m, to: this.lead });
        return;
      case 'readIndex':
        if (this.lead === '') throw new ProposalDroppedError('no leader to serve a read');
        this.send({ ...m, to: this.lead });
        return;
      case 'readIndexResp':
        this.readStates.push({ index: m.index, context: m.context });
        return;
    }
  }

  // ---- replication ----

  private appendEntries(entries: Entry[]): void {
    let index = this.log.lastIndex();
    const stamped = entries.map((e) => ({ ...e, term: this.term, index: ++index }));
    this.log.append(stamped);
    this.progress.get(this.id)?.maybeUpdate(this.log.lastIndex());
    this.maybeCommit();
  }

  private maybeCommit(): boolean {
    const matches = this.voters.map((id) => this.progress.get(id)?.match ?? 0).sort((a, b) => b - a);
    const quorumMatch = matches[this.quorum() - 1] ?? 0;
    const committed = this.log.maybeCommit(quorumMatch, this.term);
    if (committed) this.releaseReadsAwaitingCommit();
    return committed;
  }

  private bcastAppend(): void {
    for (const id of this.members()) if (id !== this.id) this.sendAppend(id);
  }

  private sendAppend(to: NodeId): void {
    this.maybeSendAppend(to, true);
  }

  /** Sends one append (or, with sendIfEmpty, an empty one that probes or carries the commit index). */
  private maybeSendAppend(to: NodeId, sendIfEmpty: boolean): boolean {
    const pr = this.progress.get(to);
    if (pr === undefined || pr.isPaused()) return false;
    const prevIndex = pr.next - 1;
    if (prevIndex < this.log.firstIndex() - 1) {
      // The follower needs entries this log no longer holds: it gets the snapshot instead.
      if (!pr.recentActive) return false;
      const snapshot = this.log.storage.snapshot();
      this.send(message({ type: 'snap', from: this.id, to, snapshot }));
      pr.becomeSnapshot(snapshot.index);
      return true;
    }
    const prevTerm = this.log.term(prevIndex);
    const entries = pr.state === 'probe' && pr.probeSent ? [] : this.log.entriesFrom(pr.next);
    if (entries.length === 0 && !sendIfEmpty) return false;
    this.send(
      message({ type: 'app', from: this.id, to, index: prevIndex, logTerm: prevTerm, entries, commit: this.log.committed }),
    );
    pr.sentEntries(prevIndex + entries.length, entries.length, entries.reduce((sum, e) => sum + entrySize(e), 0));
    return true;
  }

  private bcastHeartbeat(context: string): void {
    for (const id of this.members()) {
      if (id === this.id) continue;
      const pr = this.progress.get(id)!;
      // Never tell a follower to commit beyond what it is known to hold.
      const commit = Math.min(pr.match, this.log.committed);
      this.send(message({ type: 'heartbeat', from: this.id, to: id, commit, context }));
    }
  }

  private handleAppend(m: Message): void {
    if (m.index < this.log.committed) {
      this.send(message({ type: 'appResp', from: this.id, to: m.from, index: this.log.committed }));
      return;
    }
    const lastNew = this.log.maybeAppend(m.index, m.logTerm, m.commit, m.entries);
    if (lastNew !== null) {
      this.send(message({ type: 'appResp', from: this.id, to: m.from, index: lastNew }));
      return;
    }
    const hint = this.log.findConflictByTerm(Math.min(m.index, this.log.lastIndex()), m.logTerm);
    this.send(
      message({
        type: 'appResp',
        from: this.id,
        to: m.from,
        index: m.index,
        reject: true,
        rejectHint: hint.index,
        logTerm: hint.term,
      }),
    );
  }

  private handleHeartbeat(m: Message): void {
    this.log.commitTo(Math.min(m.commit, this.log.lastIndex()));
    this.send(message({ type: 'heartbeatResp', from: this.id, to: m.from, context: m.context }));
  }

  private handleSnapshot(m: Message): void {
    const snapshot = m.snapshot;
    if (snapshot === undefined) return;
    if (snapshot.index <= this.log.committed) {
      this.send(message({ type: 'appResp', from: this.id, to: m.from, index: this.log.committed }));
      return;
    }
    if (this.log.matchTerm(snapshot.index, snapshot.term)) {
      // Our log already has the snapshot's last entry: just learn that it is committed.
      this.log.commitTo(snapshot.index);
    } else {
      this.log.restore(snapshot);
      this.voters = [...snapshot.conf.voters].sort();
      this.learners = [...snapshot.conf.learners].sort();
    }
    this.send(message({ type: 'appResp', from: this.id, to: m.from, index: this.log.lastIndex() }));
  }

  /**
   * The transport is done sending a snapshot to `to`, delivered or not: probe from what the follower holds (the snapshot
   * is sent again if it is still needed). A delivered one has usually been acknowledged already.
   */
  reportSnapshot(to: NodeId): void {
    const pr = this.progress.get(to);
    if (this.role !== 'leader' || pr?.state !== 'snapshot') return;
    pr.becomeProbe();
    // Wait for the next heartbeat response before trying again, rather than resending at once.
    pr.probeSent = true;
  }

  private quorumActive(): boolean {
    let active = 0;
    for (const id of this.voters) {
      if (id === this.id || this.progress.get(id)?.recentActive) active++;
    }
    return active >= this.quorum();
  }

  // ---- linearizable reads (ReadIndex, Raft thesis §6.4) ----

  /** Asks for a read index; when it is known, a ReadState with this context appears in a Ready. */
  readIndex(context: string): void {
    this.stepMessage(message({ type: 'readIndex', from: this.id, to: this.id, context }));
  }

  private handleReadIndex(m: Message): void {
    if (this.voters.length === 1) {
      this.respondRead(m.from, this.log.committed, m.context);
      return;
    }
    if (this.log.term(this.log.committed) !== this.term) {
      // Until an entry of its term commits, a new leader does not know the commit index of the cluster.
      this.readsAwaitingCommit.push(m);
      return;
    }
    this.pendingReads.push({ index: this.log.committed, from: m.from, context: m.context, acks: new Set([this.id]) });
    this.bcastHeartbeat(m.context);
  }

  private releaseReadsAwaitingCommit(): void {
    if (this.readsAwaitingCommit.length === 0 || this.log.term(this.log.committed) !== this.term) return;
    const waiting = this.readsAwaitingCommit.splice(0);
    for (const m of waiting) this.handleReadIndex(m);
  }

  /** A quorum confirmed this node still leads at the time of the read: it and every read queued before it are safe. */
  private ackRead(context: string, from: NodeId): void {
    const at = this.pendingReads.findIndex((r) => r.context === context);
    if (at < 0) return;
    const read = this.pendingReads[at]!;
    if (this.voters.includes(from)) read.acks.add(from);
    if (read.acks.size < this.quorum()) return;
    for (const done of this.pendingReads.splice(0, at + 1)) this.respondRead(done.from, done.index, done.context);
  }

  private respondRead(to: NodeId, index: number, context: string): void {
    if (to === this.id) this.readStates.push({ index, context });
    else this.send(message({ type: 'readIndexResp', from: this.id, to, index, context }));
  }

  // ---- membership ----

  /**
   * Applies a membership change whose entry is committed (the driver calls this as it applies the entry) and returns
   * the membership that results. Applying the same change twice changes nothing.
   */
  applyConfChange(change: ConfChange): ConfState {
    const voters = new Set(this.voters);
    const learners = new Set(this.learners);
    voters.delete(change.node);
    learners.delete(change.node);
    if (change.type === 'addVoter') voters.add(change.node);
    else if (change.type === 'addLearner') learners.add(change.node);
    if (voters.size === 0) return this.conf();
    this.voters = [...voters].sort();
    this.learners = [...learners].sort();
    if (this.role !== 'leader') return this.conf();
    if (change.type === 'remove') {
      this.progress.delete(change.node);
      if (change.node === this.id) {
        // A removed leader hands over by stepping down; the others elect one of themselves.
        this.becomeFollower(this.term, '');
        return this.conf();
      }
      if (this.leadTransferee === change.node) this.leadTransferee = '';
    } else if (!this.progress.has(change.node)) {
      const pr = new Progress(this.log.lastIndex() + 1, this.config.maxInflight, this.config.maxInflightBytes);
      pr.recentActive = true;
      this.progress.set(change.node, pr);
    }
    // The quorum changed: something may now be committed, and the new member needs the log.
    if (this.maybeCommit()) this.bcastAppend();
    else if (change.type !== 'remove') this.sendAppend(change.node);
    return this.conf();
  }

  // ---- leadership transfer ----

  transferLeadership(to: NodeId): void {
    this.step(message({ type: 'transferLeader', from: to, to: this.id }));
  }

  private handleTransferLeader(transferee: NodeId): void {
    if (!this.voters.includes(transferee) || transferee === this.id) return;
    if (this.leadTransferee === transferee) return;
    this.leadTransferee = transferee;
    this.electionElapsed = 0;
    const pr = this.progress.get(transferee)!;
    if (pr.match === this.log.lastIndex()) this.send(message({ type: 'timeoutNow', from: this.id, to: transferee }));
    else this.sendAppend(transferee);
  }

  private send(m: Message): void {
    if (m.term === 0 && m.type !== 'prop' && m.type !== 'readIndex' && m.type !== 'transferLeader') {
      m.term = this.term;
    }
    this.msgs.push(m);
  }
}
