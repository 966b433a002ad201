import { AlreadyExistsError, FailedPreconditionError, isParallaxError, NotFoundError, ResourceExhaustedError } from '../../common/errors.js';
import {
  agentKey,
  countersKey,
  outputKey,
  runKey,
  runsOfSchedulePrefix,
  scheduleActivePrefix,
  scheduleKey,
  tenantRecordKey,
  variableKey,
} from '../storage/keys.js';
import { checkChain, linkChain, unlinkChain } from './chains.js';
import { appendAudit } from './audit.js';
import type { Command, FsmLimits, OutputPieceCmd } from './commands.js';
import * as identity from './identity.js';
import type { RoleRecord, TenantRecord, TokenRecord, UserRecord } from './identity-records.js';
import type { StateEvent } from './events.js';
import { type AgentRecord, isActive, type RunRecord, type ScheduleRecord, type TenantCounters } from './records.js';
import {
  cancelRun,
  createRun,
  emitRun,
  endAttempt,
  getRun,
  getSchedule,
  recordMiss,
  releaseHeld,
  runningQuota,
  startRun,
  updateCounters,
} from './runs.js';
import type { Tx } from './tx.js';
import { dropVersions, recordFirstVersion, recordVersion } from './versions.js';

export interface ResultOf {
  'schedule.create': ScheduleRecord;
  'schedule.delete': Record<string, never>;
  'schedule.update': ScheduleRecord;
  /** stale: the schedule settled other due times since the scheduler decided (its `after` no longer holds). */
  'schedule.miss': { recorded: boolean; stale?: boolean };
  'schedule.backfill': RunRecord[];
  'run.prune': { pruned: number };
  'schedule.fire': { run: RunRecord | null; stale?: boolean };
  'schedule.trigger': RunRecord;
  'run.lease': RunRecord;
  'run.started': RunRecord;
  'run.output': RunRecord;
  'run.finish': RunRecord;
  'run.abort': RunRecord;
  'run.cancel': RunRecord;
  'agent.register': AgentRecord;
  'agent.drain': AgentRecord;
  'agent.remove': Record<string, never>;
  'variable.put': { key: string; updatedAt: number };
  'variable.delete': Record<string, never>;
  'auth.bootstrap': { created: boolean };
  'tenant.create': TenantRecord;
  'tenant.update': TenantRecord;
  'tenant.delete': Record<string, never>;
  'user.grant': UserRecord;
  'user.revoke': UserRecord;
  'role.create': RoleRecord;
  'role.delete': Record<string, never>;
  'token.create': TokenRecord;
  'token.revoke': TokenRecord;
  'audit.record': Record<string, never>;
}

export type Handler<C extends Command> = (cmd: C, tx: Tx, emit: (e: StateEvent) => void) => Promise<ResultOf[C['type']]>;
type Handlers = { [T in Command['type']]: Handler<Extract<Command, { type: T }>> };

/** Commands that change who may do what: the API's conclusions about callers are dropped when one is applied. */
const IDENTITY_COMMANDS: ReadonlySet<Command['type']> = new Set<Command['type']>([
  'auth.bootstrap',
  'tenant.create',
  'tenant.update',
  'tenant.delete',
  'user.grant',
  'user.revoke',
  'role.create',
  'role.delete',
  'token.create',
  'token.revoke',
]);

/**
 * The replicated state machine. `apply` is deterministic: it reads only the store (through `tx`) and the command,
 * never the clock, randomness or the network, so every node that applies the same log holds the same bytes. A
 * command that is refused throws before it writes anything.
 */
export class Fsm {
  constructor(private readonly limits: FsmLimits) {}

