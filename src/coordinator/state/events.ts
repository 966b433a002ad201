import type { AgentRecord, RunRecord } from './records.js';

/** What an applied command changed, for the parts that react to it (scheduler, dispatcher, followers of output). */
export type StateEvent =
  | { kind: 'schedule.changed'; tenant: string; name: string }
  /** A fire or a miss settled the schedule's due times up to `dueAt`: its next due time comes after it. */
  | { kind: 'schedule.settled'; tenant: string; name: string; dueAt: number }
  | { kind: 'schedule.deleted'; tenant: string; name: string }
  | { kind: 'run.changed'; tenant: string; runId: string; run: RunRecord }
  | { kind: 'run.output'; tenant: string; runId: string }
  | { kind: 'agent.changed'; agent: AgentRecord }
  | { kind: 'agent.removed'; name: string }
  /** Tenants, users' grants, roles or tokens changed: what was concluded from them about callers is stale. */
  | { kind: 'identity.changed' }
  /** A follower installed a snapshot from the leader: any of its state may have changed. */
  | { kind: 'state.replaced' };
