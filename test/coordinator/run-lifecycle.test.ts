import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/coordinator/state/backoff.js';
import type { Command } from '../../src/coordinator/state/commands.js';
import type { StateEvent } from '../../src/coordinator/state/events.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import * as q from '../../src/coordinator/state/queries.js';
import type { RunRecord, ScheduleRecord } from '../../src/coordinator/state/records.js';
import { Tx } from '../../src/coordinator/state/tx.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { tempDir } from '../helpers/tmp.js';

// Retries, cancel, the overlap policies replace and queue, and chains, as the FSM applies them: each command in its
// own batch, as the log does, and what a user would then read back.

const T = 'default';
const spec = { shell: 'true', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };

function schedule(name: string, extra: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return { name, cron: '* * * * * *', tz: 'UTC', paused: false, spec, selector: {}, createdAt: 1, lastFiredDueAt: 0, ...extra };
}

class World {
  readonly events: StateEvent[] = [];
  private readonly fsm = new Fsm({ maxOutputBytesPerRun: 10_000 });
  private constructor(readonly store: Store) {}

  static async open(): Promise<World> {
    return new World(await Store.open(tempDir()));
  }

  async apply<C extends Command>(cmd: C) {
    const tx = new Tx(this.store);
    const result = await this.fsm.apply(cmd, tx, (e) => this.events.push(e));
    await this.store.write(tx.ops(), false);
    return result;
  }

  /** Applies a command that must be refused, and checks it wrote nothing. */
  async refused(cmd: Command): Promise<string> {
    const tx = new Tx(this.store);
    const error = await this.fsm.apply(cmd, tx, () => {}).then(
      () => 'applied',
      (e: Error) => e.message,
    );
    expect(tx.ops()).toEqual([]);
    return error;
  }

  run(id: string): Promise<RunRecord> {
    return q.getRun(this.store, T, id);
  }

  schedule(name: string): Promise<ScheduleRecord> {
    return q.getSchedule(this.store, T, name);
  }

  lease(runId: string, attempt: number, now: number, agent = 'a1') {
    return this.apply({ type: 'run.lease', tenant: T, runId, agent, attempt, now });
  }

  finish(runId: string, attempt: number, state: 'succeeded' | 'failed' | 'timed_out', now: number, agent = 'a1') {
    const exitCode = state === 'succeeded' ? 0 : state === 'failed' ? 1 : null;
    return this.apply({ type: 'run.finish', tenant: T, runId, agent, attempt, state, exitCode, signal: '', error: '', reportedAt: 0, now });
  }

  fire(name: string, dueAt: number, runId: string) {
    return this.apply({ type: 'schedule.fire', tenant: T, name, dueAt, runId, now: dueAt + 1 });
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

let world: World;
afterEach(async () => world?.close());

describe('retries', () => {
  it('runs a failed attempt again after the backoff, numbers the attempts, and ends with the last one', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('flaky', { retries: 2, backoffMinMs: 1_000, backoffMaxMs: 60_000 }) });
    await world.fire('flaky', 1_000, 'r1');
    await world.lease('r1', 1, 1_010);
    const requeued = await world.finish('r1', 1, 'failed', 1_500);
    expect(requeued.state).toBe('queued');
    expect(requeued.attempts).toEqual([expect.objectContaining({ attempt: 1, agent: 'a1', state: 'failed', exitCode: 1, endedAt: 1_500 })]);
    expect(requeued.retryAt).toBeGreaterThanOrEqual(1_500 + 1_000);
    expect(requeued.retryAt).toBeLessThanOrEqual(1_500 + 1_000);

    // Not before the backoff has passed.
    expect(await world.refused({ type: 'run.lease', tenant: T, runId: 'r1', agent: 'a2', attempt: 2, now: requeued.retryAt! - 1 })).toMatch(
      /not to be retried before/,
    );
    await world.lease('r1', 2, requeued.retryAt!, 'a2');
    const second = await world.apply({ type: 'run.abort', tenant: T, runId: 'r1', attempt: 2, state: 'lost', error: 'agent a2 stopped', now: 5_000 });
    expect(second.state).toBe('queued');
    // The second delay doubles (with jitter: between 1 and 2 seconds).
    expect(second.retryAt! - 5_000).toBeGreaterThanOrEqual(1_000);
    expect(second.retryAt! - 5_000).toBeLessThanOrEqual(2_000);

    await world.lease('r1', 3, second.retryAt!);
    const last = await world.finish('r1', 3, 'timed_out', 90_000);
    expect(last.state).toBe('timed_out');
    expect(last.attempt).toBe(3);
    expect(last.attempts?.map((a) => `${a.attempt}:${a.agent}:${a.state}`)).toEqual(['1:a1:failed', '2:a2:lost']);
    expect((await world.schedule('flaky')).activeRuns).toEqual([]);
    expect((await q.counters(world.store, T)).runsActive).toBe(0);
  });

