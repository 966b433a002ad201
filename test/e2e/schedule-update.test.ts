import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

interface ScheduleJson {
  name: string;
  cron: string;
  paused: boolean;
  shell: string | null;
  timeoutMs: number | null;
  nextDueAt: string | null;
}

describe('changing a schedule', () => {
  it('pauses and resumes without catching up, changes only the fields given, and refuses bad changes', async () => {
    const { port, env } = await singleNode();
    startAgent(port, 'agent-1');
    const runs = async () => json<Run[]>(await cli(['run', 'list', '--schedule', 'tick', '--limit', '1000', '--json'], env));
    const get = async () => json<ScheduleJson>(await cli(['schedule', 'get', 'tick', '--json'], env));

    expect((await cli(['schedule', 'create', 'tick', '--cron', '* * * * * *', '--shell', 'echo before'], env)).code).toBe(0);
    await waitFor('a run', async () => (await runs()).some((r) => r.state === 'succeeded'));

    const paused = await cli(['schedule', 'pause', 'tick'], env);
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(/Paused schedule tick/);
    const pausedAt = Date.now();
    const countWhenPaused = (await runs()).length;
    expect(await get()).toMatchObject({ paused: true, nextDueAt: null });
    // Nothing fires while paused (a run made before the pause may still finish).
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await runs()).length).toBe(countWhenPaused);

    const resumed = await cli(['schedule', 'resume', 'tick', '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    const resumedAt = Date.now();
    expect(json<ScheduleJson>(resumed).paused).toBe(false);
    await waitFor('a run after the resume', async () => (await runs()).some((r) => Date.parse(r.dueAt ?? '') > resumedAt && r.state === 'succeeded'));
    // The due times that passed while paused are not caught up.
    const during = (await runs()).filter((r) => Date.parse(r.dueAt ?? '') > pausedAt + 1_000 && Date.parse(r.dueAt ?? '') < resumedAt - 1_000);
    expect(during).toEqual([]);

    // Only what is given changes.
    const updated = await cli(['schedule', 'update', 'tick', '--timeout', '30s', '--shell', 'echo after', '--json'], env);
    expect(updated.code, updated.stderr).toBe(0);
    expect(json<ScheduleJson>(updated)).toMatchObject({ cron: '* * * * * *', shell: 'echo after', timeoutMs: 30_000, paused: false });
    const changedAt = Date.now();
    const after = await waitFor('a run of the new command', async () =>
      (await runs()).find((r) => Date.parse(r.dueAt ?? '') > changedAt + 1_000 && r.state === 'succeeded'),
    );
    expect((await cli(['run', 'logs', after.id], env)).stdout).toBe('after\n');

    // Bad changes name what is wrong, exit with their code, and change nothing.
    const nothing = await cli(['schedule', 'update', 'tick'], env);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to change/);
    const badCron = await cli(['schedule', 'update', 'tick', '--cron', '61 * * * *'], env);
    expect(badCron.code).toBe(2);
    expect(badCron.stderr).toMatch(/invalid cron expression "61 \* \* \* \*"/);
    const badZone = await cli(['schedule', 'update', 'tick', '--tz', 'Mars/Olympus'], env);
    expect(badZone.code).toBe(2);
    expect(badZone.stderr).toMatch(/invalid time zone "Mars\/Olympus"/);
    expect(await get()).toMatchObject({ cron: '* * * * * *', shell: 'echo after', timeoutMs: 30_000 });
    expect((await cli(['schedule', 'pause', 'nope'], env)).code).toBe(3);

    // Every change that changed something is a version, newest first; the refused ones are not.
    const versions = json<{ version: number; changes: { field: string; from: unknown; to: unknown }[] }[]>(
      await cli(['schedule', 'versions', 'tick', '--json'], env),
    );
    expect(versions.map((v) => [v.version, v.changes.map((c) => c.field)])).toEqual([
      [4, ['spec']],
      [3, ['paused']],
      [2, ['paused']],
      [1, []],
    ]);
    expect(versions[1]!.changes[0]).toEqual({ field: 'paused', from: true, to: false });
    expect(versions[0]!.changes[0]!.from).toMatchObject({ shell: 'echo before', timeoutMs: 0 });
    expect(versions[0]!.changes[0]!.to).toMatchObject({ shell: 'echo after', timeoutMs: 30_000 });
    const table = await cli(['schedule', 'versions', 'tick'], env);
    expect(table.stdout).toMatch(/^VERSION\s+AT \(UTC\)\s+CHANGES/);
    expect(table.stdout).toMatch(/paused: false → true/);
    // A change of the spec shows only what changed in it, not the whole spec cut short.
    expect(table.stdout).toMatch(/^4\s+\S+\s+spec\.shell: "echo before" → "echo after"; spec\.timeoutMs: 0 → 30000$/m);
    expect(json<{ version: number }>(await cli(['schedule', 'get', 'tick', '--json'], env)).version).toBe(4);

    // A timeout is removed with 0, as --start-within's limit is.
    expect((await cli(['schedule', 'update', 'tick', '--timeout', '0'], env)).code).toBe(0);
    expect(await get()).toMatchObject({ shell: 'echo after', timeoutMs: null });
  });
});
