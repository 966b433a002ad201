import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';

interface RunJson {
  id: string;
  state: string;
}

describe('tenant quotas', () => {
  it('runs at most --max-running of a tenant at once, says why the others wait, and starts them as those end', async () => {
    const { port, env } = await singleNode();
    expect((await cli(['tenant', 'create', 'small', '--max-running', '1', '--keep', '7', '--keep-for', '2d'], env)).code).toBe(0);
    startAgent(port, 'a1', [], 4);
    const q = { ...env, PARALLAX_TENANT: 'small' };
    expect((await cli(['schedule', 'create', 'slow', '--every', '1h', '--overlap', 'allow', '--shell', 'sleep 1.5'], q)).code).toBe(0);
    // The tenant's retention defaults hold for a schedule created without its own.
    expect(json<{ keep: number; keepForMs: number }>(await cli(['schedule', 'get', 'slow', '--json'], q))).toMatchObject({ keep: 7, keepForMs: 2 * 86_400_000 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(json<RunJson>(await cli(['schedule', 'trigger', 'slow', '--json'], q)).id);

    let most = 0;
    const waiting = await waitFor('a run to wait for the quota', async () => {
      const runs = json<RunJson[]>(await cli(['run', 'list', '--schedule', 'slow', '--json'], q));
      most = Math.max(most, runs.filter((r) => r.state === 'leased' || r.state === 'running').length);
      const queued = runs.find((r) => r.state === 'queued');
      if (queued === undefined || !runs.some((r) => r.state === 'running')) return false;
      const shown = await cli(['run', 'get', queued.id], q);
      return /Waiting\s+its tenant runs its maximum of 1 at once/.test(shown.stdout) && shown.stdout;
    });
    expect(waiting).toContain('--max-running');
    await waitFor('every run to succeed', async () => {
      const runs = json<RunJson[]>(await cli(['run', 'list', '--schedule', 'slow', '--json'], q));
      most = Math.max(most, runs.filter((r) => r.state === 'leased' || r.state === 'running').length);
      return runs.length === 3 && runs.every((r) => r.state === 'succeeded');
    }, 30_000);
    expect(most).toBe(1);
  });
});