  async apply<C extends Command>(cmd: C, tx: Tx, emit: (e: StateEvent) => void): Promise<ResultOf[C['type']]> {
    const handler = this.handlers[cmd.type] as unknown as Handler<C>;
    if (IDENTITY_COMMANDS.has(cmd.type)) emit({ kind: 'identity.changed' });
    if (cmd.audit === undefined) return handler(cmd, tx, emit);
    let result: ResultOf[C['type']];
    try {
      result = await handler(cmd, tx, emit);
    } catch (err) {
      // A refused command writes nothing, so its entry is the batch's only trace of it.
      if (isParallaxError(err)) await appendAudit(tx, cmd.audit, 'refused', `${err.code}: ${err.message}`);
      throw err;
    }
    if (cmd.type === 'audit.record') {
      const record = cmd as Extract<Command, { type: 'audit.record' }>;
      await appendAudit(tx, cmd.audit, record.result, record.reason);
    }
    else await appendAudit(tx, cmd.audit, 'ok');
    return result;
  }

  private readonly handlers: Handlers = {
    'schedule.create': async (cmd, tx, emit) => {
      const key = scheduleKey(cmd.tenant, cmd.schedule.name);
      if ((await tx.get(key)) !== undefined) {
        throw new AlreadyExistsError(`schedule "${cmd.schedule.name}" already exists`, { field: 'name' });
      }
      await checkScheduleQuota(tx, cmd.tenant);
      const given: ScheduleRecord = { ...cmd.schedule };
      delete given.chained;
      if (given.after !== undefined) await linkChain(tx, cmd.tenant, given.name, given.after.schedule);
      const schedule = recordFirstVersion(tx, cmd.tenant, given);
      tx.putJson(key, schedule);
      await updateCounters(tx, cmd.tenant, (c) => void c.schedules++);
      emit({ kind: 'schedule.changed', tenant: cmd.tenant, name: schedule.name });
      return schedule;
    },

    'schedule.delete': async (cmd, tx, emit) => {
      const schedule = await getSchedule(tx, cmd.tenant, cmd.name);
      const chained = schedule.chained ?? [];
      if (chained.length > 0) {
        throw new FailedPreconditionError(
          `schedule "${cmd.name}" starts ${chained.map((n) => `"${n}"`).join(', ')} (--after); delete those or change their --after first`,
          { field: 'name' },
        );
      }
      if (schedule.after !== undefined) await unlinkChain(tx, cmd.tenant, schedule.name, schedule.after.schedule);
      dropVersions(tx, cmd.tenant, schedule);
      // Its runs still going end as they would; a schedule made again with its name does not inherit them.
      for (const key of await tx.keys(scheduleActivePrefix(cmd.tenant, cmd.name))) tx.del(key);
      tx.del(scheduleKey(cmd.tenant, cmd.name));
      await updateCounters(tx, cmd.tenant, (c) => void c.schedules--);
      emit({ kind: 'schedule.deleted', tenant: cmd.tenant, name: cmd.name });
      return {};
    },

    'schedule.update': async (cmd, tx, emit) => {
      const { after, ...changes } = cmd.changes;
      let current = await getSchedule(tx, cmd.tenant, cmd.name);
      if (after !== undefined && (after?.schedule ?? '') !== (current.after?.schedule ?? '')) {
        if (after !== null) await checkChain(tx, cmd.tenant, current.name, after.schedule);
        if (current.after !== undefined) await unlinkChain(tx, cmd.tenant, current.name, current.after.schedule);
        if (after !== null) await linkChain(tx, cmd.tenant, current.name, after.schedule);
        current = await getSchedule(tx, cmd.tenant, cmd.name);
      }
      let next: ScheduleRecord = { ...current, ...changes };
      if (after === null) delete next.after;
      else if (after !== undefined) next.after = after;
      next = recordVersion(tx, cmd.tenant, current, next, cmd.now);
      // Resumed, or its timing changed: what fell due before now is not caught up.
      const resumed = current.paused && !next.paused;
      const retimed = next.cron !== current.cron || next.tz !== current.tz;
      if (resumed || retimed) next.notBefore = Math.max(current.notBefore ?? 0, cmd.now);
      tx.putJson(scheduleKey(cmd.tenant, cmd.name), next);
      // No longer queueing: the runs it held go on.
      if (current.overlap === 'queue' && next.overlap !== 'queue') await releaseHeld(tx, cmd.tenant, next, emit, true);
      emit({ kind: 'schedule.changed', tenant: cmd.tenant, name: cmd.name });
      return next;
    },

    'schedule.miss': async (cmd, tx, emit) => {
      const schedule = await tx.getJson<ScheduleRecord>(scheduleKey(cmd.tenant, cmd.name));
      // Recorded once: a repeated proposal (or one for due times a fire has passed since) changes nothing.
      if (schedule === undefined || cmd.count <= 0 || cmd.to <= settledOf(schedule)) return { recorded: false };
      if (cmd.after !== undefined && cmd.after !== settledOf(schedule)) return { recorded: false, stale: true };
      await recordMiss(tx, cmd.tenant, schedule, { from: cmd.from, to: cmd.to, count: cmd.count, reason: cmd.reason, recordedAt: cmd.now });
      emit({ kind: 'schedule.settled', tenant: cmd.tenant, name: cmd.name, dueAt: cmd.to });
      return { recorded: true };
    },

    'schedule.fire': async (cmd, tx, emit) => {
      const schedule = await tx.getJson<ScheduleRecord>(scheduleKey(cmd.tenant, cmd.name));
      // A fire for a due time already fired (a new leader repeating one, a retried proposal) changes nothing; nor
      // does one proposed before the schedule was paused, resumed or retimed.
      if (schedule === undefined || schedule.paused || cmd.dueAt <= settledOf(schedule)) return { run: null };
      // The scheduler fires due time after due time; one it believes settled but that is not (its fire or miss was
      // lost with a leader) would otherwise be skipped unseen. It hears `stale` and catches up from the state.
      if (cmd.after !== undefined && cmd.after !== settledOf(schedule)) return { run: null, stale: true };
      const made = { id: cmd.runId, trigger: 'schedule' as const, dueAt: cmd.dueAt, now: cmd.now, agent: cmd.agent };
      const run = await startRun(tx, cmd.tenant, schedule, made, emit, { advance: true });
      emit({ kind: 'schedule.settled', tenant: cmd.tenant, name: cmd.name, dueAt: cmd.dueAt });
      return { run };
    },

    'schedule.backfill': async (cmd, tx, emit) => {
      let schedule = await getSchedule(tx, cmd.tenant, cmd.name);
      const runs: RunRecord[] = [];
      for (const [i, dueAt] of cmd.dueAts.entries()) {
        const run = await createRun(tx, cmd.tenant, schedule, { id: cmd.runIds[i]!, trigger: 'backfill', dueAt, now: cmd.now });
        schedule = await getSchedule(tx, cmd.tenant, cmd.name);
        emitRun(emit, run);
        runs.push(run);
      }
      return runs;
    },

    'run.prune': async (cmd, tx) => {
      let pruned = 0;
      let freed = 0;
      for (const id of cmd.runIds) {
        const run = await tx.getJson<RunRecord>(runKey(cmd.tenant, id));
        if (run === undefined || isActive(run.state)) continue;
        tx.del(runKey(cmd.tenant, id));
        tx.del(runsOfSchedulePrefix(cmd.tenant, run.schedule) + id);
        for (let chunk = run.firstChunk; chunk < run.nextChunk; chunk++) tx.del(outputKey(cmd.tenant, id, chunk));
        pruned++;
        freed += run.outputBytes;
      }
      if (pruned > 0) {
        await updateCounters(tx, cmd.tenant, (c) => {
          c.runs -= pruned;
          c.outputBytes = Math.max(0, (c.outputBytes ?? 0) - freed);
        });
      }
      return { pruned };
    },

    'schedule.trigger': async (cmd, tx, emit) => {
      const schedule = await getSchedule(tx, cmd.tenant, cmd.name);
      const run = await createRun(tx, cmd.tenant, schedule, { id: cmd.runId, trigger: 'manual', dueAt: cmd.now, now: cmd.now, env: cmd.env, agent: cmd.agent });
      emitRun(emit, run);
      return run;
    },

    'run.lease': async (cmd, tx, emit) => {
      const run = await getRun(tx, cmd.tenant, cmd.runId);
      if (run.state !== 'queued' || run.attempt + 1 !== cmd.attempt) {
        throw new FailedPreconditionError(`run ${run.id} is ${run.state} (attempt ${run.attempt}); it cannot be leased`);
      }
      if (run.waiting === true) throw new FailedPreconditionError(`run ${run.id} waits for an earlier run of its schedule to end`);
      if (cmd.now < (run.retryAt ?? 0)) throw new FailedPreconditionError(`run ${run.id} is not to be retried before ${run.retryAt}`);
      await checkRunningQuota(tx, cmd.tenant);
      const next: RunRecord = { ...run, state: 'leased', attempt: cmd.attempt, agent: cmd.agent, leasedAt: cmd.now, nextPieceSeq: 0 };
      tx.putJson(runKey(cmd.tenant, run.id), next);
      await updateCounters(tx, cmd.tenant, (c) => void (c.busy = (c.busy ?? 0) + 1));
      emitRun(emit, next);
      return next;
    },

    'run.started': async (cmd, tx, emit) => {
      const run = await currentAttempt(tx, cmd);
      if (run.state === 'running') return run;
      // The agent's clock says when the process really started; the leader's bounds it, so skew cannot put a start
      // before the lease or after the report arrived.
      const next: RunRecord = { ...run, state: 'running', startedAt: within(cmd.reportedAt, run.leasedAt, cmd.now) };
      tx.putJson(runKey(cmd.tenant, run.id), next);
      emitRun(emit, next);
      return next;
    },

    'run.output': async (cmd, tx, emit) => {
      const run = await currentAttempt(tx, cmd);
      const next = await this.appendOutput(tx, run, cmd.pieces);
      if (next !== run) {
        tx.putJson(runKey(cmd.tenant, run.id), next);
        emit({ kind: 'run.output', tenant: cmd.tenant, runId: run.id });
      }
      return next;
    },

    'run.finish': async (cmd, tx, emit) => {
      const run = await getRun(tx, cmd.tenant, cmd.runId);
      // The same report again (its answer was lost on the way back) is answered as the first one was.
      if (run.state === cmd.state && run.attempt === cmd.attempt && run.agent === cmd.agent) return run;
      await currentAttempt(tx, cmd);
      // A run that ended quickly is reported by its end alone, which then says when it started.
      const startedAt = run.startedAt || within(cmd.startedReportedAt || cmd.reportedAt, run.leasedAt, cmd.now);
      const ended = {
        state: cmd.state,
        exitCode: cmd.exitCode,
        signal: cmd.signal,
        error: cmd.error,
        startedAt,
        endedAt: within(cmd.reportedAt, startedAt, cmd.now),
      };
      return endAttempt(tx, run, ended, cmd.now, emit);
    },

    'run.abort': async (cmd, tx, emit) => {
      const run = await getRun(tx, cmd.tenant, cmd.runId);
      if (!isActive(run.state) || run.attempt !== cmd.attempt) {
        throw new FailedPreconditionError(`attempt ${cmd.attempt} of run ${run.id} is no longer current`);
      }
      const ended = { state: cmd.state, exitCode: null, signal: '', error: cmd.error, startedAt: run.startedAt, endedAt: cmd.now };
      return endAttempt(tx, run, ended, cmd.now, emit);
    },

    'run.cancel': async (cmd, tx, emit) => {
      const run = await getRun(tx, cmd.tenant, cmd.runId);
      if (!isActive(run.state)) throw new FailedPreconditionError(`run ${run.id} has already ended (${run.state})`, { field: 'id' });
      return cancelRun(tx, run, cmd.reason, cmd.now, emit);
    },

    'agent.register': async (cmd, tx) => {
      const previous = await tx.getJson<AgentRecord>(agentKey(cmd.name));
      const agent: AgentRecord = {
        name: cmd.name,
        hostname: cmd.hostname,
        labels: cmd.labels,
        capacity: cmd.capacity,
        version: cmd.version,
        registeredAt: previous?.registeredAt ?? cmd.now,
        updatedAt: cmd.now,
        ...(previous?.drained === true ? { drained: true } : {}),
      };
      tx.putJson(agentKey(cmd.name), agent);
      return agent;
    },

    'agent.drain': async (cmd, tx, emit) => {
      const previous = await tx.getJson<AgentRecord>(agentKey(cmd.name));
      if (previous === undefined) throw new NotFoundError(`agent "${cmd.name}" not found`, { field: 'name' });
      const agent: AgentRecord = { ...previous, updatedAt: cmd.now };
      if (cmd.drained) agent.drained = true;
      else delete agent.drained;
      tx.putJson(agentKey(cmd.name), agent);
      emit({ kind: 'agent.changed', agent });
      return agent;
    },

    'agent.remove': async (cmd, tx, emit) => {
      if ((await tx.get(agentKey(cmd.name))) === undefined) throw new NotFoundError(`agent "${cmd.name}" not found`, { field: 'name' });
      tx.del(agentKey(cmd.name));
      emit({ kind: 'agent.removed', name: cmd.name });
      return {};
    },

    'variable.put': async (cmd, tx) => {
      tx.putJson(variableKey(cmd.tenant, cmd.key), { key: cmd.key, value: cmd.value, updatedAt: cmd.now });
      return { key: cmd.key, updatedAt: cmd.now };
    },

    'variable.delete': async (cmd, tx) => {
      const key = variableKey(cmd.tenant, cmd.key);
      if ((await tx.get(key)) === undefined) throw new NotFoundError(`variable "${cmd.key}" not found`, { field: 'key' });
      tx.del(key);
      return {};
    },

    'auth.bootstrap': (cmd, tx) => identity.bootstrap(tx, cmd.hash, cmd.now),
    'tenant.create': (cmd, tx) => identity.createTenant(tx, cmd.name, cmd.quotas, cmd.retention ?? {}, cmd.by, cmd.now),
    'tenant.update': (cmd, tx) => identity.updateTenant(tx, cmd.name, cmd.quotas, cmd.retention),
    'tenant.delete': async (cmd, tx) => {
      await identity.deleteTenant(tx, cmd.name, cmd.force);
      return {};
    },
    'user.grant': (cmd, tx) => identity.grantRole(tx, cmd.user, cmd.grant, cmd.now),
    'user.revoke': (cmd, tx) => identity.revokeRole(tx, cmd.user, cmd.grant, cmd.now),
    'role.create': (cmd, tx) => identity.createRole(tx, cmd.tenant, cmd.role),
    'role.delete': async (cmd, tx) => {
      await identity.deleteRole(tx, cmd.tenant, cmd.name);
      return {};
    },
    'token.create': (cmd, tx) => identity.createToken(tx, cmd.token),
    'token.revoke': (cmd, tx) => identity.revokeToken(tx, cmd.tenant, cmd.name, cmd.by, cmd.now),
    'audit.record': async () => ({}),
  };

