import { scheduleVersionKey } from '../storage/keys.js';
import { KEEP_VERSIONS, type ScheduleRecord, type ScheduleVersionRecord } from './records.js';
import type { Tx } from './tx.js';

// The versions of a schedule: each change that changes something is one, holding what it changed (before and after),
// so `parallax schedule versions NAME` can tell who broke the backup at 3 am. The newest KEEP_VERSIONS are kept.

/** The fields a version compares: what a user can set (state the FSM keeps for itself is left out). */
const VERSIONED: readonly (keyof ScheduleRecord)[] = [
  'cron',
  'tz',
  'paused',
  'spec',
  'selector',
  'requirements',
  'misfire',
  'catchupMs',
  'overlap',
  'queueMax',
  'jitterMs',
  'keep',
  'keepForMs',
  'retries',
  'backoffMinMs',
  'backoffMaxMs',
  'after',
  'startWithinMs',
];

/** Records version 1 of a new schedule. */
export function recordFirstVersion(tx: Tx, tenant: string, schedule: ScheduleRecord): ScheduleRecord {
  const record: ScheduleVersionRecord = { version: 1, at: schedule.createdAt, changes: [] };
  tx.putJson(scheduleVersionKey(tenant, schedule.name, 1), record);
  return { ...schedule, version: 1 };
}

/** Records the next version when `next` differs from `current`; returns `next` with its version. */
export function recordVersion(tx: Tx, tenant: string, current: ScheduleRecord, next: ScheduleRecord, at: number): ScheduleRecord {
  const changes = [];
  for (const field of VERSIONED) {
    const from = JSON.stringify(current[field] ?? null);
    const to = JSON.stringify(next[field] ?? null);
    if (from !== to) changes.push({ field, from, to });
  }
  const previous = current.version ?? 1;
  if (changes.length === 0) return { ...next, version: previous };
  const version = previous + 1;
  const record: ScheduleVersionRecord = { version, at, changes };
  tx.putJson(scheduleVersionKey(tenant, next.name, version), record);
  if (version > KEEP_VERSIONS) tx.del(scheduleVersionKey(tenant, next.name, version - KEEP_VERSIONS));
  return { ...next, version };
}

/** Removes every version a schedule still has (it is deleted). */
export function dropVersions(tx: Tx, tenant: string, schedule: ScheduleRecord): void {
  const last = schedule.version ?? 1;
  for (let v = Math.max(1, last - KEEP_VERSIONS + 1); v <= last; v++) tx.del(scheduleVersionKey(tenant, schedule.name, v));
}
