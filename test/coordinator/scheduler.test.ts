import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import { RaftLog } from '../../src/coordinator/replication/raft-log.js';
import { jitterOf, Scheduler, type Timers } from '../../src/coordinator/scheduler/scheduler.js';
import { DEFAULT_LIMITS } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import * as q from '../../src/coordinator/state/queries.js';
import type { ScheduleRecord } from '../../src/coordinator/state/records.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

/** Timers that fire only when the test says so, and show what is pending. */
class FakeTimers implements Timers {
  pending = new Map<number, { fn: () => void; at: number }>();
  private next = 1;
  constructor(private readonly clock: { now: number }) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, at: this.clock.now + ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Moves the clock to the earliest pending timer and runs it. */
  fireNext(): number {
    const [id, timer] = [...this.pending].sort((a, b) => a[1].at - b[1].at)[0]!;
    this.pending.delete(id);
    this.clock.now = Math.max(this.clock.now, timer.at);
    timer.fn();
    return timer.at;
  }
}

const quiet = createLogger('test', { level: 'error' });
const spec = { shell: 'true', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };
const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

async function setup() {
  const store = await Store.open(tempDir());
  const log = await RaftLog.open(store, new Fsm(DEFAULT_LIMITS), quiet, { nodeId: 'n1', membership: { voters: ['n1'], learners: [], addresses: {} } });
  await waitFor('n1 to lead', () => log.isLeader());
  const clock = { now: T0 };
  const timers = new FakeTimers(clock);
  let n = 0;
  const random = () => Uint8Array.from({ length: 10 }, () => n++ % 256);
  const scheduler = new Scheduler(log, { now: () => clock.now }, timers, random, quiet);
  const create = (name: string, cron: string, extra: Partial<ScheduleRecord> = {}) =>
    log.propose({
      type: 'schedule.create',
      tenant: 'default',
      // overlap allow: no agent ends these runs, and these tests are about timing, not overlap.
      schedule: { name, cron, tz: 'UTC', paused: false, spec, selector: {}, createdAt: clock.now, lastFiredDueAt: 0, overlap: 'allow', ...extra },
    });
  const runsOf = (name: string) => log.read((s) => q.listRuns(s, 'default', { schedule: name, limit: 1000 }));
  const missesOf = (name: string) => log.read((s) => q.listMisses(s, 'default', name, 100));
  const timerAts = () => [...timers.pending.values()].map((t) => t.at);
  const runCount = async (name: string, count: number) => waitFor(`${count} runs of ${name}`, async () => (await runsOf(name)).length >= count);
  return { store, log, clock, timers, scheduler, create, runsOf, missesOf, timerAts, runCount, tenants: () => store.tenants() };
}

