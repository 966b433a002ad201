/** What the FSM stores. Times are milliseconds since the epoch, put into commands by the leader. */

export interface RunSpecRecord {
  shell: string;
  argv: string[];
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
  /** A due time that comes while a run of this schedule is active: `forbid` (default) records it as missed. */
  overlap?: OverlapPolicy;
  /** Fires come this long at most after their due time, by a fixed delay per schedule (scheduler's jitterOf). */
  jitterMs?: number;
  /** Ended runs kept (the newest); older ones are pruned (default 100). */
  keep?: number;
  /** Ended runs made longer ago than this are pruned (default 30 days). */
  keepForMs?: number;
  /** This schedule's runs that have not ended (fired or triggered), oldest first. */
  activeRuns?: string[];
}

export type OverlapPolicy = 'forbid' | 'allow';
export const DEFAULT_KEEP = 100;
export const DEFAULT_KEEP_FOR_MS = 30 * 86_400_000;
export const OVERLAP_REASON = 'a run of it was still active (overlap policy forbid)';

export type MisfirePolicy = 'skip' | 'once' | 'all';
export const DEFAULT_CATCHUP_MS = 3_600_000;

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
  Pick<ScheduleRecord, 'cron' | 'tz' | 'paused' | 'spec' | 'selector' | 'misfire' | 'catchupMs' | 'overlap' | 'jitterMs' | 'keep' | 'keepForMs'>
>;

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
  trigger: 'schedule' | 'manual' | 'backfill';
  state: RunState;
  /** 0 while never handed to an agent; each lease starts the next attempt. */
  attempt: number;
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
  /** Output: chunks [firstChunk, nextChunk) are kept, holding outputBytes; truncatedBytes were dropped from the head. */
  firstChunk: number;
  nextChunk: number;
  outputBytes: number;
  truncatedBytes: number;
  /** The next output piece expected from the current attempt (pieces below it were stored already). */
  nextPieceSeq: number;
}

export interface AgentRecord {
  name: string;
  hostname: string;
  labels: Record<string, string>;
  capacity: number;
  version: string;
  registeredAt: number;
  updatedAt: number;
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
}
