import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import type { ScheduleRecord } from '../../src/coordinator/state/records.js';
import * as q from '../../src/coordinator/state/queries.js';
import { Tx } from '../../src/coordinator/state/tx.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { tempDir } from '../helpers/tmp.js';

const spec = { shell: 'echo hi', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };
const schedule = (name: string, createdAt: number): ScheduleRecord => ({
  name,
  cron: '*/2 * * * * *',
  tz: 'UTC',
  paused: false,
  spec,
  selector: {},
  createdAt,
  lastFiredDueAt: 0,
});
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A realistic history: schedules, fires (one repeated), leases, output past the limit, ends, variables. */
function history(): Command[] {
  const t = 'default';
  const cmds: Command[] = [
    { type: 'schedule.create', tenant: t, schedule: schedule('hello', 1_000) },
    { type: 'schedule.create', tenant: t, schedule: schedule('backup', 1_001) },
    { type: 'variable.put', tenant: t, key: 'app/db-url', value: b64('postgres://db/app'), now: 1_002 },
    { type: 'schedule.fire', tenant: t, name: 'hello', dueAt: 2_000, runId: 'r1', now: 2_001 },
    { type: 'schedule.fire', tenant: t, name: 'hello', dueAt: 2_000, runId: 'r1-again', now: 2_002 },
    { type: 'run.lease', tenant: t, runId: 'r1', agent: 'a1', attempt: 1, now: 2_003 },
    { type: 'run.started', tenant: t, runId: 'r1', agent: 'a1', attempt: 1, reportedAt: 2_003, now: 2_004 },
  ];
  for (let seq = 0; seq < 40; seq++) {
    cmds.push({ type: 'run.output', tenant: t, runId: 'r1', agent: 'a1', attempt: 1, pieces: [{ seq, stream: seq % 3 ? 'stdout' : 'stderr', data: b64(`line ${seq} `.padEnd(100, '.')) }] });
  }
  cmds.push(
    { type: 'run.finish', tenant: t, runId: 'r1', agent: 'a1', attempt: 1, state: 'succeeded', exitCode: 0, signal: '', error: '', reportedAt: 2_990, now: 3_000 },
    { type: 'schedule.trigger', tenant: t, name: 'backup', runId: 'r2', now: 3_001 },
    { type: 'run.abort', tenant: t, runId: 'r2', attempt: 0, state: 'failed', error: 'variable missing', now: 3_002 },
    { type: 'schedule.delete', tenant: t, name: 'backup' },
    { type: 'agent.register', name: 'a1', hostname: 'h1', labels: { zone: 'a' }, capacity: 4, version: '0.1.0', now: 3_003 },
  );
  return cmds;
}

/** A store where run "r" of schedule "s" is leased to agent a1 as attempt 1 (in a transaction not yet written). */
async function leasedRun() {
  const store = await Store.open(tempDir());
  const fsm = new Fsm({ maxOutputBytesPerRun: 1_000 });
  const tx = new Tx(store);
  const t = 'default';
  await fsm.apply({ type: 'schedule.create', tenant: t, schedule: schedule('s', 1) }, tx, () => {});
  await fsm.apply({ type: 'schedule.trigger', tenant: t, name: 's', runId: 'r', now: 2 }, tx, () => {});
  await fsm.apply({ type: 'run.lease', tenant: t, runId: 'r', agent: 'a1', attempt: 1, now: 3 }, tx, () => {});
  return { store, fsm, tx, t };
}

async function applyAll(dir: string, cmds: Command[], batchSize: number): Promise<{ dump: string; outcomes: string[] }> {
  const store = await Store.open(dir);
  const fsm = new Fsm({ maxOutputBytesPerRun: 1_000 });
  const outcomes: string[] = [];
  for (let i = 0; i < cmds.length; i += batchSize) {
    const tx = new Tx(store);
    for (const cmd of cmds.slice(i, i + batchSize)) {
      outcomes.push(await fsm.apply(cmd, tx, () => {}).then((r) => JSON.stringify(r), (e: Error) => `error: ${e.message}`));
    }
    await store.write(tx.ops(), false);
  }
  const entries: string[] = [];
  for await (const [k, v] of store.scan({ gte: '', lt: '\u00ff' })) entries.push(`${k}=${v.toString('base64')}`);
  await store.close();
  return { dump: entries.join('\n'), outcomes };
}

