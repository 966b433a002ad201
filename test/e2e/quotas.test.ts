import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

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
    // Each run holds until the test lets them all go: no timing involved.
    const go = join(tempDir(), 'go');
    const script = `n=0; while [ ! -e ${go} ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done`;
    expect((await cli(['schedule', 'create', 'slow', '--every', '1h', '--overlap', 'allow', '--shell', script], q)).code).toBe(0);
    // The tenant's retention defaults hold for a schedule created without its own.
    expect(json<{ keep: number; keepForMs: number }>(await cli(['schedule', 'get', 'slow', '--json'], q))).toMatchObject({ keep: 7, keepForMs: 2 * 86_400_000 });
    for (let i = 0; i < 3; i++) expect((await cli(['schedule', 'trigger', 'slow'], q)).code).toBe(0);

    const queued = await waitFor('one run to run and two to wait', async () => {
      const runs = json<RunJson[]>(await cli(['run', 'list', '--schedule', 'slow', '--json'], q));
      const waiting = runs.filter((r) => r.state === 'queued');
      return runs.filter((r) => r.state === 'running').length === 1 && waiting.length === 2 && waiting;
    });
    for (const run of queued) {
      expect((await cli(['run', 'get', run.id], q)).stdout).toMatch(/Waiting\s+its tenant runs its maximum of 1 at once \(--max-running\); it starts when one of those ends/);
    }
    writeFileSync(go, '');
    let most = 1;
    await waitFor('every run to succeed', async () => {
      const runs = json<RunJson[]>(await cli(['run', 'list', '--schedule', 'slow', '--json'], q));
      most = Math.max(most, runs.filter((r) => r.state === 'leased' || r.state === 'running').length);
      return runs.length === 3 && runs.every((r) => r.state === 'succeeded');
    }, 30_000);
    expect(most).toBe(1);
  });
});