  it('does not retry a success, a cancel, or a run that never had an attempt', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('s', { retries: 5 }) });
    await world.fire('s', 1_000, 'ok');
    await world.lease('ok', 1, 1_001);
    expect((await world.finish('ok', 1, 'succeeded', 1_002)).state).toBe('succeeded');
    await world.fire('s', 2_000, 'never');
    const aborted = await world.apply({ type: 'run.abort', tenant: T, runId: 'never', attempt: 0, state: 'failed', error: 'variable "x" not found', now: 2_002 });
    expect(aborted.state).toBe('failed');
  });

  it('keeps the delay within its bounds, growing, and the same on every node', () => {
    let previous = 0;
    for (let attempt = 1; attempt <= 12; attempt++) {
      const delay = backoffDelay('run-x', attempt, 10_000, 300_000);
      expect(delay).toBe(backoffDelay('run-x', attempt, 10_000, 300_000));
      expect(delay).toBeGreaterThanOrEqual(10_000);
      expect(delay).toBeLessThanOrEqual(300_000);
      if (attempt >= 3) expect(delay).toBeGreaterThanOrEqual(previous / 2);
      previous = delay;
    }
    expect(backoffDelay('run-x', 30, 10_000, 300_000)).toBeGreaterThanOrEqual(150_000);
  });
});

describe('cancel', () => {
  it('ends a queued or a running run as cancelled, and refuses one that has ended', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('s', { overlap: 'allow', retries: 3 }) });
    await world.fire('s', 1_000, 'queued');
    await world.fire('s', 2_000, 'running');
    await world.lease('running', 1, 2_001);
    const cancelled = await world.apply({ type: 'run.cancel', tenant: T, runId: 'running', reason: 'cancelled by alice', now: 2_500 });
    expect(cancelled).toMatchObject({ state: 'cancelled', agent: 'a1', attempt: 1, error: 'cancelled by alice', endedAt: 2_500 });
    expect((await world.apply({ type: 'run.cancel', tenant: T, runId: 'queued', reason: 'no', now: 2_600 })).state).toBe('cancelled');
    expect(await world.refused({ type: 'run.cancel', tenant: T, runId: 'queued', reason: 'again', now: 2_700 })).toMatch(/already ended \(cancelled\)/);
    // The agent's late report of the cancelled attempt is fenced off.
    expect(await world.refused({ type: 'run.finish', tenant: T, runId: 'running', agent: 'a1', attempt: 1, state: 'failed', exitCode: 1, signal: '', error: '', reportedAt: 0, now: 3_000 })).toMatch(
      /no longer current/,
    );
    expect((await world.schedule('s')).activeRuns).toEqual([]);
  });
});

describe('overlap', () => {
  it('replace cancels the active run, then starts the new one', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('s', { overlap: 'replace' }) });
    await world.fire('s', 1_000, 'old');
    await world.lease('old', 1, 1_001);
    const { run } = await world.fire('s', 2_000, 'new');
    expect(run?.state).toBe('queued');
    expect(await world.run('old')).toMatchObject({ state: 'cancelled', error: 'replaced by run new (overlap policy replace)', endedAt: 2_001 });
    expect((await world.schedule('s')).activeRuns).toEqual(['new']);
  });

  it('queue:2 holds two runs while one is active, records the third as missed, and releases them in order', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('s', { overlap: 'queue', queueMax: 2 }) });
    await world.fire('s', 1_000, 'r1');
    await world.lease('r1', 1, 1_001);
    expect((await world.fire('s', 2_000, 'r2')).run?.waiting).toBe(true);
    expect((await world.fire('s', 3_000, 'r3')).run?.waiting).toBe(true);
    expect((await world.fire('s', 4_000, 'r4')).run).toBeNull();
    expect(await world.refused({ type: 'run.lease', tenant: T, runId: 'r2', agent: 'a1', attempt: 1, now: 4_500 })).toMatch(/waits for an earlier run/);
    const misses = await q.listMisses(world.store, T, 's', 10);
    expect(misses).toEqual([expect.objectContaining({ from: 4_000, to: 4_000, count: 1, reason: expect.stringMatching(/overlap policy queue:2/) })]);

    await world.finish('r1', 1, 'succeeded', 5_000);
    expect((await world.run('r2')).waiting).toBeUndefined();
    expect((await world.run('r3')).waiting).toBe(true);
    await world.lease('r2', 1, 5_001);
    await world.finish('r2', 1, 'failed', 6_000);
    expect((await world.run('r3')).waiting).toBeUndefined();
  });

  it('releases every held run when the policy changes from queue', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('s', { overlap: 'queue', queueMax: 3 }) });
    await world.fire('s', 1_000, 'r1');
    await world.fire('s', 2_000, 'r2');
    await world.fire('s', 3_000, 'r3');
    await world.apply({ type: 'schedule.update', tenant: T, name: 's', changes: { overlap: 'allow' }, now: 3_500 });
    expect([(await world.run('r2')).waiting, (await world.run('r3')).waiting]).toEqual([undefined, undefined]);
  });
});