  /**
   * Stores the pieces the run has not seen yet, then drops chunks from the head until the run holds at most the
   * per-run limit: the tail of the output is what matters when a job fails.
   */
  private async appendOutput(tx: Tx, run: RunRecord, pieces: OutputPieceCmd[]): Promise<RunRecord> {
    const next = { ...run };
    const stored = (await tx.getJson<TenantCounters>(countersKey(run.tenant)))?.outputBytes ?? 0;
    // A tenant at its max-output stores no more output until retention frees some: the new bytes are dropped, counted.
    let room = (await tx.getJson<TenantRecord>(tenantRecordKey(run.tenant)))?.quotas.maxOutputBytes ?? Infinity;
    room -= stored;
    for (const piece of pieces) {
      if (piece.seq < next.nextPieceSeq) continue;
      let data = Buffer.from(piece.data, 'base64');
      next.nextPieceSeq = piece.seq + 1;
      // Dropped on the agent: not stored anywhere, so counted with what was dropped here.
      if (piece.dropped !== undefined && piece.dropped > 0) next.truncatedBytes += piece.dropped;
      if (data.length > room) {
        next.truncatedBytes += data.length - Math.max(0, room);
        data = data.subarray(0, Math.max(0, room));
      }
      room -= data.length;
      if (data.length === 0) continue;
      tx.put(outputKey(run.tenant, run.id, next.nextChunk), encodeChunk(piece.stream, data));
      next.nextChunk++;
      next.outputBytes += data.length;
    }
    if (next.nextPieceSeq === run.nextPieceSeq) return run;
    let excess = next.outputBytes - this.limits.maxOutputBytesPerRun;
    while (excess > 0 && next.firstChunk < next.nextChunk) {
      const key = outputKey(run.tenant, run.id, next.firstChunk);
      const chunk = decodeChunk((await tx.get(key))!);
      const drop = Math.min(excess, chunk.data.length);
      if (drop === chunk.data.length) {
        tx.del(key);
        next.firstChunk++;
      } else {
        tx.put(key, encodeChunk(chunk.stream, chunk.data.subarray(drop)));
      }
      excess -= drop;
      next.outputBytes -= drop;
      next.truncatedBytes += drop;
    }
    const grown = next.outputBytes - run.outputBytes;
    if (grown !== 0) await updateCounters(tx, run.tenant, (c) => void (c.outputBytes = Math.max(0, (c.outputBytes ?? 0) + grown)));
    return next;
  }
}

