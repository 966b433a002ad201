import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

interface Run {
  id: string;
  state: string;
  agent: string | null;
  error: string | null;
}

describe('an agent killed with SIGKILL in the middle of a run', () => {
  it('leaves no run stuck: the attempt becomes lost when its lease expires, and other runs go elsewhere', async () => {
    const dir = tempDir();
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    startCoordinator(join(dir, 'data'), port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    const doomed = startAgent(port, 'doomed', ['pool=a']);
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);

    expect((await cli(['schedule', 'create', 'sleeper', '--cron', '0 0 1 1 *', '--selector', 'pool=a', '--shell', 'echo started; sleep 300'], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'sleeper', '--json'], env));
    await waitFor('the run to start', async () => json<Run>(await cli(['run', 'get', run.id, '--json'], env)).state === 'running');

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const lost = await waitFor('the attempt to be lost', async () => {
      const current = json<Run>(await cli(['run', 'get', run.id, '--json'], env));
      return current.state === 'lost' && current;
    });
    expect(lost.agent).toBe('doomed');
    expect(lost.error).toContain('stopped sending heartbeats');

    // A restarted agent of the same name does not bring the old attempt back.
    startAgent(port, 'doomed', ['pool=a']);
    await waitFor('the agent to reconnect', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);
    const next = json<Run>(await cli(['schedule', 'trigger', 'sleeper', '--json'], env));
    await waitFor('the new run to start', async () => json<Run>(await cli(['run', 'get', next.id, '--json'], env)).state === 'running');
    expect(json<Run>(await cli(['run', 'get', run.id, '--json'], env)).state).toBe('lost');
  });
});
