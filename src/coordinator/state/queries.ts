import { NotFoundError } from '../../common/errors.js';
import {
  AGENT_PREFIX,
  countersKey,
  outputKey,
  runKey,
  runPrefix,
  missesPrefix,
  runsOfSchedulePrefix,
  scheduleActivePrefix,
  schedulesActivePrefix,
  scheduleKey,
  schedulePrefix,
  scheduleVersionsPrefix,
  variableKey,
  variablePrefix,
} from '../storage/keys.js';
import { type KvReader, prefixEnd } from '../storage/kv.js';
import { decodeChunk } from './fsm.js';
import type { AgentRecord, MissRecord, RunRecord, ScheduleRecord, ScheduleVersionRecord, TenantCounters, VariableRecord } from './records.js';

/** Reads of the replicated state. Each takes the tenant it reads; none crosses tenants but the cluster's own. */

function parse<T>(value: Buffer): T {
  return JSON.parse(value.toString('utf8')) as T;
}

export async function getSchedule(state: KvReader, tenant: string, name: string): Promise<ScheduleRecord> {
  const value = await state.get(scheduleKey(tenant, name));
  if (value === undefined) throw new NotFoundError(`schedule "${name}" not found`, { field: 'name' });
  return withActiveRuns(state, tenant, parse<ScheduleRecord>(value));
}

/** The record with its active runs, from their keys (records.ts: activeRuns). */
export async function withActiveRuns(state: KvReader, tenant: string, schedule: ScheduleRecord): Promise<ScheduleRecord> {
  const prefix = scheduleActivePrefix(tenant, schedule.name);
  const activeRuns: string[] = [];
  for await (const [key] of state.scan({ gte: prefix, lt: prefixEnd(prefix) })) activeRuns.push(key.slice(prefix.length));
  return { ...schedule, activeRuns };
}

/** A tenant's schedules in name order; with `after` and `limit`, at most `limit` of those named after `after`. */
export async function listSchedules(state: KvReader, tenant: string, page: { after?: string; limit?: number } = {}): Promise<ScheduleRecord[]> {
  const prefix = schedulePrefix(tenant);
  const gte = page.after === undefined ? prefix : `${prefix}${page.after}\u0000`;
  const schedules: ScheduleRecord[] = [];
  for await (const [, value] of state.scan({ gte, lt: prefixEnd(prefix), limit: page.limit ?? -1 })) schedules.push(parse(value));
  if (schedules.length === 0) return schedules;
  // The active runs of every schedule listed, through one scan: their keys sort by schedule name, as the list does.
  const active = new Map<string, string[]>();
  const base = schedulesActivePrefix(tenant);
  const range = { gte: scheduleActivePrefix(tenant, schedules[0]!.name), lt: prefixEnd(scheduleActivePrefix(tenant, schedules.at(-1)!.name)) };
  for await (const [key] of state.scan(range)) {
    const [name = '', id = ''] = key.slice(base.length).split('/');
    const ids = active.get(name);
    if (ids === undefined) active.set(name, [id]);
    else ids.push(id);
  }
  return schedules.map((schedule) => ({ ...schedule, activeRuns: active.get(schedule.name) ?? [] }));
}

export async function getRun(state: KvReader, tenant: string, id: string): Promise<RunRecord> {
  const value = await state.get(runKey(tenant, id));
  if (value === undefined) throw new NotFoundError(`run "${id}" not found`, { field: 'id' });
  return parse<RunRecord>(value);
}

/**
 * The newest `limit` runs of a tenant (or of one schedule) that `match` accepts, newest first (run ids sort by creation
 * time). Without `match` the scan stops at `limit`; with it, it reads on until it has found that many or the runs end
 * (retention bounds them).
 */
export async function listRuns(
  state: KvReader,
  tenant: string,
  options: { schedule?: string; limit: number; match?: (run: RunRecord) => boolean },
): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  const { match } = options;
  const scanLimit = match === undefined ? options.limit : undefined;
  const take = (run: RunRecord) => {
    if (match === undefined || match(run)) runs.push(run);
    return runs.length >= options.limit;
  };
  if (options.schedule !== undefined) {
    const prefix = runsOfSchedulePrefix(tenant, options.schedule);
    for await (const [key] of state.scan({ gte: prefix, lt: prefixEnd(prefix), reverse: true, ...(scanLimit === undefined ? {} : { limit: scanLimit }) })) {
      const value = await state.get(runKey(tenant, key.slice(prefix.length)));
      if (value !== undefined && take(parse(value))) break;
    }
  } else {
    const prefix = runPrefix(tenant);
    for await (const [, value] of state.scan({ gte: prefix, lt: prefixEnd(prefix), reverse: true, ...(scanLimit === undefined ? {} : { limit: scanLimit }) })) {
      if (take(parse(value))) break;
    }
  }
  return runs;
}

export interface StoredChunk {
  index: number;
  stream: 'stdout' | 'stderr';
  data: Buffer;
}

/** Output chunks of a run from chunk index `from` on, in order. */
export async function readOutput(state: KvReader, tenant: string, runId: string, from: number): Promise<StoredChunk[]> {
  const chunks: StoredChunk[] = [];
  const start = outputKey(tenant, runId, from);
  const end = prefixEnd(outputKey(tenant, runId, 0).slice(0, -10));
  for await (const [key, value] of state.scan({ gte: start, lt: end })) {
    chunks.push({ index: Number(key.slice(-10)), ...decodeChunk(value) });
  }
  return chunks;
}

export async function listAgents(state: KvReader): Promise<AgentRecord[]> {
  const agents: AgentRecord[] = [];
  for await (const [, value] of state.scan({ gte: AGENT_PREFIX, lt: prefixEnd(AGENT_PREFIX) })) agents.push(parse(value));
  return agents;
}

export async function getVariable(state: KvReader, tenant: string, key: string): Promise<VariableRecord> {
  const value = await state.get(variableKey(tenant, key));
  if (value === undefined) throw new NotFoundError(`variable "${key}" not found`, { field: 'key' });
  return parse<VariableRecord>(value);
}

export async function listVariables(state: KvReader, tenant: string, keyPrefix: string): Promise<VariableRecord[]> {
  const prefix = variablePrefix(tenant);
  const variables: VariableRecord[] = [];
  for await (const [, value] of state.scan({ gte: prefix + keyPrefix, lt: prefixEnd(prefix + keyPrefix) })) {
    variables.push(parse(value));
  }
  return variables;
}

export async function counters(state: KvReader, tenant: string): Promise<TenantCounters> {
  const value = await state.get(countersKey(tenant));
  return value === undefined ? { schedules: 0, runs: 0, runsActive: 0 } : parse<TenantCounters>(value);
}

/** A schedule's recorded misses, the latest first. */
export async function listMisses(state: KvReader, tenant: string, schedule: string, limit: number): Promise<MissRecord[]> {
  const prefix = missesPrefix(tenant, schedule);
  const misses: MissRecord[] = [];
  for await (const [, value] of state.scan({ gte: prefix, lt: prefixEnd(prefix), reverse: true, limit })) misses.push(parse(value));
  return misses;
}

/** A schedule's versions, the newest first. */
export async function listVersions(state: KvReader, tenant: string, schedule: string, limit: number): Promise<ScheduleVersionRecord[]> {
  const prefix = scheduleVersionsPrefix(tenant, schedule);
  const versions: ScheduleVersionRecord[] = [];
  for await (const [, value] of state.scan({ gte: prefix, lt: prefixEnd(prefix), reverse: true, limit })) versions.push(parse(value));
  return versions;
}
