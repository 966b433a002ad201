import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

interface HistoryLine {
  dueAt: string;
  outcome: 'fired' | 'missed';
  run: string | null;
  state: string | null;
  count: number;
  from: string;
  reason: string | null;
}

describe('due times that are not fired as they come', () => {
  it('are fired late or recorded as missed by the misfire policy, each exactly once, and the history shows which', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    let coordinator = startCoordinator(data, port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    startAgent(port, 'agent-1');
    const history = async (name: string) => json<HistoryLine[]>(await cli(['schedule', 'history', name, '--limit', '1000', '--json'], env));

    // --overlap allow: a run whose end the agent reports only after the restart must not hold back the late fire.
    expect((await cli(['schedule', 'create', 'tick', '--cron', '* * * * * *', '--shell', 'true', '--overlap', 'allow'], env)).code).toBe(0);
    const skip = await cli(['schedule', 'create', 'skipper', '--cron', '* * * * * *', '--shell', 'true', '--misfire', 'skip', '--overlap', 'allow', '--json'], env);
    expect(skip.code, skip.stderr).toBe(0);
    expect(json<{ misfire: string; catchupMs: number }>(skip)).toMatchObject({ misfire: 'skip', catchupMs: 3_600_000 });
    await waitFor('both firing', async () => (await history('tick')).length > 0 && (await history('skipper')).length > 0);

    coordinator.child.kill('SIGKILL');
    await coordinator.exited;
    const down = Date.now();
    // Down for at least three due times of each schedule.
    await new Promise((r) => setTimeout(r, 3_500));
    coordinator = startCoordinator(data, port);
    await waitFor('the coordinator to restart', async () => (await cli(['status'], env)).code === 0);
    await waitFor('fires after the restart', async () => (await history('tick')).some((h) => h.outcome === 'fired' && Date.parse(h.dueAt) > down + 4_000));

    for (const name of ['tick', 'skipper']) {
      const lines = await history(name);
      const missed = lines.filter((h) => h.outcome === 'missed');
      expect(missed, `${name}: one missed range`).toHaveLength(1);
      const range = missed[0]!;
      expect(range.count).toBeGreaterThanOrEqual(name === 'tick' ? 2 : 3);
      // Whole seconds from `from` to `dueAt`: the count is the number of due times in it.
      expect((Date.parse(range.dueAt) - Date.parse(range.from)) / 1000 + 1).toBe(range.count);
      expect(range.reason).toMatch(name === 'tick' ? /no leader was running.*misfire policy once/ : /misfire policy skip/);
      // Every due time once: no fire twice, and none both fired and missed.
      const fired = lines.filter((h) => h.outcome === 'fired').map((h) => Date.parse(h.dueAt));
      expect(new Set(fired).size).toBe(fired.length);
      expect(fired.filter((t) => t >= Date.parse(range.from) && t <= Date.parse(range.dueAt))).toEqual([]);
      // once fires the latest missed due time late, right after the range; skip does not.
      const lateFire = fired.includes(Date.parse(range.dueAt) + 1_000);
      if (name === 'tick') expect(lateFire).toBe(true);
    }

    // The tenant counts every missed due time.
    const total = (await Promise.all(['tick', 'skipper'].map(history))).flat().filter((h) => h.outcome === 'missed').reduce((n, h) => n + h.count, 0);
    expect(json<{ missed: number }>(await cli(['status', '--json'], env)).missed).toBe(total);

    const bad = await cli(['schedule', 'update', 'tick', '--misfire', 'sometimes'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/misfire/);
  }, 90_000);

  it('with overlap forbidden (the default), a due time that comes while a run is active is missed, and runs never overlap', async () => {
    const dir = tempDir();
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    startCoordinator(join(dir, 'data'), port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    startAgent(port, 'agent-1', [], 4);
    expect((await cli(['schedule', 'create', 'slow', '--cron', '* * * * * *', '--shell', 'sleep 2.5'], env)).code).toBe(0);
    interface Run {
      state: string;
      startedAt: string | null;
      endedAt: string | null;
    }
    const runs = async () => json<Run[]>(await cli(['run', 'list', '--schedule', 'slow', '--limit', '1000', '--json'], env));
    await waitFor('two finished runs', async () => (await runs()).filter((r) => r.state === 'succeeded').length >= 2, 30_000);
    expect((await cli(['schedule', 'pause', 'slow'], env)).code).toBe(0);

    const lines = await history('slow');
    const missed = lines.filter((h) => h.outcome === 'missed');
    expect(missed.length).toBeGreaterThanOrEqual(1);
    for (const m of missed) expect(m.reason).toBe('a run of it was still active (overlap policy forbid)');
    // The runs, by the times their agent reported: each starts after the one before it ended.
    const spans = (await runs())
      .filter((r) => r.startedAt !== null && r.endedAt !== null)
      .map((r) => [Date.parse(r.startedAt!), Date.parse(r.endedAt!)] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);

    async function history(name: string) {
      return json<HistoryLine[]>(await cli(['schedule', 'history', name, '--limit', '1000', '--json'], env));
    }
  }, 60_000);
});
