/** What the FSM stores. Times are milliseconds since the epoch, put into commands by the leader. */

/** An HTTP request as a run (instead of shell or argv). */
export interface HttpSpecRecord {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  successCodes: string;
  maxBodyBytes: number;
  insecureTls: boolean;
  /** Follow redirects (absent in older records: not). */
  followRedirects?: boolean;
}

/** A host without an agent, reached over SSH: the private key and known_hosts are variables' keys. */
export interface SshSpecRecord {
  user: string;
  host: string;
  port: number;
  keyVar: string;
  hostKeys: string[];
  knownHostsVar: string;
  connectTimeoutMs: number;
}

export interface RunSpecRecord {
  shell: string;
  argv: string[];
  http?: HttpSpecRecord;
  /** With shell: run it over SSH on this host. */
  ssh?: SshSpecRecord;
  /** Run as this user on the agent's host (absent: the agent's own). */
  user?: string;
  env: Record<string, string>;
  envFromVar: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  killGraceMs: number;
}

export interface ScheduleRecord {
  name: string;
  cron: string;
  tz: string;
  paused: boolean;
  spec: RunSpecRecord;
  selector: Record<string, string>;
  /** Selector requirements beyond equality (`zone in (a,b)`, `!gpu`), in canonical text (dispatch/selector.ts). */
  requirements?: string[];
  createdAt: number;
  /** The due time of the latest fire; a fire at or before it is a no-op (exactly once per due time). */
  lastFiredDueAt: number;
  /**
   * Due times at or before this are never fired: set when the schedule is resumed or its timing changes, so the
   * times that passed while it was paused (or that belonged to the old expression) are not caught up. 0: none.
   */
  notBefore?: number;
  /**
   * What happens to due times that passed while no leader could fire them: `once` (default) fires the latest of
   * them if it is within `catchupMs`, `all` fires each of those within `catchupMs`, `skip` fires none. Every due time
   * not fired is recorded as missed.
   */
  misfire?: MisfirePolicy;
  /** How old a missed due time may be and still be fired late (default 1 hour). */
  catchupMs?: number;
  /**
   * A due time that comes while a run of this schedule is active: `forbid` (default) records it as missed, `allow`
   * runs both, `replace` cancels the active runs and starts, `queue` holds the new run until the active one ends
   * (at most `queueMax` held; beyond, recorded as missed).
   */
  overlap?: OverlapPolicy;
  /** overlap `queue`: runs held at most (default 1). */
  queueMax?: number;
  /** Attempts after the first when one fails, times out or is lost (default 0). */
  retries?: number;
  /** The delay before a retry grows from `backoffMinMs` (doubling per attempt, with jitter) up to `backoffMaxMs`. */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** A run of it that no agent has taken this long after it was queued fails (absent: it waits). */
  startWithinMs?: number;
  /** Chain: a run of this schedule is created when a run of `after.schedule` ends with a matching outcome. */
  after?: ChainLink;
  /** The schedules chained after this one (whose `after` names it), kept by the FSM. */
  chained?: string[];
  /** 1 when created; each change that changes something adds one (absent in older data: 1). */
  version?: number;
  /** Fires come this long at most after their due time, by a fixed delay per schedule (scheduler's jitterOf). */
  jitterMs?: number;
  /** Ended runs kept (the newest); older ones are pruned (default 100). */
  keep?: number;
  /** Ended runs made longer ago than this are pruned (default 30 days). */
  keepForMs?: number;
  /**
   * This schedule's runs that have not ended (fired or triggered), oldest first. Not stored in the record (reads fill
   * it in from the keys under scheduleActivePrefix): a list in the record made every run's start and end parse and
   * rewrite it, which with thousands of runs of one schedule active cost more than the rest of the run.
   */
  activeRuns?: string[];
}

export type OverlapPolicy = 'forbid' | 'allow' | 'replace' | 'queue';

/** Which outcomes of an upstream run start a downstream one: succeeded; failed, timed out or lost; or any end. */
export type ChainCondition = 'success' | 'failure' | 'always';

export interface ChainLink {
  schedule: string;
  on: ChainCondition;
}

export const DEFAULT_BACKOFF_MIN_MS = 10_000;
export const DEFAULT_BACKOFF_MAX_MS = 300_000;
export const DEFAULT_KEEP = 100;
export const DEFAULT_KEEP_FOR_MS = 30 * 86_400_000;
export const OVERLAP_REASON = 'a run of it was still active (overlap policy forbid)';
/** Misses the overlap policy made (forbid, or a full queue): consecutive ones of the same reason are one record. */
export function isOverlapMiss(reason: string): boolean {
  return reason === OVERLAP_REASON || reason.includes('(overlap policy queue:');
}
export const queueFullReason = (max: number): string =>
  `${max} run${max === 1 ? ' was' : 's were'} already waiting for the active one (overlap policy queue:${max})`;

