import type { Level } from 'level';
import { FORMAT_KEY, scheduleActivePrefix, TENANT_PREFIX } from './keys.js';

/** A schedule record's key: t/<tenant>/s/<name>. */
const SCHEDULE_KEY = /^t\/([^/]+)\/s\/([^/]+)$/;

/**
 * Format 3 to 4: a schedule's active runs move from a list in its record to keys of their own (records.ts:
 * activeRuns). Every node of a cluster holds the same state, so each migrating its own gives the same bytes. One
 * synced batch with the new format: a crash leaves the data directory in format 3 or in format 4.
 */
export async function migrate3to4(db: Level<string, Buffer>): Promise<void> {
  const batch = db.batch();
  for await (const [key, value] of db.iterator({ gte: TENANT_PREFIX, lt: `${TENANT_PREFIX}\u00ff` })) {
    const match = SCHEDULE_KEY.exec(key);
    if (match === null) continue;
    const record = JSON.parse(value.toString('utf8')) as { activeRuns?: string[] };
    if (record.activeRuns === undefined) continue;
    for (const id of record.activeRuns) batch.put(scheduleActivePrefix(match[1]!, match[2]!) + id, Buffer.alloc(0));
    delete record.activeRuns;
    batch.put(key, Buffer.from(JSON.stringify(record), 'utf8'));
  }
  batch.put(FORMAT_KEY, Buffer.from('4'));
  await batch.write({ sync: true });
}

/**
 * Format 4 to 5: nothing to move. Format 5 adds a snapshot staged under M/snapshot/ and a marker of an install in
 * progress (snapshot-stage.ts), which a node of format 4 would ignore: the number keeps such a node out.
 */
export async function migrate4to5(db: Level<string, Buffer>): Promise<void> {
  await db.put(FORMAT_KEY, Buffer.from('5'), { sync: true });
}
