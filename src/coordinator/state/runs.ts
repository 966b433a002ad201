import { createHash } from 'node:crypto';
import { AlreadyExistsError, NotFoundError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import { rfc3339 } from '../../common/time.js';
import { activeRunKey, countersKey, missKey, runKey, runsOfSchedulePrefix, scheduleActivePrefix, scheduleKey, tenantRecordKey } from '../storage/keys.js';
import { appendAudit } from './audit.js';
import { backoffDelay } from './backoff.js';
import type { StateEvent } from './events.js';
import {
  type AttemptRecord,
  type ChainLink,
  DEFAULT_BACKOFF_MAX_MS,
  DEFAULT_BACKOFF_MIN_MS,
  type EndedState,
  isActive,
  isOverlapMiss,
  type MissRecord,
  OVERLAP_REASON,
  queueFullReason,
  RETRIED_STATES,
  type RunRecord,
  type RunSpecRecord,
  type ScheduleRecord,
  type TenantCounters,
} from './records.js';
import type { TenantRecord } from './identity-records.js';
import type { Tx } from './tx.js';

// The life of a run in the FSM: made (by a fire, a trigger, a backfill or a chain, under the schedule's overlap
// policy), ended (or queued again for a retry), cancelled; and what an end sets off: held runs released, chained
// runs made. Deterministic like the rest of the FSM: no clock, no randomness, ids derived from what is replicated.

type Emit = (e: StateEvent) => void;

export async function getSchedule(tx: Tx, tenant: string, name: string): Promise<ScheduleRecord> {
  const schedule = await tx.getJson<ScheduleRecord>(scheduleKey(tenant, name));
  if (schedule === undefined) throw new NotFoundError(`schedule "${name}" not found`, { field: 'name' });
  return schedule;
}

export async function getRun(tx: Tx, tenant: string, id: string): Promise<RunRecord> {
  const run = await tx.getJson<RunRecord>(runKey(tenant, id));
  if (run === undefined) throw new NotFoundError(`run "${id}" not found`, { field: 'id' });
  return run;
}

export function emitRun(emit: Emit, run: RunRecord): void {
  emit({ kind: 'run.changed', tenant: run.tenant, runId: run.id, run });
}

export async function updateCounters(tx: Tx, tenant: string, change: (c: TenantCounters) => void): Promise<void> {
  const counters = (await tx.getJson<TenantCounters>(countersKey(tenant))) ?? { schedules: 0, runs: 0, runsActive: 0 };
  change(counters);
  tx.putJson(countersKey(tenant), counters);
}

export interface NewRun {
  id: string;
  trigger: RunRecord['trigger'];
  dueAt: number;
  now: number;
  env?: Record<string, string> | undefined;
  upstream?: string;
  waiting?: boolean;
  /** An agent with a slot held for the run: it is made leased to it, unless it must wait (see Command's `agent`). */
  agent?: string | undefined;
}

/** The tenant's --max-running and how many of its attempts are leased or running; undefined: no such quota. */
export async function runningQuota(tx: Tx, tenant: string): Promise<{ max: number; busy: number } | undefined> {
  const max = (await tx.getJson<TenantRecord>(tenantRecordKey(tenant)))?.quotas.maxRunning;
  if (max === undefined) return undefined;
  return { max, busy: (await tx.getJson<TenantCounters>(countersKey(tenant)))?.busy ?? 0 };
}

/**
 * Makes a run of `schedule` as asked, whatever else of it is active (a trigger or a backfill is explicit): queued,
 * or leased at once to `made.agent` when one is given and the run need not wait.
 */
export async function createRun(tx: Tx, tenant: string, schedule: ScheduleRecord, made: NewRun): Promise<RunRecord> {
  if ((await tx.get(runKey(tenant, made.id))) !== undefined) throw new AlreadyExistsError(`run ${made.id} already exists`);
  const spec = copySpec(schedule.spec);
  if (made.env !== undefined) spec.env = { ...spec.env, ...made.env };
  const run: RunRecord = {
    id: made.id,
    tenant,
    schedule: schedule.name,
    trigger: made.trigger,
    state: 'queued',
    attempt: 0,
    agent: '',
    exitCode: null,
    signal: '',
    error: '',
    dueAt: made.dueAt,
    createdAt: made.now,
    leasedAt: 0,
    startedAt: 0,
    endedAt: 0,
    spec,
    selector: { ...schedule.selector },
    ...(schedule.requirements !== undefined && schedule.requirements.length > 0 ? { requirements: [...schedule.requirements] } : {}),
    firstChunk: 0,
    nextChunk: 0,
    outputBytes: 0,
    truncatedBytes: 0,
    nextPieceSeq: 0,
  };
  if ((schedule.retries ?? 0) > 0) {
    run.retries = schedule.retries!;
    run.backoffMinMs = schedule.backoffMinMs ?? DEFAULT_BACKOFF_MIN_MS;
    run.backoffMaxMs = schedule.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS;
  }
  if (made.upstream !== undefined) run.upstream = made.upstream;
  if ((schedule.startWithinMs ?? 0) > 0) {
    run.startWithinMs = schedule.startWithinMs!;
    run.startBy = made.now + schedule.startWithinMs!;
  }
  if (made.waiting === true) run.waiting = true;
  let leased = false;
  if (made.agent !== undefined && made.waiting !== true) {
    const quota = await runningQuota(tx, tenant);
    leased = quota === undefined || quota.busy < quota.max;
  }
  if (leased) Object.assign(run, { state: 'leased', attempt: 1, agent: made.agent, leasedAt: made.now });
  tx.putJson(runKey(tenant, run.id), run);
  tx.put(scheduleActivePrefix(tenant, schedule.name) + run.id, Buffer.alloc(0));
  tx.put(runsOfSchedulePrefix(tenant, schedule.name) + run.id, Buffer.alloc(0));
  tx.put(activeRunKey(tenant, run.id), Buffer.alloc(0));
  await updateCounters(tx, tenant, (c) => {
    c.runs++;
    c.runsActive++;
    if (leased) c.busy = (c.busy ?? 0) + 1;
  });
  return run;
}

/** The schedule's active runs, oldest first (ids sort by the time they were made). */
export async function activeRunIds(tx: Tx, tenant: string, schedule: string): Promise<string[]> {
  const prefix = scheduleActivePrefix(tenant, schedule);
  return (await tx.keys(prefix)).map((key) => key.slice(prefix.length));
}

/**
 * Makes a run under the schedule's overlap policy, for a fire or a chain. With a run of the schedule active:
 * `forbid` makes none and records the due time as missed; `replace` cancels the active runs first; `queue` holds the
 * new run until they end (or records a miss when `queueMax` are held already); `allow` just makes it. Returns the
 * run, or null when none was made.
 */
export async function startRun(tx: Tx, tenant: string, schedule: ScheduleRecord, made: NewRun, emit: Emit, miss: { advance: boolean }): Promise<RunRecord | null> {
  const policy = schedule.overlap ?? 'forbid';
  const active = policy === 'allow' ? [] : await activeRunIds(tx, tenant, schedule.name);
  let current = schedule;
  let waiting = false;
  if (active.length > 0 && policy === 'forbid') {
    await recordMiss(tx, tenant, schedule, { from: made.dueAt, to: made.dueAt, count: 1, reason: OVERLAP_REASON, recordedAt: made.now }, miss.advance);
    return null;
  }
  if (active.length > 0 && policy === 'replace') {
    for (const id of active) {
      const run = await tx.getJson<RunRecord>(runKey(tenant, id));
      if (run !== undefined && isActive(run.state)) {
        await cancelRun(tx, run, `replaced by run ${made.id} (overlap policy replace)`, made.now, emit);
      }
    }
    current = await getSchedule(tx, tenant, schedule.name);
  }
  if (active.length > 0 && policy === 'queue') {
    const max = schedule.queueMax ?? 1;
    let held = 0;
    for (const id of active) if ((await tx.getJson<RunRecord>(runKey(tenant, id)))?.waiting === true) held++;
    if (held >= max) {
      await recordMiss(tx, tenant, schedule, { from: made.dueAt, to: made.dueAt, count: 1, reason: queueFullReason(max), recordedAt: made.now }, miss.advance);
      return null;
    }
    waiting = true;
  }
  if (miss.advance) {
    current = { ...current, lastFiredDueAt: made.dueAt };
    tx.putJson(scheduleKey(tenant, current.name), current);
  }
  const run = await createRun(tx, tenant, current, { ...made, waiting });
  emitRun(emit, run);
  return run;
}

/**
 * The current attempt ended as `ended` says. A failed, timed-out or lost attempt with retries left queues the run
 * again, to be leased after the backoff; otherwise the run ends with it.
 */
export async function endAttempt(tx: Tx, run: RunRecord, ended: AttemptEnd, now: number, emit: Emit): Promise<RunRecord> {
  await releaseBusy(tx, run);
  const retries = run.retries ?? 0;
  if (run.state !== 'queued' && run.attempt >= 1 && run.attempt <= retries && RETRIED_STATES.includes(ended.state)) {
    const attempt: AttemptRecord = {
      attempt: run.attempt,
      agent: run.agent,
      state: ended.state,
      exitCode: ended.exitCode,
      signal: ended.signal,
      error: ended.error,
      leasedAt: run.leasedAt,
      startedAt: ended.startedAt,
      endedAt: ended.endedAt,
    };
    const delay = backoffDelay(run.id, run.attempt, run.backoffMinMs ?? DEFAULT_BACKOFF_MIN_MS, run.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS);
    const next: RunRecord = {
      ...run,
      state: 'queued',
      attempts: [...(run.attempts ?? []), attempt],
      agent: '',
      exitCode: null,
      signal: '',
      error: '',
      leasedAt: 0,
      startedAt: 0,
      endedAt: 0,
      retryAt: now + delay,
    };
    if (run.startWithinMs !== undefined) next.startBy = now + delay + run.startWithinMs;
    tx.putJson(runKey(run.tenant, run.id), next);
    emitRun(emit, next);
    return next;
  }
  const next: RunRecord = { ...run, ...ended };
  delete next.retryAt;
  await endRun(tx, next, now, emit);
  return next;
}

export interface AttemptEnd {
  state: EndedState;
  exitCode: number | null;
  signal: string;
  error: string;
  startedAt: number;
  endedAt: number;
}

/** An attempt leased or running no longer counts against its tenant's max-running. */
async function releaseBusy(tx: Tx, run: RunRecord): Promise<void> {
  if (run.state !== 'leased' && run.state !== 'running') return;
  await updateCounters(tx, run.tenant, (c) => void (c.busy = Math.max(0, (c.busy ?? 0) - 1)));
}

/** Ends an active run as cancelled, whatever its attempt is doing (its agent is told to stop it). */
export async function cancelRun(tx: Tx, run: RunRecord, reason: string, now: number, emit: Emit): Promise<RunRecord> {
  await releaseBusy(tx, run);
  const next: RunRecord = { ...run, state: 'cancelled', error: reason, endedAt: now };
  delete next.retryAt;
  delete next.waiting;
  await endRun(tx, next, now, emit);
  return next;
}

/** Stores a run that has ended, takes it off its schedule's active runs, and sets off what its end starts. */
async function endRun(tx: Tx, run: RunRecord, now: number, emit: Emit): Promise<void> {
  tx.putJson(runKey(run.tenant, run.id), run);
  tx.del(activeRunKey(run.tenant, run.id));
  await updateCounters(tx, run.tenant, (c) => void c.runsActive--);
  emitRun(emit, run);
  const activeKey = scheduleActivePrefix(run.tenant, run.schedule) + run.id;
  if ((await tx.get(activeKey)) !== undefined) {
    tx.del(activeKey);
    const schedule = await tx.getJson<ScheduleRecord>(scheduleKey(run.tenant, run.schedule));
    if (schedule?.overlap === 'queue') await releaseHeld(tx, run.tenant, schedule, emit);
  }
  await startChained(tx, run, now, emit);
}

/**
 * Overlap `queue`: once none of the schedule's active runs is going but held ones, the oldest held run goes on (or,
 * with `all`, every held run: the policy changed).
 */
export async function releaseHeld(tx: Tx, tenant: string, schedule: ScheduleRecord, emit: Emit, all = false): Promise<void> {
  const runs: RunRecord[] = [];
  for (const id of await activeRunIds(tx, tenant, schedule.name)) {
    const run = await tx.getJson<RunRecord>(runKey(tenant, id));
    if (run !== undefined) runs.push(run);
  }
  const held = runs.filter((r) => r.waiting === true);
  if (held.length === 0 || (!all && held.length < runs.length)) return;
  for (const run of all ? held : held.slice(0, 1)) {
    const next = { ...run };
    delete next.waiting;
    tx.putJson(runKey(tenant, run.id), next);
    emitRun(emit, next);
  }
}

/** Runs of the schedules chained after `run`'s (`--after`) whose condition its outcome meets: one each, once. */
async function startChained(tx: Tx, run: RunRecord, now: number, emit: Emit): Promise<void> {
  const upstream = await tx.getJson<ScheduleRecord>(scheduleKey(run.tenant, run.schedule));
  for (const name of upstream?.chained ?? []) {
    const schedule = await tx.getJson<ScheduleRecord>(scheduleKey(run.tenant, name));
    if (schedule === undefined || schedule.paused || schedule.after === undefined || !meets(schedule.after, run.state)) continue;
    // The id is derived from the upstream run, so every node makes the same one; sorted by time like any other.
    const seed = createHash('sha256').update(`${run.id}/${name}`).digest();
    const id = newId(now, (size) => seed.subarray(0, size));
    await startRun(tx, run.tenant, schedule, { id, trigger: 'chain', dueAt: now, now, upstream: run.id }, emit, { advance: false });
  }
}

function meets(link: ChainLink, state: RunRecord['state']): boolean {
  if (link.on === 'always') return true;
  if (link.on === 'success') return state === 'succeeded';
  return RETRIED_STATES.includes(state as EndedState);
}

/**
 * Settles due times as missed: they are never fired later. A miss of a fire (`advance`) moves the schedule's last
 * fired due time past it; one of a chained run does not, as it has no due time of the schedule's own. Consecutive
 * overlap misses (nothing fired between them) extend one record, so a long run of a frequent schedule leaves one
 * line of history, not thousands.
 */
export async function recordMiss(tx: Tx, tenant: string, schedule: ScheduleRecord, miss: MissRecord, advance = true): Promise<void> {
  let record = miss;
  if (advance && isOverlapMiss(miss.reason)) {
    const previousKey = missKey(tenant, schedule.name, schedule.lastFiredDueAt);
    const previous = await tx.getJson<MissRecord>(previousKey);
    if (previous?.reason === miss.reason) {
      tx.del(previousKey);
      record = { ...miss, from: previous.from, count: previous.count + miss.count };
    }
  }
  // The audit log says why due times were skipped once per history record: a streak of overlap misses is one entry.
  if (record === miss) {
    const context = { actor: 'scheduler', actorKind: 'coordinator', tenant, action: 'schedules:fire', resource: `schedule/${schedule.name}`, client: '', at: miss.recordedAt };
    const span = miss.count === 1 ? `due time ${rfc3339(miss.from)}` : `${miss.count} due times from ${rfc3339(miss.from)} to ${rfc3339(miss.to)}`;
    await appendAudit(tx, context, 'missed', `${span}: ${miss.reason}`);
  }
  if (advance) tx.putJson(scheduleKey(tenant, schedule.name), { ...schedule, lastFiredDueAt: miss.to });
  tx.putJson(missKey(tenant, schedule.name, miss.to), record);
  await updateCounters(tx, tenant, (c) => void (c.missed = (c.missed ?? 0) + miss.count));
}

export function copySpec(spec: RunSpecRecord): RunSpecRecord {
  const copy: RunSpecRecord = { ...spec, argv: [...spec.argv], env: { ...spec.env }, envFromVar: { ...spec.envFromVar } };
  if (spec.http !== undefined) copy.http = { ...spec.http, headers: { ...spec.http.headers } };
  if (spec.ssh !== undefined) copy.ssh = { ...spec.ssh, hostKeys: [...spec.ssh.hostKeys] };
  return copy;
}