export type MisfirePolicy = 'skip' | 'once' | 'all';
export const DEFAULT_CATCHUP_MS = 3_600_000;

/** One version of a schedule: when it was made, and each field the change changed, before and after (JSON). */
export interface ScheduleVersionRecord {
  version: number;
  at: number;
  changes: { field: string; from: string; to: string }[];
}

/** Versions of a schedule kept, the newest. */
export const KEEP_VERSIONS = 100;

/** Due times of a schedule that were not fired, and why: `count` of them from `from` to `to` (inclusive). */
export interface MissRecord {
  from: number;
  to: number;
  count: number;
  reason: string;
  recordedAt: number;
}

/** The fields `parallax schedule update` may change. */
export type ScheduleChanges = Partial<
  Pick<
    ScheduleRecord,
    | 'cron'
    | 'tz'
    | 'paused'
    | 'spec'
    | 'selector'
    | 'requirements'
    | 'misfire'
    | 'catchupMs'
    | 'overlap'
    | 'queueMax'
    | 'jitterMs'
    | 'keep'
    | 'keepForMs'
    | 'retries'
    | 'backoffMinMs'
    | 'backoffMaxMs'
    | 'startWithinMs'
  >
> & { after?: ChainLink | null };

export const ACTIVE_STATES = ['queued', 'leased', 'running'] as const;
export const ENDED_STATES = ['succeeded', 'failed', 'timed_out', 'cancelled', 'lost'] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];
export type EndedState = (typeof ENDED_STATES)[number];
export type RunState = ActiveState | EndedState;

export function isActive(state: RunState): state is ActiveState {
  return (ACTIVE_STATES as readonly string[]).includes(state);
}

export interface RunRecord {
  id: string;
  tenant: string;
  schedule: string;
  trigger: 'schedule' | 'manual' | 'backfill' | 'chain';
  state: RunState;
  /** 0 while never handed to an agent; each lease starts the next attempt. */
  attempt: number;
  /** The attempts before the current one (each ended failed, timed out or lost, and was retried). */
  attempts?: AttemptRecord[];
  /** The retry policy, as the schedule had it when the run was made. */
  retries?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** Queued for a retry: not leased before this. */
  retryAt?: number;
  /** How long it may stay queued (from the schedule), and by when it must be taken (set each time it is queued). */
  startWithinMs?: number;
  startBy?: number;
  /** Held by the overlap policy `queue` until the schedule's earlier runs end. */
  waiting?: boolean;
  /** Chain: the run whose end made this one. */
  upstream?: string;
  agent: string;
  exitCode: number | null;
  signal: string;
  error: string;
  dueAt: number;
  createdAt: number;
  leasedAt: number;
  startedAt: number;
  endedAt: number;
  spec: RunSpecRecord;
  selector: Record<string, string>;
  requirements?: string[];
  /** Output: chunks [firstChunk, nextChunk) are kept, holding outputBytes; truncatedBytes were dropped from the head. */
  firstChunk: number;
  nextChunk: number;
  outputBytes: number;
  truncatedBytes: number;
  /** The next output piece expected from the current attempt (pieces below it were stored already). */
  nextPieceSeq: number;
}

/** One ended attempt of a run, as it ended. */
export interface AttemptRecord {
  attempt: number;
  agent: string;
  state: EndedState;
  exitCode: number | null;
  signal: string;
  error: string;
  leasedAt: number;
  startedAt: number;
  endedAt: number;
}

/** States whose attempt the retry policy runs again. */
export const RETRIED_STATES: readonly EndedState[] = ['failed', 'timed_out', 'lost'];

export interface AgentRecord {
  name: string;
  hostname: string;
  labels: Record<string, string>;
  capacity: number;
  version: string;
  registeredAt: number;
  updatedAt: number;
  /** Drained by an operator: given no new runs until undrained (kept when the agent registers again). */
  drained?: boolean;
}

export interface VariableRecord {
  key: string;
  /** base64 */
  value: string;
  updatedAt: number;
}

export interface TenantCounters {
  schedules: number;
  runs: number;
  runsActive: number;
  /** Due times recorded as missed, all schedules together (absent in older data: 0). */
  missed?: number;
  /** Attempts leased to an agent or running: what max-running limits (absent in older data: 0). */
  busy?: number;
  /** Bytes of run output stored, all runs together: what max-output limits (absent in older data: 0). */
  outputBytes?: number;
}
