import { randomBytes } from 'node:crypto';
import { InvalidArgumentError } from '../../common/errors.js';
import { newId } from '../../common/ids.js';
import type { ControlHandlers } from '../../common/proto/gen/parallax/v1/Control.js';
import type { Clock } from '../../common/time.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { Placement } from '../dispatch/placement.js';
import { normalizeRequirements } from '../dispatch/selector.js';
import { type DueTimes, parseTiming, requireTimeZone } from '../scheduler/due.js';
import { formatLocal } from '../scheduler/zone.js';
import { reader } from '../state/identity-queries.js';
import type { TenantRecord } from '../state/identity-records.js';
import * as q from '../state/queries.js';
import { tenantRecordKey } from '../storage/keys.js';
import { isActive, KEEP_VERSIONS, type RunRecord, type ScheduleChanges, type ScheduleRecord } from '../state/records.js';
import { runToWire, scheduleToWire, sshToWire } from './convert.js';
import { readOptions } from './read-options.js';
import { type ApiContext, unary } from './unary.js';
import {
  validateChain,
  validateEnv,
  validateJitter,
  validateLabels,
  validateMisfire,
  validateName,
  validateOverlap,
  validateRetention,
  validateRetry,
} from './validate.js';
import { validateSpec } from './validate-spec.js';

type ScheduleHandlers = Pick<
  ControlHandlers,
  | 'CreateSchedule'
  | 'UpdateSchedule'
  | 'GetSchedule'
  | 'ListSchedules'
  | 'DeleteSchedule'
  | 'ScheduleHistory'
  | 'ScheduleVersions'
  | 'NextDueTimes'
  | 'BackfillSchedule'
  | 'TriggerSchedule'
>;

const DEFAULT_LIMIT = 50;
const MAX_NEXT_COUNT = 1_000;
const MAX_HISTORY = 10_000;
const MAX_BACKFILL = 1_000;
/** The active runs a deletion names at most (a schedule holds few: its overlap policy bounds them). */
const MAX_ACTIVE_LISTED = 1_000;
const SPEC_FIELDS = ['shell', 'argv', 'http', 'ssh', 'user', 'env', 'env_from_var', 'cwd', 'timeout'];
const UPDATABLE = [
  'cron',
  'tz',
  'paused',
  ...SPEC_FIELDS,
  'selector',
  'misfire',
  'catchup',
  'overlap',
  'jitter',
  'keep',
  'keep_for',
  'retries',
  'backoff',
  'after',
  'start_within',
];

const MAX_START_WITHIN_MS = 31 * 86_400_000;

function validateStartWithin(ms: number): number {
  if (ms < 1_000 || ms > MAX_START_WITHIN_MS) {
    throw new InvalidArgumentError('invalid --start-within: expected a duration from 1s to 31d', { field: 'start-within' });
  }
  return ms;
}

/** A schedule's selector requirements, in canonical text (absent when none). */
function requirementsOf(texts: string[]): { requirements?: string[] } {
  const requirements = normalizeRequirements(texts);
  return requirements.length === 0 ? {} : { requirements };
}

/** How a run came about, when not by the schedule's own timing. */
function firedReason(run: RunRecord): string {
  if (run.trigger === 'manual') return 'triggered by hand';
  if (run.trigger === 'backfill') return 'backfilled';
  if (run.trigger === 'chain') return `after run ${run.upstream ?? '?'}`;
  return '';
}

/** A one-off schedule (`--at`) must be due after now. */
function notInThePast(timing: DueTimes, now: number): void {
  if (timing.once && timing.after(now) === null) {
    throw new InvalidArgumentError('the --at time has passed: give a time to come', { field: 'at' });
  }
}

/** The timing of a schedule: none is allowed for a chained schedule (it runs only after its upstream). */
function timingOf(cron: string, tz: string, seed: string, chained: boolean): DueTimes | undefined {
  // Whatever the timing: the zone is stored, and shown (due times in local time) with every kind.
  requireTimeZone(tz);
  if (cron.trim() === '') {
    if (chained) return undefined;
    throw new InvalidArgumentError('a schedule needs a timing: --cron, --every or --at, or --after another schedule', { field: 'cron' });
  }
  return parseTiming(cron, tz, seed);
}

/** The timing of a schedule that must have one (for `next` and `backfill`). */
function ownTiming(schedule: ScheduleRecord, tenant: string): DueTimes {
  if (schedule.cron === '') {
    throw new InvalidArgumentError(`schedule "${schedule.name}" has no timing of its own: it runs after "${schedule.after?.schedule ?? ''}"`, { field: 'name' });
  }
  return parseTiming(schedule.cron, schedule.tz, `${tenant}/${schedule.name}`);
}

