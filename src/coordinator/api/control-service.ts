import { randomBytes } from 'node:crypto';
import type { Metadata, ServerWritableStream } from '@grpc/grpc-js';
import { READ_METADATA_KEY, STALE_READ } from '../../common/metadata-keys.js';
import { newId } from '../../common/ids.js';
import { toServiceError } from '../../common/grpc-errors.js';
import type { Logger } from '../../common/logger.js';
import type { ControlHandlers } from '../../common/proto/gen/parallax/v1/Control.js';
import type { OutputChunk } from '../../common/proto/gen/parallax/v1/OutputChunk.js';
import type { ReadRunOutputRequest__Output } from '../../common/proto/gen/parallax/v1/ReadRunOutputRequest.js';
import type { Clock } from '../../common/time.js';
import { VERSION } from '../../common/version.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { ReplicatedLog } from '../replication/log.js';
import * as q from '../state/queries.js';
import type { ScheduleChanges, ScheduleRecord } from '../state/records.js';
import { type DueTimes, parseTiming } from '../scheduler/due.js';
import { formatLocal } from '../scheduler/zone.js';
import { agentToWire, runToWire, scheduleToWire } from './convert.js';
import { authenticate } from './caller.js';
import { LeaderForwarder } from './leader-forward.js';
import { followOutput } from './output-follow.js';
import { unary } from './unary.js';
import { formatHostPort, parseHostPort } from '../../common/address.js';
import { InvalidArgumentError } from '../../common/errors.js';
import {
  validateLabels,
  validateMemberId,
  validateEnv,
  validateJitter,
  validateMisfire,
  validateOverlap,
  validateRetention,
  validateName,
  validateSpec,
  validateVariableKey,
  validateVariableValue,
} from './validate.js';

export interface NodeInfo {
  nodeId: string;
  clusterId: string;
  address: string;
  dataDir: string;
  startedAt: number;
}

/** A one-off schedule (`--at`) must be due after now. */
function notInThePast(timing: DueTimes, now: number): void {
  if (timing.once && timing.after(now) === null) {
    throw new InvalidArgumentError('the --at time has passed: give a time to come', { field: 'at' });
  }
}

/** What a read asks for: linearizable by default, or this node's state as it is (`parallax … --stale`). */
function readOptions(call: { metadata: Metadata }): { stale: boolean } {
  return { stale: call.metadata.get(READ_METADATA_KEY)[0] === STALE_READ };
}

const DEFAULT_RUN_LIMIT = 50;
const MAX_NEXT_COUNT = 1_000;
const SPEC_FIELDS = ['shell', 'argv', 'env', 'env_from_var', 'cwd', 'timeout'];
const UPDATABLE = ['cron', 'tz', 'paused', ...SPEC_FIELDS, 'selector', 'misfire', 'catchup', 'overlap', 'jitter', 'keep', 'keep_for'];
const MAX_HISTORY = 10_000;
const MAX_BACKFILL = 1_000;
const MAX_RUN_LIMIT = 10_000;

