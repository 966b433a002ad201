import type { AuditContext, AuditResult } from './audit.js';
import type { Grant, RoleRecord, TenantQuotas, TenantRetention, TokenRecord } from './identity-records.js';
import type { EndedState, ScheduleChanges, ScheduleRecord } from './records.js';

/**
 * Every change of state is one of these, appended to the log and applied by the FSM on every node. Whatever a
 * command needs that is not deterministic (the time, new ids) is in the command, put there by the leader.
 */
export type Command = (
  | { type: 'schedule.create'; tenant: string; schedule: ScheduleRecord }
  | { type: 'schedule.delete'; tenant: string; name: string }
  | { type: 'schedule.update'; tenant: string; name: string; changes: ScheduleChanges; now: number }
  /**
   * Records `count` due times from `from` to `to` as missed (never to be fired), for `reason`. `after`: the last due
   * time the schedule had settled (fired or missed) when the scheduler decided; if the schedule has moved since, the
   * command is stale and changes nothing (absent in older logs: not checked).
   */
  | { type: 'schedule.miss'; tenant: string; name: string; from: number; to: number; count: number; reason: string; now: number; after?: number }
  /** A run for due time `dueAt`; `after` as for schedule.miss, so no due time between the two is skipped unseen. */
  /**
   * `agent`, on a fire or a trigger: the agent the leader's dispatcher holds a free slot on for the run, which is then
   * leased to it (attempt 1) in this same entry, unless it has to wait (overlap queue, the tenant's max-running).
   */
  | { type: 'schedule.fire'; tenant: string; name: string; dueAt: number; runId: string; now: number; after?: number; agent?: string }
  /** A run for each of `dueAts` (past due times the operator asked for), with the ids in `runIds`. */
  | { type: 'schedule.backfill'; tenant: string; name: string; dueAts: number[]; runIds: string[]; now: number }
  /** `env`: environment for this run only, over the schedule's. */
  | { type: 'schedule.trigger'; tenant: string; name: string; runId: string; now: number; env?: Record<string, string>; agent?: string }
  | { type: 'run.lease'; tenant: string; runId: string; agent: string; attempt: number; now: number }
  /** `reportedAt`: the agent's clock when the process started (0: unknown); kept within [leasedAt, now]. */
  | { type: 'run.started'; tenant: string; runId: string; agent: string; attempt: number; reportedAt: number; now: number }
  | { type: 'run.output'; tenant: string; runId: string; agent: string; attempt: number; pieces: OutputPieceCmd[] }
  | {
      type: 'run.finish';
      tenant: string;
      runId: string;
      agent: string;
      attempt: number;
      state: EndedState;
      exitCode: number | null;
      signal: string;
      error: string;
      /** the agent's clock when the process ended (0: unknown); kept within [startedAt, now] */
      reportedAt: number;
      /**
       * The agent's clock when the process started, for a run whose end is its only report (0 or absent: unknown,
       * or told by run.started); kept within [leasedAt, now].
       */
      startedReportedAt?: number;
      now: number;
    }
  /** The coordinator ends an attempt itself: its lease expired (lost), or it could not be started (failed). */
  /** Ends an active run as cancelled (its agent, if it holds the attempt, is told to stop it). */
  | { type: 'run.cancel'; tenant: string; runId: string; reason: string; now: number }
  /** Removes ended runs (retention): their records, index entries and output. Active ones are left alone. */
  | { type: 'run.prune'; tenant: string; runIds: string[] }
  | { type: 'run.abort'; tenant: string; runId: string; attempt: number; state: 'lost' | 'failed'; error: string; now: number }
  | {
      type: 'agent.register';
      name: string;
      hostname: string;
      labels: Record<string, string>;
      capacity: number;
      version: string;
      now: number;
    }
  /** An operator drains (no new runs) or undrains an agent. */
  | { type: 'agent.drain'; name: string; drained: boolean; now: number }
  /** An operator forgets an agent that is gone (the leader checked that it is not connected and holds no lease). */
  | { type: 'agent.remove'; name: string }
  /** value: base64 */
  | { type: 'variable.put'; tenant: string; key: string; value: string; now: number }
  | { type: 'variable.delete'; tenant: string; key: string }
  /** The first administrator: the token `parallax-coordinator init` printed, by its hash. Only the first counts. */
  | { type: 'auth.bootstrap'; hash: string; now: number }
  | { type: 'tenant.create'; name: string; quotas: TenantQuotas; retention?: TenantRetention; by: string; now: number }
  /** A quota or default given as null is removed; one not given is left as it is. */
  | {
      type: 'tenant.update';
      name: string;
      quotas: Record<keyof TenantQuotas, number | null | undefined>;
      retention?: Record<keyof TenantRetention, number | null | undefined>;
    }
  | { type: 'tenant.delete'; name: string; force: boolean }
  | { type: 'user.grant'; user: string; grant: Grant; now: number }
  | { type: 'user.revoke'; user: string; grant: Grant; now: number }
  | { type: 'role.create'; tenant: string; role: RoleRecord }
  | { type: 'role.delete'; tenant: string; name: string }
  | { type: 'token.create'; token: TokenRecord }
  | { type: 'token.revoke'; tenant: string; name: string; by: string; now: number }
  /**
   * Records what `audit` describes when it is not itself a command: a request denied before it could become one, or
   * a change made outside the FSM (cluster membership).
   */
  | { type: 'audit.record'; result: AuditResult; reason: string }
) & {
  /**
   * Who asked, when the command comes from a request: the FSM appends an audit entry in the same batch, whether
   * the command is applied or refused. Commands of the coordinator's own (fires, leases, agents' reports) have none.
   */
  audit?: AuditContext;
};

export interface OutputPieceCmd {
  seq: number;
  stream: 'stdout' | 'stderr';
  /** Bytes the agent dropped in this piece's place (the data is its note saying so). */
  dropped?: number;
  /** base64, so a command is plain JSON in the log */
  data: string;
}

export type CommandType = Command['type'];

/** Limits the FSM enforces; part of the replicated configuration, equal on every node. */
export interface FsmLimits {
  maxOutputBytesPerRun: number;
}

export const DEFAULT_LIMITS: FsmLimits = { maxOutputBytesPerRun: 1024 * 1024 };
