import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('a coordinator killed with SIGKILL', () => {
  it('comes back on the same data dir with its schedules, variables and runs, and fires again', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    let coordinator = startCoordinator(data, port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    startAgent(port, 'agent-1');

    expect((await cli(['schedule', 'create', 'tick', '--cron', '* * * * * *', '--shell', 'echo tick'], env)).code).toBe(0);
    expect((await cli(['var', 'put', 'app/key', 'value-1'], env)).code).toBe(0);
    const before = await waitFor('a succeeded run', async () => {
      const runs = json<Run[]>(await cli(['run', 'list', '--schedule', 'tick', '--json'], env));
      return runs.some((r) => r.state === 'succeeded') && runs;
    });

    coordinator.child.kill('SIGKILL');
    await coordinator.exited;
    coordinator = startCoordinator(data, port);
    await waitFor('the coordinator to restart', async () => (await cli(['status'], env)).code === 0);

    expect(json<{ name: string }[]>(await cli(['schedule', 'list', '--json'], env)).map((s) => s.name)).toEqual(['tick']);
    expect((await cli(['var', 'get', 'app/key'], env)).stdout).toBe('value-1');
    const after = json<Run[]>(await cli(['run', 'list', '--schedule', 'tick', '--json'], env));
    for (const run of before.filter((r) => r.state === 'succeeded')) {
      expect(after.find((r) => r.id === run.id)?.state).toBe('succeeded');
    }
    const lastDue = Math.max(...after.map((r) => Date.parse(r.dueAt ?? '')));
    await waitFor('a run fired after the restart to succeed', async () => {
      const runs = json<Run[]>(await cli(['run', 'list', '--schedule', 'tick', '--json'], env));
      return runs.some((r) => r.state === 'succeeded' && Date.parse(r.dueAt ?? '') > lastDue);
    });
    const dueTimes = json<Run[]>(await cli(['run', 'list', '--schedule', 'tick', '--limit', '1000', '--json'], env)).map((r) => r.dueAt);
    expect(new Set(dueTimes).size).toBe(dueTimes.length);
  });
});