describe('scheduler', () => {
  it('keeps one timer, on the earliest due time of all schedules', async () => {
    const s = await setup();
    for (let i = 0; i < 300; i++) await s.create(`s${i}`, `${(i % 50) + 5} * * * * *`);
    await s.scheduler.start(s.tenants);
    expect(s.timers.pending.size).toBe(1);
    expect([...s.timers.pending.values()][0]!.at).toBe(T0 + 5_000);

    // Every due time of the burst is fired by that one timer, then one timer waits for the next second.
    expect(s.timers.fireNext()).toBe(T0 + 5_000);
    expect(s.timerAts()).toEqual([T0 + 6_000]);
    await Promise.all(['s0', 's50', 's100'].map((n) => s.runCount(n, 1)));
    const fired = await Promise.all(['s0', 's50', 's100', 's1'].map((n) => s.runsOf(n)));
    expect(fired.map((r) => r.length)).toEqual([1, 1, 1, 0]);
    expect(fired[0]![0]).toMatchObject({ dueAt: T0 + 5_000, state: 'queued', trigger: 'schedule' });
    s.scheduler.stop();
    expect(s.timers.pending.size).toBe(0);
    await s.log.close();
    await s.store.close();
  });

  it('follows schedules created and deleted while it runs', async () => {
    const s = await setup();
    await s.scheduler.start(s.tenants);
    expect(s.timers.pending.size).toBe(0);
    const timerAt = (at: number) => waitFor(`one timer at ${at}`, () => s.timerAts().join() === String(at));
    await s.create('later', '0 30 12 * * *');
    await timerAt(T0 + 30 * 60_000);
    await s.create('sooner', '0 5 12 * * *');
    await timerAt(T0 + 5 * 60_000);
    await s.log.propose({ type: 'schedule.delete', tenant: 'default', name: 'sooner' });
    await timerAt(T0 + 30 * 60_000);
    s.scheduler.stop();
    await s.log.close();
    await s.store.close();
  });

  it('after downtime, fires the latest missed due time once and goes on from there', async () => {
    const s = await setup();
    await s.create('tick', '* * * * * *', { createdAt: T0 - 60_000, lastFiredDueAt: T0 - 10_000 });
    s.clock.now = T0 + 500;
    await s.scheduler.start(s.tenants);
    s.timers.fireNext();
    await s.runCount('tick', 1);
    const runs = await s.runsOf('tick');
    expect(runs.map((r) => r.dueAt)).toEqual([T0]);
    expect(s.timerAts()).toEqual([T0 + 1_000]);
    // The nine before it are recorded as missed, with the reason.
    const misses = await waitFor('the misses recorded', async () => {
      const found = await s.missesOf('tick');
      return found.length > 0 && found;
    });
    expect(misses).toEqual([
      { from: T0 - 9_000, to: T0 - 1_000, count: 9, reason: expect.stringMatching(/no leader was running.*misfire policy once/), recordedAt: T0 + 500 },
    ]);
    s.scheduler.stop();
    await s.log.close();
    await s.store.close();
  });

  it('after downtime, by the misfire policy: skip fires none, all fires each within the catch-up window', async () => {
    const s = await setup();
    const downtime = { createdAt: T0 - 60_000, lastFiredDueAt: T0 - 10_000 };
    await s.create('skipper', '* * * * * *', { ...downtime, misfire: 'skip' });
    await s.create('everything', '* * * * * *', { ...downtime, misfire: 'all', catchupMs: 3_500 });
    s.clock.now = T0 + 500;
    await s.scheduler.start(s.tenants);
    s.timers.fireNext();
    await s.runCount('everything', 4);
    // skip: nothing fired late, the ten missed recorded; the next fire is the next due time.
    expect(await s.runsOf('skipper')).toEqual([]);
    await waitFor('skip misses', async () => (await s.missesOf('skipper')).length === 1);
    expect((await s.missesOf('skipper'))[0]).toMatchObject({ from: T0 - 9_000, to: T0, count: 10, reason: expect.stringMatching(/misfire policy skip/) });
    // all: the four within 3.5 s fired, the six before recorded as missed.
    expect((await s.runsOf('everything')).map((r) => r.dueAt).sort()).toEqual([T0 - 3_000, T0 - 2_000, T0 - 1_000, T0]);
    await waitFor('all misses', async () => (await s.missesOf('everything')).length === 1);
    expect((await s.missesOf('everything'))[0]).toMatchObject({ from: T0 - 9_000, to: T0 - 4_000, count: 6, reason: expect.stringMatching(/older than the catch-up window/) });
    expect(s.timerAts()).toEqual([T0 + 1_000]);
    s.scheduler.stop();
    await s.log.close();
    await s.store.close();
  });

  it('never fires a due time twice, even when a second scheduler resumes from the same record', async () => {
    const s = await setup();
    await s.create('tick', '* * * * * *');
    await s.scheduler.start(s.tenants);
    s.timers.fireNext();
    s.timers.fireNext();
    await s.runCount('tick', 2);
    s.scheduler.stop();
    // A new leader with a clock that stepped back starts from what the FSM recorded.
    s.clock.now = T0;
    await s.scheduler.start(s.tenants);
    s.timers.fireNext();
    await s.runCount('tick', 3);
    const dueTimes = (await s.runsOf('tick')).map((r) => r.dueAt).sort();
    expect(dueTimes).toEqual([T0, T0 + 1_000, T0 + 2_000]);
    s.scheduler.stop();
    await s.log.close();
    await s.store.close();
  });

  it('keeps up on a follower with the fires of the leader, and leads from there without reading the schedules again', async () => {
    const s = await setup();
    await s.create('tick', '* * * * * *');
    await s.create('hourly', '0 0 * * * *');
    // The follower sees the same log; what it reads is counted.
    const reads: string[] = [];
    const counted = new Proxy(s.log, {
      get(target, prop) {
        if (prop === 'read') {
          return (fn: Parameters<RaftLog['read']>[0], options?: { stale?: boolean }) => {
            reads.push(options?.stale === true ? 'stale' : 'linearizable');
            return target.read(fn, options);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const follower = new Scheduler(counted, { now: () => s.clock.now }, s.timers, () => new Uint8Array(10).fill(7), quiet);
    await follower.follow(s.tenants);
    expect(reads).toEqual(['stale']);
    expect(s.timers.pending.size).toBe(0);

    await s.scheduler.start(s.tenants);
    for (let i = 0; i < 3; i++) s.timers.fireNext();
    await s.runCount('tick', 3);
    s.scheduler.stop();

    // The follower leads: one read confirms its state is current, and its next fire is the leader's next one.
    await follower.start(s.tenants);
    expect(reads).toEqual(['stale', 'linearizable']);
    expect(s.timerAts()).toEqual([T0 + 3_000]);
    s.timers.fireNext();
    await s.runCount('tick', 4);
    expect((await s.runsOf('tick')).map((r) => r.dueAt).sort()).toEqual([T0, T0 + 1_000, T0 + 2_000, T0 + 3_000]);
    expect(await s.missesOf('tick')).toEqual([]);
    follower.close();
    await s.log.close();
    await s.store.close();
  });

  it('delays each fire by the schedule\'s fixed jitter, and records the due time itself', async () => {
    const s = await setup();
    await s.create('spread', '0 * * * * *', { jitterMs: 30_000 });
    const offset = jitterOf('default', { name: 'spread', jitterMs: 30_000 } as ScheduleRecord);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(30_000);
    // The same on every leader: a hash of the schedule, not a random draw.
    expect(jitterOf('default', { name: 'spread', jitterMs: 30_000 } as ScheduleRecord)).toBe(offset);
    await s.scheduler.start(s.tenants);
    // Due at T0 (12:00:00, when it was created); fired `offset` later.
    expect(s.timerAts()).toEqual([T0 + offset]);
    s.clock.now = T0 + offset;
    s.timers.fireNext();
    await s.runCount('spread', 1);
    expect((await s.runsOf('spread')).map((r) => r.dueAt)).toEqual([T0]);
    expect(s.timerAts()).toEqual([T0 + 60_000 + offset]);
    s.scheduler.stop();
    await s.log.close();
    await s.store.close();
  });
});