describe('chains', () => {
  async function chainWorld(on: 'success' | 'failure' | 'always') {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('build', { overlap: 'allow' }) });
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('deploy', { cron: '', after: { schedule: 'build', on }, overlap: 'allow' }) });
    return world;
  }

  const chainedRuns = async () => (await q.listRuns(world.store, T, { schedule: 'deploy', limit: 10 })).map((r) => `${r.trigger}<-${r.upstream}`);

  it('makes one downstream run per upstream run that succeeded, and none for a failure', async () => {
    await chainWorld('success');
    expect((await world.schedule('build')).chained).toEqual(['deploy']);
    await world.fire('build', 1_000, 'b1');
    await world.lease('b1', 1, 1_001);
    await world.finish('b1', 1, 'succeeded', 2_000);
    // The same report again (its answer was lost): still one chained run.
    await world.finish('b1', 1, 'succeeded', 2_100);
    await world.fire('build', 3_000, 'b2');
    await world.lease('b2', 1, 3_001);
    await world.finish('b2', 1, 'failed', 4_000);
    expect(await chainedRuns()).toEqual(['chain<-b1']);
  });

  it('on failure waits for the retries to be used up; always follows a cancel too', async () => {
    await chainWorld('failure');
    await world.apply({ type: 'schedule.update', tenant: T, name: 'build', changes: { retries: 1, backoffMinMs: 10, backoffMaxMs: 10 }, now: 500 });
    await world.fire('build', 1_000, 'b1');
    await world.lease('b1', 1, 1_001);
    await world.finish('b1', 1, 'failed', 1_100);
    expect(await chainedRuns()).toEqual([]);
    await world.lease('b1', 2, 1_200);
    await world.finish('b1', 2, 'failed', 1_300);
    expect(await chainedRuns()).toEqual(['chain<-b1']);

    await world.apply({ type: 'schedule.update', tenant: T, name: 'deploy', changes: { after: { schedule: 'build', on: 'always' } }, now: 1_400 });
    await world.fire('build', 2_000, 'b2');
    await world.apply({ type: 'run.cancel', tenant: T, runId: 'b2', reason: 'stop', now: 2_100 });
    expect(await chainedRuns()).toEqual(['chain<-b2', 'chain<-b1']);
  });

  it('refuses a cycle, an upstream that does not exist, and deleting an upstream, changing nothing', async () => {
    await chainWorld('success');
    expect(await world.refused({ type: 'schedule.update', tenant: T, name: 'build', changes: { after: { schedule: 'deploy', on: 'success' } }, now: 1 })).toBe(
      '--after deploy would make a cycle: build → deploy → build',
    );
    expect(await world.refused({ type: 'schedule.update', tenant: T, name: 'build', changes: { after: { schedule: 'build', on: 'success' } }, now: 1 })).toMatch(/cycle: build → build/);
    expect(await world.refused({ type: 'schedule.create', tenant: T, schedule: schedule('x', { after: { schedule: 'nope', on: 'success' } }) })).toMatch(
      /schedule "nope" \(named by --after\) not found/,
    );
    expect(await world.refused({ type: 'schedule.delete', tenant: T, name: 'build' })).toMatch(/starts "deploy" \(--after\)/);

    // Unchained, the upstream can go.
    await world.apply({ type: 'schedule.update', tenant: T, name: 'deploy', changes: { after: null }, now: 2 });
    expect((await world.schedule('build')).chained).toBeUndefined();
    await world.apply({ type: 'schedule.delete', tenant: T, name: 'build' });
  });

  it('applies the downstream overlap policy without touching its own due times', async () => {
    await chainWorld('always');
    await world.apply({ type: 'schedule.update', tenant: T, name: 'deploy', changes: { overlap: 'forbid' }, now: 1 });
    for (const [i, id] of ['b1', 'b2'].entries()) {
      await world.fire('build', 1_000 * (i + 1), id);
      await world.apply({ type: 'run.cancel', tenant: T, runId: id, reason: 'x', now: 1_000 * (i + 1) + 500 });
    }
    expect(await chainedRuns()).toEqual(['chain<-b1']);
    const misses = await q.listMisses(world.store, T, 'deploy', 10);
    expect(misses).toEqual([expect.objectContaining({ from: 2_500, count: 1, reason: expect.stringMatching(/overlap policy forbid/) })]);
    expect((await world.schedule('deploy')).lastFiredDueAt).toBe(0);
  });
});