/** The schedule part of the Control API: create, change, read, trigger, backfill, and when they are due. */
export function scheduleHandlers(deps: { log: ReplicatedLog; clock: Clock; api: ApiContext; placement?: Placement }): ScheduleHandlers {
  const { log, clock, api, placement } = deps;
  const random = (size: number) => randomBytes(size);

  const nextDue = (tenant: string, schedule: ScheduleRecord): number | null => {
    if (schedule.paused || schedule.cron === '') return null;
    try {
      const cron = parseTiming(schedule.cron, schedule.tz, `${tenant}/${schedule.name}`);
      return cron.after(Math.max(schedule.lastFiredDueAt, clock.now()));
    } catch {
      return null;
    }
  };

  return {
    CreateSchedule: unary(api, 'Control.CreateSchedule', async (req, caller) => {
      const name = validateName(req.name, 'schedule');
      const tz = req.tz === '' ? 'UTC' : req.tz;
      const after = req.after === null ? undefined : validateChain(req.after);
      const timing = timingOf(req.cron, tz, `${caller.tenant}/${name}`, after !== undefined);
      if (timing !== undefined) notInThePast(timing, clock.now());
      const defaults = (await log.read((s) => reader(s).getJson<TenantRecord>(tenantRecordKey(caller.tenant)), { stale: true }))?.retention;
      const schedule: ScheduleRecord = {
        name,
        cron: req.cron.trim(),
        tz,
        paused: req.paused,
        spec: validateSpec(req.spec),
        selector: validateLabels(req.selector, 'selector'),
        ...requirementsOf(req.requirements),
        createdAt: clock.now(),
        lastFiredDueAt: 0,
        ...validateMisfire(req.misfire, req.catchupMs),
        ...validateOverlap(req.overlap),
        jitterMs: validateJitter(req.jitterMs),
        ...validateRetention(req.keep, req.keepForMs, defaults),
        ...validateRetry(req.retries, req.backoffMinMs, req.backoffMaxMs),
        ...(after === undefined ? {} : { after }),
        ...(req.startWithinMs > 0 ? { startWithinMs: validateStartWithin(req.startWithinMs) } : {}),
      };
      const created = await log.propose({ type: 'schedule.create', tenant: caller.tenant, schedule, audit: caller.audit(`schedule/${schedule.name}`) });
      return scheduleToWire(created, nextDue(caller.tenant, created));
    }),

    UpdateSchedule: unary(api, 'Control.UpdateSchedule', async (req, caller) => {
      const fields = new Set(req.fields);
      const unknown = [...fields].filter((f) => !UPDATABLE.includes(f));
      if (unknown.length > 0) {
        throw new InvalidArgumentError(`cannot update ${unknown.join(', ')}: the fields that can change are ${UPDATABLE.join(', ')}`, { field: 'fields' });
      }
      if (fields.size === 0) throw new InvalidArgumentError(`nothing to change: name at least one of ${UPDATABLE.join(', ')}`, { field: 'fields' });
      const current = await log.read((s) => q.getSchedule(s, caller.tenant, req.name));
      const changes: ScheduleChanges = {};
      if (fields.has('after')) changes.after = req.after === null ? null : validateChain(req.after);
      const chained = changes.after === undefined ? current.after !== undefined : changes.after !== null;
      if (fields.has('cron') || fields.has('tz') || !chained) {
        const cron = fields.has('cron') ? req.cron.trim() : current.cron;
        const tz = fields.has('tz') ? (req.tz === '' ? 'UTC' : req.tz) : current.tz;
        const timing = timingOf(cron, tz, `${caller.tenant}/${current.name}`, chained);
        if (timing !== undefined && fields.has('cron')) notInThePast(timing, clock.now());
        if (cron !== current.cron) changes.cron = cron;
        if (tz !== current.tz) changes.tz = tz;
      }
      if (fields.has('paused')) changes.paused = req.paused;
      if (SPEC_FIELDS.some((f) => fields.has(f))) {
        const given = req.spec ?? { shell: '', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 0, http: null, ssh: null, user: '' };
        const { http } = current.spec;
        const spec = {
          ...current.spec,
          user: current.spec.user ?? '',
          http: http === undefined ? null : { ...http, followRedirects: http.followRedirects === true },
          ssh: current.spec.ssh === undefined ? null : sshToWire(current.spec.ssh),
        };
        // shell, argv and http each replace what the schedule runs.
        if (fields.has('shell')) Object.assign(spec, { shell: given.shell, argv: [], http: null });
        if (fields.has('argv')) Object.assign(spec, { shell: '', argv: given.argv, http: null });
        if (fields.has('http')) Object.assign(spec, { shell: '', argv: [], http: given.http, ssh: null });
        if (fields.has('ssh')) spec.ssh = given.ssh;
        if (fields.has('user')) spec.user = given.user;
        if (fields.has('env')) spec.env = given.env;
        if (fields.has('env_from_var')) spec.envFromVar = given.envFromVar;
        if (fields.has('cwd')) spec.cwd = given.cwd;
        if (fields.has('timeout')) spec.timeoutMs = given.timeoutMs;
        changes.spec = validateSpec(spec);
      }
      if (fields.has('start_within')) changes.startWithinMs = req.startWithinMs === 0 ? 0 : validateStartWithin(req.startWithinMs);
      if (fields.has('selector')) Object.assign(changes, { selector: validateLabels(req.selector, 'selector'), requirements: normalizeRequirements(req.requirements) });
      if (fields.has('overlap')) Object.assign(changes, { queueMax: undefined, ...validateOverlap(req.overlap) });
      if (fields.has('retries') || fields.has('backoff')) {
        const given = fields.has('backoff');
        const retry = validateRetry(
          fields.has('retries') ? req.retries : (current.retries ?? 0),
          given ? req.backoffMinMs : (current.backoffMinMs ?? 0),
          given ? req.backoffMaxMs : (current.backoffMaxMs ?? 0),
        );
        Object.assign(changes, retry);
      }
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
      // Pausing and resuming are told apart from other changes in the audit log, as the CLI has commands for them.
      const only = Object.keys(changes);
      const action = only.length === 1 && only[0] === 'paused' ? (changes.paused === true ? 'schedules:pause' : 'schedules:resume') : undefined;
      const changed = await log.propose({ type: 'schedule.update', tenant: caller.tenant, name: current.name, changes, now: clock.now(), audit: caller.audit(`schedule/${current.name}`, action) });
      const updated = await log.read((s) => q.withActiveRuns(s, caller.tenant, changed), { stale: true });
      return scheduleToWire(updated, nextDue(caller.tenant, updated));
    }),

    GetSchedule: unary(api, 'Control.GetSchedule', async (req, caller, call) => {
      const schedule = await log.read((s) => q.getSchedule(s, caller.tenant, req.name), readOptions(call));
      return scheduleToWire(schedule, nextDue(caller.tenant, schedule));
    }),

    ListSchedules: unary(api, 'Control.ListSchedules', async (_req, caller, call) => {
      const schedules = await log.read((s) => q.listSchedules(s, caller.tenant), readOptions(call));
      return { schedules: schedules.map((s) => scheduleToWire(s, nextDue(caller.tenant, s))) };
    }),

    DeleteSchedule: unary(api, 'Control.DeleteSchedule', async (req, caller) => {
      await log.propose({ type: 'schedule.delete', tenant: caller.tenant, name: req.name, audit: caller.audit(`schedule/${req.name}`) });
      // Its runs not yet ended go on: the caller is told which, to cancel them if that is what they meant.
      const active = await log.read((s) => q.listRuns(s, caller.tenant, { schedule: req.name, limit: MAX_ACTIVE_LISTED, match: (run) => isActive(run.state) }), { stale: true });
      return { activeRuns: active.map((run) => run.id) };
    }),

    ScheduleHistory: unary(api, 'Control.ScheduleHistory', async (req, caller, call) => {
      if (req.limit < 0 || req.limit > MAX_HISTORY) {
        throw new InvalidArgumentError(`invalid limit ${req.limit}: expected 1 to ${MAX_HISTORY}`, { field: 'limit' });
      }
      const limit = req.limit === 0 ? DEFAULT_LIMIT : req.limit;
      const { runs, misses } = await log.read(async (s) => {
        const [runs, misses] = await Promise.all([
          q.listRuns(s, caller.tenant, { schedule: req.name, limit }),
          q.listMisses(s, caller.tenant, req.name, limit),
        ]);
        if (runs.length === 0 && misses.length === 0) await q.getSchedule(s, caller.tenant, req.name);
        return { runs, misses };
      }, readOptions(call));
      const entries = [
        ...runs.map((r) => ({
          dueAtMs: r.dueAt,
          outcome: 'fired',
          runId: r.id,
          state: r.state,
          count: 1,
          fromMs: r.dueAt,
          reason: firedReason(r),
          trigger: r.trigger,
          attempts: r.attempt,
        })),
        ...misses.map((m) => ({ dueAtMs: m.to, outcome: 'missed', runId: '', state: '', count: m.count, fromMs: m.from, reason: m.reason, trigger: '', attempts: 0 })),
      ];
      entries.sort((a, b) => b.dueAtMs - a.dueAtMs || a.outcome.localeCompare(b.outcome));
      return { entries: entries.slice(0, limit) };
    }),

    ScheduleVersions: unary(api, 'Control.ScheduleVersions', async (req, caller, call) => {
      if (req.limit < 0 || req.limit > KEEP_VERSIONS) {
        throw new InvalidArgumentError(`invalid limit ${req.limit}: expected 1 to ${KEEP_VERSIONS}`, { field: 'limit' });
      }
      const versions = await log.read(async (s) => {
        await q.getSchedule(s, caller.tenant, req.name);
        return q.listVersions(s, caller.tenant, req.name, req.limit === 0 ? KEEP_VERSIONS : req.limit);
      }, readOptions(call));
      return { versions: versions.map((v) => ({ version: v.version, atMs: v.at, changes: v.changes })) };
    }),

    NextDueTimes: unary(api, 'Control.NextDueTimes', async (req, caller, call) => {
      if (req.count < 0 || req.count > MAX_NEXT_COUNT) {
        throw new InvalidArgumentError(`invalid count ${req.count}: expected 1 to ${MAX_NEXT_COUNT}`, { field: 'count' });
      }
      if (req.fromMs < 0) throw new InvalidArgumentError('invalid from: expected a moment after 1970', { field: 'from' });
      const schedule = await log.read((s) => q.getSchedule(s, caller.tenant, req.name), readOptions(call));
      const cron = ownTiming(schedule, caller.tenant);
      const due = [];
      let t: number | null = req.fromMs === 0 ? clock.now() : req.fromMs;
      for (let i = 0; i < (req.count === 0 ? 10 : req.count); i++) {
        t = cron.after(t);
        if (t === null) break;
        due.push({ dueAtMs: t, local: formatLocal(schedule.tz, t) });
      }
      return { tz: schedule.tz, paused: schedule.paused, due };
    }),

    BackfillSchedule: unary(api, 'Control.BackfillSchedule', async (req, caller) => {
      const now = clock.now();
      if (req.fromMs <= 0 || req.toMs <= req.fromMs) {
        throw new InvalidArgumentError('invalid range: --from must come before --to', { field: 'from' });
      }
      if (req.toMs > now) throw new InvalidArgumentError('invalid --to: backfill is for due times that have passed; give a time before now', { field: 'to' });
      const schedule = await log.read((s) => q.getSchedule(s, caller.tenant, req.name));
      const timing = ownTiming(schedule, caller.tenant);
      const dueAts: number[] = [];
      for (let t = timing.after(req.fromMs - 1); t !== null && t < req.toMs; t = timing.after(t)) {
        if (dueAts.length === MAX_BACKFILL) {
          throw new InvalidArgumentError(`the range holds more than ${MAX_BACKFILL} due times; backfill a shorter one`, { field: 'to' });
        }
        dueAts.push(t);
      }
      if (dueAts.length === 0) throw new InvalidArgumentError('the schedule has no due time in that range', { field: 'from' });
      const runIds = dueAts.map(() => newId(now, random));
      const runs = await log.propose({ type: 'schedule.backfill', tenant: caller.tenant, name: schedule.name, dueAts, runIds, now, audit: caller.audit(`schedule/${schedule.name}`, 'schedules:backfill') });
      return { runs: runs.map((run) => runToWire(run)) };
    }),

    TriggerSchedule: unary(api, 'Control.TriggerSchedule', async (req, caller) => {
      const now = clock.now();
      const runId = newId(now, random);
      const env = Object.keys(req.env).length > 0 ? validateEnv(req.env) : undefined;
      // An agent free now takes the run in the entry that makes it (dispatch/placement.ts).
      const agent = placement?.reserve(caller.tenant, req.name, runId);
      const made = log.propose({
        type: 'schedule.trigger',
        tenant: caller.tenant,
        name: req.name,
        runId,
        now,
        ...(env === undefined ? {} : { env }),
        ...(agent === undefined ? {} : { agent }),
        audit: caller.audit(`schedule/${req.name}`),
      });
      if (agent !== undefined) made.then((run) => placement?.settle(runId, run), () => placement?.settle(runId, undefined));
      return runToWire(await made);
    }),

  };
}
