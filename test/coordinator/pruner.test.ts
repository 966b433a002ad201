import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import { RaftLog } from '../../src/coordinator/replication/raft-log.js';
import { Pruner } from '../../src/coordinator/retention/pruner.js';
import { DEFAULT_LIMITS } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import * as q from '../../src/coordinator/state/queries.js';
import type { ScheduleRecord } from '../../src/coordinator/state/records.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { outputKey } from '../../src/coordinator/storage/keys.js';
import { newId } from '../../src/common/ids.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const quiet = createLogger('test', { level: 'error' });
const spec = { shell: 'true', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('retention', () => {
  it('prunes ended runs beyond the newest `keep` and older than `keep-for`, with their output, and never an active run', async () => {
    const store = await Store.open(tempDir());
    const log = await RaftLog.open(store, new Fsm(DEFAULT_LIMITS), quiet, { nodeId: 'n1', membership: { voters: ['n1'], learners: [], addresses: {} } });
    await waitFor('n1 to lead', () => log.isLeader());
    const t = 'default';
    const schedule: ScheduleRecord = { name: 's', cron: '0 0 1 1 *', tz: 'UTC', paused: true, spec, selector: {}, createdAt: T0 - 40 * DAY, lastFiredDueAt: 0, overlap: 'allow', keep: 3, keepForMs: 30 * DAY };
    await log.propose({ type: 'schedule.create', tenant: t, schedule });
    let n = 0;
    const random = () => Uint8Array.from({ length: 10 }, () => n++ % 256);
    /** A run made at `at`, ended (with a line of output) unless `active`. */
    const run = async (at: number, active = false) => {
      const id = newId(at, random);
      await log.propose({ type: 'schedule.trigger', tenant: t, name: 's', runId: id, now: at });
      if (active) return id;
      await log.propose({ type: 'run.lease', tenant: t, runId: id, agent: 'a1', attempt: 1, now: at + 1 });
      await log.propose({ type: 'run.output', tenant: t, runId: id, agent: 'a1', attempt: 1, pieces: [{ seq: 0, stream: 'stdout', data: Buffer.from('hi\n').toString('base64') }] });
      await log.propose({ type: 'run.finish', tenant: t, runId: id, agent: 'a1', attempt: 1, state: 'succeeded', exitCode: 0, signal: '', error: '', reportedAt: at + 2, now: at + 2 });
      return id;
    };
    const old = await run(T0 - 35 * DAY); // older than keep-for
    const active = await run(T0 - 34 * DAY, true); // old, but still active
    const a = await run(T0 - 3 * DAY);
    const b = await run(T0 - 2 * DAY);
    const c = await run(T0 - 1 * DAY);
    const d = await run(T0 - 1_000);

    const pruner = new Pruner(log, { now: () => T0 }, quiet);
    const tenants = () => store.tenants();
    expect(await pruner.sweep(tenants)).toBe(2);
    const left = (await log.read((s) => q.listRuns(s, t, { schedule: 's', limit: 100 }))).map((r) => r.id).sort();
    // The three newest stay; of the older ones, the active run stays and the ended ones go, with their output.
    expect(left).toEqual([active, b, c, d].sort());
    expect(await store.get(outputKey(t, a, 0))).toBeUndefined();
    expect(await store.get(outputKey(t, old, 0))).toBeUndefined();
    expect(await store.get(outputKey(t, d, 0))).toBeDefined();
    expect((await log.read((s) => q.counters(s, t))).runs).toBe(4);
    // A second sweep has nothing to do.
    expect(await pruner.sweep(tenants)).toBe(0);
    await log.close();
    await store.close();
  });

  it('goes round the schedules a few per sweep, reading only those it looks at', async () => {
    const store = await Store.open(tempDir());
    const log = await RaftLog.open(store, new Fsm(DEFAULT_LIMITS), quiet, { nodeId: 'n1', membership: { voters: ['n1'], learners: [], addresses: {} } });
    await waitFor('n1 to lead', () => log.isLeader());
    const t = 'default';
    let n = 0;
    const random = () => Uint8Array.from({ length: 10 }, () => n++ % 256);
    for (const name of ['a', 'b', 'c']) {
      const schedule: ScheduleRecord = { name, cron: '0 0 1 1 *', tz: 'UTC', paused: true, spec, selector: {}, createdAt: T0 - DAY, lastFiredDueAt: 0, overlap: 'allow', keep: 1 };
      await log.propose({ type: 'schedule.create', tenant: t, schedule });
      for (const at of [T0 - 2_000, T0 - 1_000]) {
        const id = newId(at, random);
        await log.propose({ type: 'schedule.trigger', tenant: t, name, runId: id, now: at });
        await log.propose({ type: 'run.abort', tenant: t, runId: id, attempt: 0, state: 'failed', error: 'test', now: at + 1 });
      }
    }
    const pruner = new Pruner(log, { now: () => T0 }, quiet, { schedulesPerSweep: 2 });
    const tenants = () => store.tenants();
    expect(await pruner.sweep(tenants)).toBe(2); // a and b
    expect(await pruner.sweep(tenants)).toBe(1); // c
    expect(await pruner.sweep(tenants)).toBe(0); // round again: nothing left
    for (const name of ['a', 'b', 'c']) expect(await log.read((s) => q.listRuns(s, t, { schedule: name, limit: 10 }))).toHaveLength(1);
    await log.close();
    await store.close();
  });
});