describe('versions', () => {
  it('records a version for each change that changes something, keeps the newest 100, and drops them with the schedule', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('s') });
    expect((await world.apply({ type: 'schedule.update', tenant: T, name: 's', changes: { paused: false }, now: 5 })).version).toBe(1);
    const changed = await world.apply({ type: 'schedule.update', tenant: T, name: 's', changes: { cron: '@every 1m', retries: 2 }, now: 6 });
    expect(changed.version).toBe(2);
    const [latest] = await q.listVersions(world.store, T, 's', 1);
    expect(latest).toEqual({
      version: 2,
      at: 6,
      changes: [
        { field: 'cron', from: '"* * * * * *"', to: '"@every 1m"' },
        { field: 'retries', from: 'null', to: '2' },
      ],
    });
    for (let i = 0; i < 120; i++) await world.apply({ type: 'schedule.update', tenant: T, name: 's', changes: { jitterMs: i + 1 }, now: 10 + i });
    const kept = await q.listVersions(world.store, T, 's', 1_000);
    expect(kept).toHaveLength(100);
    expect([kept[0]!.version, kept.at(-1)!.version]).toEqual([122, 23]);
    await world.apply({ type: 'schedule.delete', tenant: T, name: 's' });
    expect(await q.listVersions(world.store, T, 's', 1_000)).toEqual([]);
  });
});

describe('fires and misses carry the due time they follow', () => {
  it('refuses one whose previous due time is not what the schedule settled last, so none is skipped unseen', async () => {
    world = await World.open();
    await world.apply({ type: 'schedule.create', tenant: T, schedule: schedule('s', { overlap: 'allow' }) });
    expect((await world.apply({ type: 'schedule.fire', tenant: T, name: 's', dueAt: 1_000, after: 0, runId: 'r1', now: 1_001 })).run?.id).toBe('r1');
    // The miss of 2000 was lost with a leader; the fire of 3000 that followed it must not skip 2000.
    expect(await world.apply({ type: 'schedule.fire', tenant: T, name: 's', dueAt: 3_000, after: 2_000, runId: 'r3', now: 3_001 })).toEqual({ run: null, stale: true });
    expect(await world.apply({ type: 'schedule.miss', tenant: T, name: 's', from: 3_000, to: 4_000, count: 2, reason: 'x', after: 2_000, now: 4_001 })).toEqual({
      recorded: false,
      stale: true,
    });
    expect((await world.schedule('s')).lastFiredDueAt).toBe(1_000);
    // Caught up from the state: the miss of 2000 (after 1000), then the fire of 3000 (after 2000).
    expect(await world.apply({ type: 'schedule.miss', tenant: T, name: 's', from: 2_000, to: 2_000, count: 1, reason: 'x', after: 1_000, now: 4_002 })).toEqual({ recorded: true });
    expect((await world.apply({ type: 'schedule.fire', tenant: T, name: 's', dueAt: 3_000, after: 2_000, runId: 'r3', now: 4_003 })).run?.id).toBe('r3');
    // A repeat of a settled fire is a plain no-op.
    expect(await world.apply({ type: 'schedule.fire', tenant: T, name: 's', dueAt: 3_000, after: 2_000, runId: 'r3b', now: 4_004 })).toEqual({ run: null });
  });
});
