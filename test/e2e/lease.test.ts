import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

interface Run {
  id: string;
  state: string;
  agent: string | null;
  error: string | null;
  attempt: number;
  attempts: { attempt: number; agent: string | null; state: string; error: string | null; endedAt: string | null }[];
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

describe('an agent killed with SIGKILL while another can take its work', () => {
  it('loses the attempt within two heartbeat intervals, and the retry succeeds on the other agent', async () => {
    const dir = tempDir();
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    startCoordinator(join(dir, 'data'), port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    const agents = new Map([
      ['first', startAgent(port, 'first', ['pool=a'])],
      ['second', startAgent(port, 'second', ['pool=a'])],
    ]);
    await waitFor('both agents', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env)).filter((a) => a.connected).length === 2);
    const create = ['schedule', 'create', 'job', '--cron', '0 0 1 1 *', '--selector', 'pool=a', '--retries', '2', '--backoff', '1s'];
    expect((await cli([...create, '--shell', 'echo "attempt $PARALLAX_ATTEMPT"; sleep 3'], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'job', '--json'], env));
    const running = await waitFor('the run to start', async () => {
      const current = json<Run>(await cli(['run', 'get', run.id, '--json'], env));
      return current.state === 'running' && current;
    });
    const victim = agents.get(running.agent!)!;
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;

    const done = await waitFor('the retry to succeed', async () => {
      const current = json<Run>(await cli(['run', 'get', run.id, '--json'], env));
      return current.state === 'succeeded' && current;
    });
    const survivor = running.agent === 'first' ? 'second' : 'first';
    expect(done).toMatchObject({ attempt: 2, agent: survivor });
    expect(done.attempts.map((a) => [a.attempt, a.agent, a.state])).toEqual([
      [1, running.agent, 'lost'],
      [2, survivor, 'succeeded'],
    ]);
    // Lost within two heartbeat intervals (2 s each) of the kill: the dropped session shortens its lease to one
    // interval, and leases are checked every second (one more as slack for a loaded machine).
    expect(Date.parse(done.attempts[0]!.endedAt!) - killedAt).toBeLessThan(2 * 2_000 + 1_000);
    expect((await cli(['run', 'logs', run.id], env)).stdout).toMatch(/attempt 2\n$/);
  });
});
