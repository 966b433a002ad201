import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import type { AgentJson } from '../../src/cli/lib/wire-json.js';

describe('two agents under one name', () => {
  it('keeps the first, tells the second why it is refused, and lets the second in once the first is gone', async () => {
    const dir = tempDir();
    const port = await freePort();
    const coordinator = startCoordinator(join(dir, 'data'), port);
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    const agents = async () => json<AgentJson[]>(await cli(['agent', 'list', '--json'], env));

    // Two hosts cloned from one image share a host name, the default agent name; each has its own data directory.
    const first = startAgent(port, 'twin');
    await waitFor('the first agent', async () => (await agents())[0]?.connected);
    const second = startAgent(port, 'twin');
    await waitFor('the second to be told why', () => second.output().includes('another agent is connected as \\"twin\\"'), 15_000);
    // The first keeps its session: the two do not take it from each other at every reconnect.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(coordinator.output()).not.toContain('agent reconnected');
    expect(first.output()).not.toMatch(/ WARN /);
    expect(await agents()).toMatchObject([{ name: 'twin', connected: true }]);

    await first.stop();
    await waitFor('the second agent in', async () => second.output().includes('session with the coordinator open'), 20_000);
    expect(await agents()).toMatchObject([{ name: 'twin', connected: true }]);
  });
});
