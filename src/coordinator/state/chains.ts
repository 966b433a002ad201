import { InvalidArgumentError, NotFoundError } from '../../common/errors.js';
import { scheduleKey } from '../storage/keys.js';
import type { ScheduleRecord } from './records.js';
import type { Tx } from './tx.js';

// Chains (`--after`): each schedule names at most one upstream, and the upstream lists the schedules chained after
// it (`chained`), so the FSM finds them when a run ends without scanning. A chain may not loop back on itself.

/** Refuses (before anything is written) an upstream that does not exist, or one that would make a cycle. */
export async function checkChain(tx: Tx, tenant: string, downstream: string, upstream: string): Promise<ScheduleRecord> {
  const schedule = await tx.getJson<ScheduleRecord>(scheduleKey(tenant, upstream));
  if (schedule === undefined) {
    throw new NotFoundError(`schedule "${upstream}" (named by --after) not found`, { field: 'after' });
  }
  const path = [downstream];
  const seen = new Set<string>();
  for (let name: string | undefined = upstream; name !== undefined && !seen.has(name); ) {
    seen.add(name);
    path.push(name);
    if (name === downstream) {
      throw new InvalidArgumentError(`--after ${upstream} would make a cycle: ${path.join(' → ')}`, { field: 'after' });
    }
    name = (await tx.getJson<ScheduleRecord>(scheduleKey(tenant, name)))?.after?.schedule;
  }
  return schedule;
}

/** Records that `downstream` runs after `upstream`; refuses what checkChain refuses. */
export async function linkChain(tx: Tx, tenant: string, downstream: string, upstream: string): Promise<void> {
  const schedule = await checkChain(tx, tenant, downstream, upstream);
  const chained = [...new Set([...(schedule.chained ?? []), downstream])].sort();
  tx.putJson(scheduleKey(tenant, upstream), { ...schedule, chained });
}

/** Forgets that `downstream` runs after `upstream`. */
export async function unlinkChain(tx: Tx, tenant: string, downstream: string, upstream: string): Promise<void> {
  const schedule = await tx.getJson<ScheduleRecord>(scheduleKey(tenant, upstream));
  if (schedule === undefined) return;
  const chained = (schedule.chained ?? []).filter((name) => name !== downstream);
  const next: ScheduleRecord = { ...schedule, chained };
  if (chained.length === 0) delete next.chained;
  tx.putJson(scheduleKey(tenant, upstream), next);
}