describe('FSM', () => {
  it('gives byte-identical state for the same commands, however they are batched', async () => {
    const cmds = history();
    const one = await applyAll(tempDir(), cmds, 1);
    const many = await applyAll(tempDir(), cmds, 7);
    expect(many.dump).toBe(one.dump);
    expect(many.outcomes).toEqual(one.outcomes);
  });

  it('fires a due time once: a repeated fire is a no-op', async () => {
    const { outcomes } = await applyAll(tempDir(), history(), 5);
    expect(JSON.parse(outcomes[3]!).run.id).toBe('r1');
    expect(JSON.parse(outcomes[4]!)).toEqual({ run: null });
  });

  it('keeps the tail of the output within the per-run limit and counts what it dropped', async () => {
    const dir = tempDir();
    const { outcomes } = await applyAll(dir, history(), 3);
    const finished = JSON.parse(outcomes[47]!);
    expect(finished.state).toBe('succeeded');
    expect(finished.outputBytes).toBe(1_000);
    expect(finished.truncatedBytes).toBe(3_000);
  });

  it('refuses reports for an attempt that is not current, and changes nothing', async () => {
    const { store, fsm, tx, t } = await leasedRun();
    const before = tx.ops().map((op) => JSON.stringify(op)).join();
    await expect(
      fsm.apply({ type: 'run.started', tenant: t, runId: 'r', agent: 'a1', attempt: 2, reportedAt: 0, now: 4 }, tx, () => {}),
    ).rejects.toThrow(/attempt 2 of run r .* is no longer current/);
    await expect(
      fsm.apply({ type: 'run.finish', tenant: t, runId: 'r', agent: 'a2', attempt: 1, state: 'succeeded', exitCode: 0, signal: '', error: '', reportedAt: 0, now: 4 }, tx, () => {}),
    ).rejects.toThrow(/no longer current/);
    expect(tx.ops().map((op) => JSON.stringify(op)).join()).toBe(before);
    await store.close();
  });

  it('answers a repeated end report like the first one (its acknowledgement was lost on the way back)', async () => {
    const { store, fsm, tx, t } = await leasedRun();
    const finish = { type: 'run.finish', tenant: t, runId: 'r', agent: 'a1', attempt: 1, state: 'failed', exitCode: 3, signal: '', error: '', reportedAt: 0, now: 5 } as const;
    const first = await fsm.apply(finish, tx, () => {});
    const events: unknown[] = [];
    const again = await fsm.apply({ ...finish, now: 9 }, tx, (e) => events.push(e));
    expect(again).toEqual(first);
    expect(again).toMatchObject({ state: 'failed', exitCode: 3, startedAt: 5, endedAt: 5 });
    expect(events).toEqual([]);
    await store.close();
  });

  it('takes the start of a run that ended before it was reported started from its end report, within the lease and the end', async () => {
    const { store, fsm, tx, t } = await leasedRun();
    const finish = { type: 'run.finish', tenant: t, runId: 'r', agent: 'a1', attempt: 1, state: 'succeeded', exitCode: 0, signal: '', error: '', reportedAt: 8, startedReportedAt: 6, now: 10 } as const;
    expect(await fsm.apply(finish, tx, () => {})).toMatchObject({ state: 'succeeded', startedAt: 6, endedAt: 8 });

    const skewed = await leasedRun();
    // An agent clock behind the leader's cannot put the start before the lease (3), nor the end before the start.
    const early = { ...finish, reportedAt: 1, startedReportedAt: 1 };
    expect(await skewed.fsm.apply(early, skewed.tx, () => {})).toMatchObject({ startedAt: 3, endedAt: 3 });
    await store.close();
    await skewed.store.close();
  });

  it('keeps every tenant under its own prefix', async () => {
    const store = await Store.open(tempDir());
    const fsm = new Fsm({ maxOutputBytesPerRun: 1_000 });
    const tx = new Tx(store);
    await fsm.apply({ type: 'schedule.create', tenant: 'payments', schedule: schedule('s', 1) }, tx, () => {});
    await fsm.apply({ type: 'variable.put', tenant: 'payments', key: 'k', value: b64('v'), now: 1 }, tx, () => {});
    await fsm.apply({ type: 'schedule.trigger', tenant: 'payments', name: 's', runId: 'r', now: 2 }, tx, () => {});
    for (const op of tx.ops()) expect(op.key.startsWith('t/payments/')).toBe(true);
    await expect(fsm.apply({ type: 'schedule.trigger', tenant: 'default', name: 's', runId: 'r2', now: 2 }, tx, () => {})).rejects.toThrow(
      'schedule "s" not found',
    );
    await store.close();
  });

  it('changes only the fields an update names; a resume or a new cron skips the due times that passed', async () => {
    const store = await Store.open(tempDir());
    const fsm = new Fsm({ maxOutputBytesPerRun: 1_000 });
    const tx = new Tx(store);
    const t = 'default';
    const apply = <C extends Command>(cmd: C) => fsm.apply(cmd, tx, () => {});
    await apply({ type: 'schedule.create', tenant: t, schedule: { ...schedule('s', 1_000), overlap: 'allow' } });
    await apply({ type: 'schedule.fire', tenant: t, name: 's', dueAt: 2_000, runId: 'r1', now: 2_001 });

    const paused = await apply({ type: 'schedule.update', tenant: t, name: 's', changes: { paused: true }, now: 3_000 });
    expect(paused).toMatchObject({ paused: true, cron: '*/2 * * * * *', lastFiredDueAt: 2_000 });
    expect(paused.notBefore).toBeUndefined();
    expect(await apply({ type: 'schedule.fire', tenant: t, name: 's', dueAt: 4_000, runId: 'r2', now: 4_001 })).toEqual({ run: null });

    const resumed = await apply({ type: 'schedule.update', tenant: t, name: 's', changes: { paused: false }, now: 9_000 });
    expect(resumed).toMatchObject({ paused: false, notBefore: 9_000 });
    // Due while paused, proposed late: not fired. Due after the resume: fired.
    expect(await apply({ type: 'schedule.fire', tenant: t, name: 's', dueAt: 8_000, runId: 'r3', now: 9_001 })).toEqual({ run: null });
    expect((await apply({ type: 'schedule.fire', tenant: t, name: 's', dueAt: 10_000, runId: 'r4', now: 10_001 })).run?.id).toBe('r4');

    const timeout = await apply({ type: 'schedule.update', tenant: t, name: 's', changes: { spec: { ...spec, timeoutMs: 60_000 } }, now: 11_000 });
    expect(timeout).toMatchObject({ notBefore: 9_000, spec: { shell: 'echo hi', timeoutMs: 60_000 } });
    const retimed = await apply({ type: 'schedule.update', tenant: t, name: 's', changes: { cron: '0 * * * * *' }, now: 12_000 });
    expect(retimed).toMatchObject({ cron: '0 * * * * *', notBefore: 12_000, spec: { timeoutMs: 60_000 } });

    await expect(apply({ type: 'schedule.update', tenant: t, name: 'nope', changes: { paused: true }, now: 13_000 })).rejects.toThrow(/schedule "nope"/);
    await store.close();
  });

  it('forbids overlap by default: a due time while a run is active is one missed range, and fires resume when it ends', async () => {
    const store = await Store.open(tempDir());
    const fsm = new Fsm({ maxOutputBytesPerRun: 1_000 });
    const tx = new Tx(store);
    const t = 'default';
    const apply = <C extends Command>(cmd: C) => fsm.apply(cmd, tx, () => {});
    const fire = (dueAt: number, runId: string) => apply({ type: 'schedule.fire', tenant: t, name: 's', dueAt, runId, now: dueAt + 1 });
    await apply({ type: 'schedule.create', tenant: t, schedule: schedule('s', 1_000) });
    expect((await fire(2_000, 'r1')).run?.id).toBe('r1');
    expect(await fire(4_000, 'r2')).toEqual({ run: null });
    expect(await fire(6_000, 'r3')).toEqual({ run: null });
    await store.write(tx.ops(), false);
    expect(await q.listMisses(store, t, 's', 10)).toEqual([
      { from: 4_000, to: 6_000, count: 2, reason: 'a run of it was still active (overlap policy forbid)', recordedAt: 6_001 },
    ]);
    await apply({ type: 'run.lease', tenant: t, runId: 'r1', agent: 'a1', attempt: 1, now: 6_100 });
    await apply({ type: 'run.finish', tenant: t, runId: 'r1', agent: 'a1', attempt: 1, state: 'succeeded', exitCode: 0, signal: '', error: '', reportedAt: 6_200, now: 6_200 });
    expect((await fire(8_000, 'r4')).run?.id).toBe('r4');
    // allow: a second run starts while the first is active.
    await apply({ type: 'schedule.update', tenant: t, name: 's', changes: { overlap: 'allow' }, now: 8_500 });
    expect((await fire(10_000, 'r5')).run?.id).toBe('r5');
    expect(await tx.keys('t/default/sa/s/')).toEqual(['t/default/sa/s/r4', 't/default/sa/s/r5']);
    await store.close();
  });
});
