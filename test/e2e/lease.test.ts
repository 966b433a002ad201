import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, processAlive, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import { liveWithMarker, uniqueSleepSeconds, waitUntilGone } from '../agent/helpers.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('an agent killed with SIGKILL in the middle of a run', () => {
  it('leaves no run stuck: the attempt becomes lost when its lease expires, and other runs go elsewhere', async () => {
    const marker = uniqueSleepSeconds();
    const dir = tempDir();
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    startCoordinator(join(dir, 'data'), port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    const agentDir = tempDir('parallax-agent-');
    const doomed = startAgent(port, 'doomed', ['pool=a'], 4, agentDir);
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);

    expect((await cli(['schedule', 'create', 'sleeper', '--cron', '0 0 1 1 *', '--selector', 'pool=a', '--shell', `echo started; sleep ${marker}`], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'sleeper', '--json'], env));
    await waitFor('the run to start', async () => json<Run>(await cli(['run', 'get', run.id, '--json'], env)).state === 'running');

    doomed.child.kill('SIGKILL');
    await doomed.exited;
    // Its run goes on without it: nothing is left to stop it until an agent starts again on its data directory.
    expect(liveWithMarker(marker)).not.toEqual([]);
    const lost = await waitFor('the attempt to be lost', async () => {
      const current = json<Run>(await cli(['run', 'get', run.id, '--json'], env));
      return current.state === 'lost' && current;
    });
    expect(lost.agent).toBe('doomed');
    expect(lost.error).toContain('stopped sending heartbeats');

    // The agent started again on its data directory stops what the old attempt left running, and does not bring
    // the attempt back.
    startAgent(port, 'doomed', ['pool=a'], 4, agentDir);
    await waitUntilGone(marker);
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

describe('an agent cut off from its coordinator in the middle of a run', () => {
  it('stops the run itself before the lease runs out, so its retry never runs beside it', async () => {
    const dir = tempDir();
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    // A short lease, so the test is short: the agent stops a run it could not renew for 4/5 of it.
    const coordinator = startCoordinator(join(dir, 'data'), port, 'n1', undefined, ['--lease-ttl', '4s']);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    startAgent(port, 'only');
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);
    const pids = join(dir, 'pids');
    const create = ['schedule', 'create', 'job', '--cron', '0 0 1 1 *', '--retries', '1', '--backoff', '1s', '--env', `PIDS=${pids}`];
    expect((await cli([...create, '--shell', 'echo "$PARALLAX_ATTEMPT $$" >> "$PIDS"; exec sleep 300'], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'job', '--json'], env));
    const pidOf = (attempt: number) => readFileSync(pids, 'utf8').split('\n').find((l) => l.startsWith(`${attempt} `))?.split(' ')[1];
    const first = Number(await waitFor('the first attempt to start', () => existsSync(pids) && pidOf(1)));

    // The coordinator stops answering without closing anything (as a partition or a hung host would look): the agent's
    // heartbeats go out, no renewal comes back. Whatever stops the run now, it is not the coordinator.
    coordinator.child.kill('SIGSTOP');
    try {
      await waitFor('the agent to stop the run', () => !processAlive(first), 8_000);
    } finally {
      coordinator.child.kill('SIGCONT');
    }

    // The leader counts the attempt lost, and its retry runs: the first process was gone before it started.
    const retried = await waitFor('the retry to start', async () => {
      const current = json<Run>(await cli(['run', 'get', run.id, '--json'], env));
      return current.attempt === 2 && current.state === 'running' && current;
    });
    expect(retried.attempts[0]).toMatchObject({ attempt: 1, state: 'lost' });
    expect(retried.attempts[0]!.error).toMatch(/stopped sending heartbeats|could not renew the attempt's lease/);
    expect(processAlive(first)).toBe(false);
  });
});