/** The API the CLI uses: authenticate, validate, then propose a command or read the state. */
export function controlService(deps: {
  log: ReplicatedLog;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  node: NodeInfo;
}): ControlHandlers {
  const { log, dispatcher, clock, logger, node } = deps;
  const random = (size: number) => randomBytes(size);
  const forward = new LeaderForwarder(log);

  const clusterStatus = () => {
    const view = log.clusterStatus();
    return {
      clusterId: node.clusterId,
      nodeId: node.nodeId,
      term: view.term,
      leader: view.leader,
      commitIndex: view.commitIndex,
      appliedIndex: log.appliedIndex(),
      members: view.members,
    };
  };

  const nextDue = (tenant: string, schedule: ScheduleRecord): number | null => {
    if (schedule.paused) return null;
    try {
      const cron = parseTiming(schedule.cron, schedule.tz, `${tenant}/${schedule.name}`);
      return cron.after(Math.max(schedule.lastFiredDueAt, clock.now()));
    } catch {
      return null;
    }
  };

  return {
    Status: unary(logger, 'Status', async (_req, caller) => {
      // This node's own view, even without a leader: status is what one looks at when something is wrong.
      const [counters, agents] = await log.read(async (s) => [await q.counters(s, caller.tenant), await q.listAgents(s)] as const, {
        stale: true,
      });
      return {
        nodeId: node.nodeId,
        address: node.address,
        dataDir: node.dataDir,
        leader: log.leaderId() ?? '',
        version: VERSION,
        schedules: counters.schedules,
        agents: agents.length,
        agentsConnected: dispatcher.connectedCount(),
        runs: counters.runs,
        runsActive: counters.runsActive,
        appliedIndex: log.appliedIndex(),
        startedAtMs: node.startedAt,
      };
    }),

    ClusterStatus: unary(logger, 'ClusterStatus', async () => clusterStatus()),

    AddMember: unary(logger, 'AddMember', async (req, _caller, call) => {
      const id = validateMemberId(req.id);
      const address = formatHostPort(parseHostPort(req.address, 'address'));
      if (!log.isLeader()) return forward.call('addMember', { id, address }, call.metadata);
      await log.changeMembership({ type: 'add', node: id, address });
      logger.info('member added', { id, address });
      return clusterStatus();
    }),

    RemoveMember: unary(logger, 'RemoveMember', async (req, _caller, call) => {
      const id = validateMemberId(req.id);
      if (!log.isLeader()) return forward.call('removeMember', { id }, call.metadata);
      await log.changeMembership({ type: 'remove', node: id });
      logger.info('member removed', { id });
      return clusterStatus();
    }),

    TransferLeader: unary(logger, 'TransferLeader', async (req, _caller, call) => {
      const id = validateMemberId(req.id);
      if (!log.isLeader()) {
        if (log.leaderId() === id) return clusterStatus();
        return forward.call('transferLeader', { id }, call.metadata);
      }
      await log.transferLeadership(id);
      logger.info('leadership transferred', { to: id });
      return clusterStatus();
    }),

    CreateSchedule: unary(logger, 'CreateSchedule', async (req, caller) => {
      const name = validateName(req.name, 'schedule');
      const tz = req.tz === '' ? 'UTC' : req.tz;
      notInThePast(parseTiming(req.cron, tz, `${caller.tenant}/${name}`), clock.now());
      const schedule: ScheduleRecord = {
        name,
        cron: req.cron.trim(),
        tz,
        paused: req.paused,
        spec: validateSpec(req.spec),
        selector: validateLabels(req.selector, 'selector'),
        createdAt: clock.now(),
        lastFiredDueAt: 0,
        ...validateMisfire(req.misfire, req.catchupMs),
        overlap: validateOverlap(req.overlap),
        jitterMs: validateJitter(req.jitterMs),
        ...validateRetention(req.keep, req.keepForMs),
      };
      const created = await log.propose({ type: 'schedule.create', tenant: caller.tenant, schedule });
      return scheduleToWire(created, nextDue(caller.tenant, created));
    }),

    UpdateSchedule: unary(logger, 'UpdateSchedule', async (req, caller) => {
      const fields = new Set(req.fields);
      const unknown = [...fields].filter((f) => !UPDATABLE.includes(f));
      if (unknown.length > 0) {
        throw new InvalidArgumentError(`cannot update ${unknown.join(', ')}: the fields that can change are ${UPDATABLE.join(', ')}`, { field: 'fields' });
      }
      if (fields.size === 0) throw new InvalidArgumentError(`nothing to change: name at least one of ${UPDATABLE.join(', ')}`, { field: 'fields' });
      const current = await log.read((s) => q.getSchedule(s, caller.tenant, req.name));
      const changes: ScheduleChanges = {};
      if (fields.has('cron') || fields.has('tz')) {
        const cron = fields.has('cron') ? req.cron.trim() : current.cron;
        const tz = fields.has('tz') ? (req.tz === '' ? 'UTC' : req.tz) : current.tz;
        if (fields.has('cron')) notInThePast(parseTiming(cron, tz, `${caller.tenant}/${current.name}`), clock.now());
        else parseTiming(cron, tz, `${caller.tenant}/${current.name}`);
        if (cron !== current.cron) changes.cron = cron;
        if (tz !== current.tz) changes.tz = tz;
      }
      if (fields.has('paused')) changes.paused = req.paused;
      if (SPEC_FIELDS.some((f) => fields.has(f))) {
        const given = req.spec ?? { shell: '', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 0 };
        const spec = { ...current.spec };
        if (fields.has('shell')) Object.assign(spec, { shell: given.shell, argv: [] });
        if (fields.has('argv')) Object.assign(spec, { shell: '', argv: given.argv });
        if (fields.has('env')) spec.env = given.env;
        if (fields.has('env_from_var')) spec.envFromVar = given.envFromVar;
        if (fields.has('cwd')) spec.cwd = given.cwd;
        if (fields.has('timeout')) spec.timeoutMs = given.timeoutMs;
        changes.spec = validateSpec(spec);
      }
      if (fields.has('selector')) changes.selector = validateLabels(req.selector, 'selector');
      if (fields.has('overlap')) changes.overlap = validateOverlap(req.overlap);
      if (fields.has('jitter')) changes.jitterMs = validateJitter(req.jitterMs);
      if (fields.has('keep') || fields.has('keep_for')) {
        const retention = validateRetention(req.keep, req.keepForMs);
        if (fields.has('keep')) changes.keep = retention.keep;
        if (fields.has('keep_for')) changes.keepForMs = retention.keepForMs;
      }
      if (fields.has('misfire') || fields.has('catchup')) {
        const misfire = validateMisfire(fields.has('misfire') ? req.misfire : (current.misfire ?? ''), fields.has('catchup') ? req.catchupMs : (current.catchupMs ?? 0));
        if (fields.has('misfire')) changes.misfire = misfire.misfire;
        if (fields.has('catchup')) changes.catchupMs = misfire.catchupMs;
      }
      const updated = await log.propose({ type: 'schedule.update', tenant: caller.tenant, name: current.name, changes, now: clock.now() });
      return scheduleToWire(updated, nextDue(caller.tenant, updated));
    }),

    GetSchedule: unary(logger, 'GetSchedule', async (req, caller, call) => {
      const schedule = await log.read((s) => q.getSchedule(s, caller.tenant, req.name), readOptions(call));
      return scheduleToWire(schedule, nextDue(caller.tenant, schedule));
    }),

    ListSchedules: unary(logger, 'ListSchedules', async (_req, caller, call) => {
      const schedules = await log.read((s) => q.listSchedules(s, caller.tenant), readOptions(call));
      return { schedules: schedules.map((s) => scheduleToWire(s, nextDue(caller.tenant, s))) };
    }),

    DeleteSchedule: unary(logger, 'DeleteSchedule', async (req, caller) => {
      await log.propose({ type: 'schedule.delete', tenant: caller.tenant, name: req.name });
      return {};
    }),

    ScheduleHistory: unary(logger, 'ScheduleHistory', async (req, caller, call) => {
      if (req.limit < 0 || req.limit > MAX_HISTORY) {
        throw new InvalidArgumentError(`invalid limit ${req.limit}: expected 1 to ${MAX_HISTORY}`, { field: 'limit' });
      }
      const limit = req.limit === 0 ? DEFAULT_RUN_LIMIT : req.limit;
      const { runs, misses } = await log.read(async (s) => {
        const [runs, misses] = await Promise.all([
          q.listRuns(s, caller.tenant, { schedule: req.name, limit }),
          q.listMisses(s, caller.tenant, req.name, limit),
        ]);
        if (runs.length === 0 && misses.length === 0) await q.getSchedule(s, caller.tenant, req.name);
        return { runs, misses };
      }, readOptions(call));
      const entries = [
        ...runs.map((r) => ({ dueAtMs: r.dueAt, outcome: 'fired', runId: r.id, state: r.state, count: 1, fromMs: r.dueAt, reason: r.trigger === 'manual' ? 'triggered by hand' : '' })),
        ...misses.map((m) => ({ dueAtMs: m.to, outcome: 'missed', runId: '', state: '', count: m.count, fromMs: m.from, reason: m.reason })),
      ];
      entries.sort((a, b) => b.dueAtMs - a.dueAtMs || a.outcome.localeCompare(b.outcome));
      return { entries: entries.slice(0, limit) };
    }),

    NextDueTimes: unary(logger, 'NextDueTimes', async (req, caller, call) => {
      if (req.count < 0 || req.count > MAX_NEXT_COUNT) {
        throw new InvalidArgumentError(`invalid count ${req.count}: expected 1 to ${MAX_NEXT_COUNT}`, { field: 'count' });
      }
      if (req.fromMs < 0) throw new InvalidArgumentError('invalid from: expected a moment after 1970', { field: 'from' });
      const schedule = await log.read((s) => q.getSchedule(s, caller.tenant, req.name), readOptions(call));
      const cron = parseTiming(schedule.cron, schedule.tz, `${caller.tenant}/${schedule.name}`);
      const due = [];
      let t: number | null = req.fromMs === 0 ? clock.now() : req.fromMs;
      for (let i = 0; i < (req.count === 0 ? 10 : req.count); i++) {
        t = cron.after(t);
        if (t === null) break;
        due.push({ dueAtMs: t, local: formatLocal(schedule.tz, t) });
      }
      return { tz: schedule.tz, paused: schedule.paused, due };
    }),

    BackfillSchedule: unary(logger, 'BackfillSchedule', async (req, caller) => {
      const now = clock.now();
      if (req.fromMs <= 0 || req.toMs <= req.fromMs) {
        throw new InvalidArgumentError('invalid range: --from must come before --to', { field: 'from' });
      }
      if (req.toMs > now) throw new InvalidArgumentError('invalid --to: backfill is for due times that have passed; give a time before now', { field: 'to' });
      const schedule = await log.read((s) => q.getSchedule(s, caller.tenant, req.name));
      const timing = parseTiming(schedule.cron, schedule.tz, `${caller.tenant}/${schedule.name}`);
      const dueAts: number[] = [];
      for (let t = timing.after(req.fromMs - 1); t !== null && t < req.toMs; t = timing.after(t)) {
        if (dueAts.length === MAX_BACKFILL) {
          throw new InvalidArgumentError(`the range holds more than ${MAX_BACKFILL} due times; backfill a shorter one`, { field: 'to' });
        }
        dueAts.push(t);
      }
      if (dueAts.length === 0) throw new InvalidArgumentError('the schedule has no due time in that range', { field: 'from' });
      const runIds = dueAts.map(() => newId(now, random));
      const runs = await log.propose({ type: 'schedule.backfill', tenant: caller.tenant, name: schedule.name, dueAts, runIds, now });
      return { runs: runs.map(runToWire) };
    }),

    TriggerSchedule: unary(logger, 'TriggerSchedule', async (req, caller) => {
      const now = clock.now();
      const run = await log.propose({
        type: 'schedule.trigger',
        tenant: caller.tenant,
        name: req.name,
        runId: newId(now, random),
        now,
        ...(Object.keys(req.env).length > 0 ? { env: validateEnv(req.env) } : {}),
      });
      return runToWire(run);
    }),

    GetRun: unary(logger, 'GetRun', async (req, caller, call) => {
      return runToWire(await log.read((s) => q.getRun(s, caller.tenant, req.id.trim()), readOptions(call)));
    }),

    ListRuns: unary(logger, 'ListRuns', async (req, caller, call) => {
      const limit = req.limit <= 0 ? DEFAULT_RUN_LIMIT : Math.min(req.limit, MAX_RUN_LIMIT);
      const schedule = req.schedule === '' ? undefined : req.schedule;
      const runs = await log.read(async (s) => {
        if (schedule !== undefined) await q.getSchedule(s, caller.tenant, schedule).catch(async (err: unknown) => {
          // A deleted schedule's runs are still listed; only a name that never ran is unknown.
          const any = await q.listRuns(s, caller.tenant, { schedule, limit: 1 });
          if (any.length === 0) throw err;
        });
        return q.listRuns(s, caller.tenant, { schedule, limit });
      }, readOptions(call));
      return { runs: runs.map(runToWire) };
    }),

    ReadRunOutput: (call: ServerWritableStream<ReadRunOutputRequest__Output, OutputChunk>) => {
      let tenant: string;
      try {
        tenant = authenticate(call.metadata).tenant;
      } catch (err) {
        // grpc-js ends a server stream with the status of an 'error' it is given.
        call.emit('error', toServiceError(err));
        return;
      }
      followOutput(log, tenant, call.request.id.trim(), call.request.follow, call).catch((err: unknown) => {
        call.emit('error', toServiceError(err));
      });
    },

    ListAgents: unary(logger, 'ListAgents', async () => {
      const agents = await log.read((s) => q.listAgents(s), { stale: true });
      return { agents: agents.map((a) => agentToWire(a, dispatcher.live(a.name))) };
    }),

    PutVariable: unary(logger, 'PutVariable', async (req, caller) => {
      const key = validateVariableKey(req.key);
      const value = validateVariableValue(req.value);
      const now = clock.now();
      await log.propose({ type: 'variable.put', tenant: caller.tenant, key, value: value.toString('base64'), now });
      return { key, value: Buffer.alloc(0), updatedAtMs: now };
    }),

    GetVariable: unary(logger, 'GetVariable', async (req, caller, call) => {
      const variable = await log.read((s) => q.getVariable(s, caller.tenant, req.key), readOptions(call));
      return { key: variable.key, value: Buffer.from(variable.value, 'base64'), updatedAtMs: variable.updatedAt };
    }),

    ListVariables: unary(logger, 'ListVariables', async (req, caller, call) => {
      const variables = await log.read((s) => q.listVariables(s, caller.tenant, req.prefix), readOptions(call));
      return { variables: variables.map((v) => ({ key: v.key, value: Buffer.alloc(0), updatedAtMs: v.updatedAt })) };
    }),

    DeleteVariable: unary(logger, 'DeleteVariable', async (req, caller) => {
      await log.propose({ type: 'variable.delete', tenant: caller.tenant, key: req.key });
      return {};
    }),
  };
}
