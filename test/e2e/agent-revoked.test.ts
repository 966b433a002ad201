import { describe, expect, it } from 'vitest';
import { bin, cli, json, singleNode, spawnProc, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import { liveWithMarker, uniqueSleepSeconds, waitUntilGone } from '../agent/helpers.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe("an agent whose token is revoked while it runs", () => {
  it('is cut off at its next heartbeat: it gets no more runs, and stops the one it had, which is lost', async () => {
    const { port, env } = await singleNode();
    const token = (await cli(['token', 'create', '--name', 'fleet', '--role', 'agent', '--cluster-wide'], env)).stdout.trim();
    expect(token).toMatch(/^plx_/);
    const args = ['--coordinator', `127.0.0.1:${port}`, '--name', 'r1', '--label', 'pool=r', '--data-dir', tempDir('parallax-agent-'), '--insecure'];
    const agent = spawnProc(bin('parallax-agent'), args, { PARALLAX_AGENT_TOKEN: token });
    const connected = async () => json<{ name: string; connected: boolean }[]>(await cli(['agent', 'list', '--json'], env)).find((a) => a.name === 'r1')?.connected;
    await waitFor('the agent', connected);

    const marker = uniqueSleepSeconds();
    expect((await cli(['schedule', 'create', 'long', '--every', '1h', '--selector', 'pool=r', '--shell', `sleep ${marker}`], env)).code).toBe(0);
    const first = (await cli(['schedule', 'trigger', 'long'], env)).stdout.trim();
    await waitFor('the run to start', async () => json<Run>(await cli(['run', 'get', first, '--json'], env)).state === 'running');
    expect(liveWithMarker(marker)).not.toEqual([]);

    expect((await cli(['token', 'revoke', 'fleet', '--cluster-wide'], env)).code).toBe(0);
    await waitFor('the agent cut off', async () => (await connected()) === false, 15_000);
    await waitUntilGone(marker);
    const lost = await waitFor('the attempt lost', async () => {
      const run = json<Run>(await cli(['run', 'get', first, '--json'], env));
      return run.attempts[0]?.state === 'lost' ? run : undefined;
    }, 15_000);
    expect(lost.attempts).toHaveLength(1);
    expect(agent.output()).toContain('was revoked');

    // Nothing more goes to it.
    const next = (await cli(['schedule', 'trigger', 'long'], env)).stdout.trim();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(json<Run>(await cli(['run', 'get', next, '--json'], env)).state).toBe('queued');
    expect(liveWithMarker(marker)).toEqual([]);
  });
});