/** A chunk on disk: one byte for the stream (0 stdout, 1 stderr), then the bytes as they were written. */
export function encodeChunk(stream: 'stdout' | 'stderr', data: Buffer): Buffer {
  return Buffer.concat([Buffer.of(stream === 'stdout' ? 0 : 1), data]);
}

export function decodeChunk(value: Buffer): { stream: 'stdout' | 'stderr'; data: Buffer } {
  return { stream: value[0] === 0 ? 'stdout' : 'stderr', data: value.subarray(1) };
}

/** Quotas hold under concurrency because the FSM checks them, in log order, against the replicated counters. */
async function checkScheduleQuota(tx: Tx, tenant: string): Promise<void> {
  const max = (await tx.getJson<TenantRecord>(tenantRecordKey(tenant)))?.quotas.maxSchedules;
  if (max === undefined) return;
  const held = (await tx.getJson<TenantCounters>(countersKey(tenant)))?.schedules ?? 0;
  if (held >= max) {
    throw new ResourceExhaustedError(`tenant "${tenant}" may hold at most ${max} schedules and holds ${held}: delete one, or ask an administrator to raise --max-schedules`, { field: 'name' });
  }
}

/** max-running: the dispatcher leases no more, and a lease that races past it is refused here (it stays queued). */
async function checkRunningQuota(tx: Tx, tenant: string): Promise<void> {
  const quota = await runningQuota(tx, tenant);
  if (quota !== undefined && quota.busy >= quota.max) throw new ResourceExhaustedError(`tenant "${tenant}" runs at most ${quota.max} at once and runs ${quota.busy}`);
}

/** The latest due time a schedule has settled: fired, recorded missed, or passed over by a resume or retime. */
function settledOf(schedule: ScheduleRecord): number {
  return Math.max(schedule.lastFiredDueAt, schedule.notBefore ?? 0);
}

/** `value` kept within [low, high]; an unknown value (0) is `high`. */
function within(value: number, low: number, high: number): number {
  return value <= 0 ? high : Math.min(Math.max(value, low), high);
}

/** Fencing: a report is accepted only from the agent that holds the run's current attempt, while it is active. */
async function currentAttempt(
  tx: Tx,
  cmd: { tenant: string; runId: string; agent: string; attempt: number },
): Promise<RunRecord> {
  const run = await getRun(tx, cmd.tenant, cmd.runId);
  if (run.attempt !== cmd.attempt || run.agent !== cmd.agent || !isActive(run.state) || run.state === 'queued') {
    throw new FailedPreconditionError(
      `attempt ${cmd.attempt} of run ${run.id} on agent ${cmd.agent} is no longer current (the run is ${run.state}, attempt ${run.attempt})`,
    );
  }
  return run;
}

