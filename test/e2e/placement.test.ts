import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import type { AgentJson, RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('placement and drain', () => {
  it('sends runs only to agents the selector allows, and none to a drained agent', async () => {
    const { port, env } = await singleNode();
    startAgent(port, 'db-a', ['role=db', 'zone=a']);
    startAgent(port, 'ml-b', ['role=ml', 'zone=b', 'gpu=a100']);
    const agents = async () => json<AgentJson[]>(await cli(['agent', 'list', '--json'], env));
    await waitFor('both agents', async () => (await agents()).filter((a) => a.connected).length === 2);

    const runAll = async (schedule: string, times: number): Promise<Run[]> => {
      const ids: string[] = [];
      for (let i = 0; i < times; i++) ids.push((await cli(['schedule', 'trigger', schedule], env)).stdout.trim());
      return waitFor(`${times} runs of ${schedule}`, async () => {
        const runs = json<Run[]>(await cli(['run', 'list', '--schedule', schedule, '--json'], env)).filter((r) => ids.includes(r.id));
        return runs.length === times && runs.every((r) => r.state === 'succeeded') ? runs : undefined;
      });
    };
    const create = async (name: string, ...selectors: string[]) => {
      const result = await cli(['schedule', 'create', name, '--every', '1h', '--overlap', 'allow', ...selectors.flatMap((s) => ['--selector', s]), '--shell', 'true', '--json'], env);
      expect(result.code, result.stderr).toBe(0);
      return json<{ selector: Record<string, string>; requirements: string[] }>(result);
    };

    expect(await create('no-gpu', '!gpu')).toMatchObject({ selector: {}, requirements: ['!gpu'] });
    expect(await create('zones', 'zone in (b,c)', 'role!=db')).toMatchObject({ requirements: ['role!=db', 'zone in (b,c)'] });
    expect(await create('db', 'role=db')).toMatchObject({ selector: { role: 'db' }, requirements: [] });
    expect(new Set((await runAll('no-gpu', 4)).map((r) => r.agent))).toEqual(new Set(['db-a']));
    expect(new Set((await runAll('zones', 4)).map((r) => r.agent))).toEqual(new Set(['ml-b']));

    // A selector no agent meets: the run waits, queued.
    await create('nowhere', 'zone in (z)');
    const waiting = (await cli(['schedule', 'trigger', 'nowhere'], env)).stdout.trim();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(json<Run & { queuedReason: string }>(await cli(['run', 'get', waiting, '--json'], env))).toMatchObject({
      state: 'queued',
      queuedReason: 'no connected agent matches its selector (zone in (z))',
    });

    // With --start-within, a run no agent can take fails in time, saying why it waited.
    await create('hopeless', 'zone in (z)');
    expect((await cli(['schedule', 'update', 'hopeless', '--start-within', '2s'], env)).code).toBe(0);
    const hopeless = (await cli(['schedule', 'trigger', 'hopeless'], env)).stdout.trim();
    const gaveUp = await waitFor('the run to fail unstarted', async () => {
      const run = json<Run & { error: string | null }>(await cli(['run', 'get', hopeless, '--json'], env));
      return run.state === 'failed' ? run : undefined;
    });
    expect(gaveUp.error).toBe('no agent took it within 2s of being queued: no connected agent matches its selector (zone in (z))');

    // Drained, db-a gets nothing: runs of "db" wait until it is undrained.
    const drained = await cli(['agent', 'drain', 'db-a', '--json'], env);
    expect(drained.code, drained.stderr).toBe(0);
    expect(json<AgentJson>(drained)).toMatchObject({ name: 'db-a', drained: true });
    expect((await cli(['agent', 'list'], env)).stdout).toMatch(/db-a .* drained/);
    const held = (await cli(['schedule', 'trigger', 'db'], env)).stdout.trim();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(json<Run & { queuedReason: string }>(await cli(['run', 'get', held, '--json'], env))).toMatchObject({
      state: 'queued',
      queuedReason: 'the agents that match its selector are drained or stopping: db-a',
    });
    expect((await cli(['run', 'get', held], env)).stdout).toMatch(/Waiting\s+the agents that match its selector are drained or stopping: db-a/);
    expect((await cli(['agent', 'undrain', 'db-a'], env)).code).toBe(0);
    await waitFor('the held run to run on db-a', async () => {
      const run = json<Run>(await cli(['run', 'get', held, '--json'], env));
      return run.state === 'succeeded' && run.agent === 'db-a';
    });

    const unknown = await cli(['agent', 'drain', 'nope'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/agent "nope" not found/);
    const bad = await cli(['schedule', 'create', 'bad', '--every', '1h', '--selector', 'zone in a', '--shell', 'true'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid selector "zone in a": expected KEY=VALUE, KEY!=VALUE, KEY in \(A,B\)/);
  });

  it('drain --wait returns once the agent runs nothing, and --timeout gives up with exit 7, leaving it drained', async () => {
    const { port, env } = await singleNode();
    startAgent(port, 'web-1', []);
    await waitFor('the agent', async () => json<AgentJson[]>(await cli(['agent', 'list', '--json'], env)).some((a) => a.connected));
    expect((await cli(['schedule', 'create', 'slow', '--every', '1h', '--shell', 'sleep 3'], env)).code).toBe(0);
    const id = (await cli(['schedule', 'trigger', 'slow'], env)).stdout.trim();
    await waitFor('the run to start', async () => json<Run>(await cli(['run', 'get', id, '--json'], env)).state === 'running');

    const early = await cli(['agent', 'drain', 'web-1', '--wait', '--timeout', '1s'], env);
    expect([early.code, early.stderr]).toEqual([
      7,
      'Error: web-1 still has 1 run after 1s; they go on and web-1 stays drained: wait again, or see them with parallax run list --agent web-1 --state running\n',
    ]);
    const waited = await cli(['agent', 'drain', 'web-1', '--wait', '--json'], env);
    expect(waited.code, waited.stderr).toBe(0);
    expect(json<AgentJson>(waited)).toMatchObject({ name: 'web-1', drained: true, running: 0 });
    expect(json<Run>(await cli(['run', 'get', id, '--json'], env)).state).toBe('succeeded');

    const alone = await cli(['agent', 'drain', 'web-1', '--timeout', '1s'], env);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--wait/);
  });
});
