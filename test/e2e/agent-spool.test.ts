import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { spooled } from '../helpers/spool.js';
import { tempDir } from '../helpers/tmp.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

describe('a run that ends while the coordinator is down, its agent killed before it could report the end', () => {
  // The coordinator gives every active lease a whole TTL (6 s) when it starts leading again; the restarted agent
  // says Hello within it, listing the attempt from its spool, which renews the lease until the end is delivered.
  it('ends succeeded with all its output once the coordinator and the agent (on the same data dir) are back', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const agentDir = join(dir, 'agent');
    const go = join(dir, 'go');
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    let coordinator = startCoordinator(data, port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    let agent = startAgent(port, 'spooler', [], 4, agentDir);
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);

    // 20 lines, then wait for the test's go, then 20 more and exit 0.
    const script = `for i in $(seq 1 20); do echo "line $i"; done; while [ ! -e ${go} ]; do sleep 0.05; done; for i in $(seq 21 40); do echo "line $i"; done`;
    expect((await cli(['schedule', 'create', 'late-end', '--cron', '0 0 1 1 *', '--shell', script], env)).code).toBe(0);
    const { id } = json<Run>(await cli(['schedule', 'trigger', 'late-end', '--json'], env));
    await waitFor('the first 20 lines at the coordinator', async () => {
      const run = json<Run>(await cli(['run', 'get', id, '--json'], env));
      return run.state === 'running' && (await cli(['run', 'logs', id], env)).stdout === lines(1, 20).join('\n') + '\n';
    });

    coordinator.child.kill('SIGKILL');
    await coordinator.exited;
    writeFileSync(go, '');
    // The run ends; its agent cannot report that, but it is in the spool (synced) before the agent tries.
    await waitFor('the end of the run in the spool', () => {
      const [attempt] = spooled(agentDir);
      return attempt?.outcome === 'succeeded' && attempt.output === lines(21, 40).join('\n') + '\n';
    });
    agent.child.kill('SIGKILL');
    await agent.exited;

    coordinator = startCoordinator(data, port);
    await waitFor('the coordinator to restart', async () => (await cli(['status'], env)).code === 0);
    expect(json<Run>(await cli(['run', 'get', id, '--json'], env)).state).toBe('running');
    agent = startAgent(port, 'spooler', [], 4, agentDir);

    const ended = await waitFor('the run to end', async () => {
      const run = json<Run>(await cli(['run', 'get', id, '--json'], env));
      return run.state !== 'running' && run;
    });
    expect(ended).toMatchObject({ state: 'succeeded', attempt: 1, agent: 'spooler', exitCode: 0 });
    expect(ended.attempts.map((a) => [a.attempt, a.agent, a.state])).toEqual([[1, 'spooler', 'succeeded']]);
    expect((await cli(['run', 'logs', id], env)).stdout).toBe(lines(1, 40).join('\n') + '\n');
    await waitFor('the spool to be empty', () => spooled(agentDir).length === 0);
    await waitFor('the agent to say it delivered the spool', () => agent.output().includes('spooled reports delivered'));
  });
});

/** Whether a process whose command line holds `marker` (a path unique to the test) is running. */
function running(marker: string): boolean {
  try {
    execFileSync('pgrep', ['-f', marker], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('an agent killed in the middle of a run and started again only after its lease expired', () => {
  it('leaves the attempt lost: the agent stops the orphaned process, the coordinator refuses what the spool held, and the agent deletes it', async () => {
    const dir = tempDir();
    const agentDir = join(dir, 'agent');
    const go = join(dir, 'go');
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    startCoordinator(join(dir, 'data'), port);
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    let agent = startAgent(port, 'spooler', [], 4, agentDir);
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);

    const script = `echo before; n=0; while [ ! -e ${go} ] && [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done; echo after`;
    expect((await cli(['schedule', 'create', 'orphaned', '--cron', '0 0 1 1 *', '--shell', script], env)).code).toBe(0);
    const { id } = json<Run>(await cli(['schedule', 'trigger', 'orphaned', '--json'], env));
    await waitFor('the output at the coordinator', async () => (await cli(['run', 'logs', id], env)).stdout === 'before\n');
    agent.child.kill('SIGKILL');
    await agent.exited;
    // The run's process outlives the agent (its own process group)…
    expect(running(go)).toBe(true);
    await waitFor('the attempt to be lost', async () => json<Run>(await cli(['run', 'get', id, '--json'], env)).state === 'lost');
    // The spool holds the attempt, without an end: the process was running when the agent died.
    expect(spooled(agentDir).map((attempt) => attempt.outcome)).toEqual([undefined]);

    // … until the agent comes back: it stops what is left of the run, which must not go on beside a retry.
    agent = startAgent(port, 'spooler', [], 4, agentDir);
    await waitFor('the spool to be empty', () => spooled(agentDir).length === 0);
    await waitFor('the orphaned run to be stopped', () => !running(go));
    // The agent deletes the spool before it logs why, and its log reaches us through a pipe: wait for the line.
    await waitFor('the agent to say it discarded the attempt', () =>
      agent.output().includes('a spooled run attempt is no longer current; discarding it'),
    );
    expect(agent.output()).toContain('stopped what was left of it and reporting it failed');
    writeFileSync(go, '');
    const run = json<Run>(await cli(['run', 'get', id, '--json'], env));
    expect(run).toMatchObject({ state: 'lost', attempt: 1 });
    expect((await cli(['run', 'logs', id], env)).stdout).toBe('before\n');
  });
});
