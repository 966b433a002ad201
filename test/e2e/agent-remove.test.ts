import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, singleNode, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import type { AuditJson } from '../../src/cli/lib/identity-json.js';
import type { AgentJson } from '../../src/cli/lib/wire-json.js';

describe('removing an agent', () => {
  it('forgets one that is gone, refuses one that is connected, and lets one of that name register anew', async () => {
    const { port, env } = await singleNode();
    const gone = startAgent(port, 'gone');
    startAgent(port, 'stays');
    const agents = async () => json<AgentJson[]>(await cli(['agent', 'list', '--json'], env));
    await waitFor('both agents', async () => (await agents()).filter((a) => a.connected).length === 2);

    const connected = await cli(['agent', 'remove', 'gone'], env);
    expect(connected.code).toBe(6);
    expect(connected.stderr).toContain('agent "gone" is connected: stop it first (parallax agent drain gone lets its runs finish)');
    const invalid = await cli(['agent', 'remove', 'Not_A_Name'], env);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('invalid agent name "Not_A_Name"');
    const unknown = await cli(['agent', 'remove', 'nobody'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('agent "nobody" not found');
    expect((await agents()).map((a) => a.name).sort()).toEqual(['gone', 'stays']);

    // The host is decommissioned: its agent stops and stays in the list, offline, until removed.
    await gone.stop();
    await waitFor('the agent offline', async () => (await agents()).find((a) => a.name === 'gone')?.connected === false);
    const removed = await cli(['agent', 'remove', 'gone', '--json'], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(json(removed)).toEqual({ name: 'gone', removed: true });
    expect((await agents()).map((a) => a.name)).toEqual(['stays']);
    expect((await cli(['agent', 'remove', 'gone'], env)).code).toBe(3);
    const audit = json<AuditJson[]>(await cli(['audit', 'list', '--json'], env));
    const entries = audit.filter((e) => e.resource === 'agent/gone').map((e) => [e.action, e.result]);
    expect(entries).toContainEqual(['agents:remove', 'ok']);
    expect(entries).toContainEqual(['agents:remove', 'refused']);

    // An agent of that name that connects again is a new agent.
    startAgent(port, 'gone');
    await waitFor('the agent back', async () => (await agents()).find((a) => a.name === 'gone')?.connected === true);
  });

  it('refuses one that is gone while it still holds a lease a new leader took over', async () => {
    const dir = tempDir();
    const port = await freePort();
    const data = join(dir, 'data');
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    // A lease a new leader takes over lasts --lease-ttl: long here, so the refusal has no race to lose.
    let coordinator = startCoordinator(data, port, 'n1', undefined, ['--lease-ttl', '120s']);
    await waitFor('the coordinator', async () => (await cli(['status', '--json'], env)).code === 0);
    const agent = startAgent(port, 'frozen');
    expect((await cli(['schedule', 'create', 'long', '--every', '1h', '--shell', 'sleep 300'], env)).code).toBe(0);
    const id = (await cli(['schedule', 'trigger', 'long'], env)).stdout.trim();
    await waitFor('the run to start', async () => (await cli(['run', 'get', id, '--json'], env)).stdout.includes('"state": "running"'));

    // The agent's host hangs (SIGSTOP) and the coordinator restarts: the new leader holds the run's lease, and the agent
    // never comes back to renew or end it.
    agent.child.kill('SIGSTOP');
    coordinator.child.kill('SIGKILL');
    await coordinator.exited;
    coordinator = startCoordinator(data, port, 'n1', undefined, ['--lease-ttl', '120s']);
    await waitFor('the agent offline', async () => {
      const listed = await cli(['agent', 'list', '--json'], env);
      return listed.code === 0 && json<AgentJson[]>(listed).find((a) => a.name === 'frozen')?.connected === false;
    });
    const refused = await cli(['agent', 'remove', 'frozen'], env);
    expect([refused.code, refused.stderr]).toEqual([
      6,
      `Error: agent "frozen" still holds the lease of a run; it ends when the lease runs out (the coordinators' --lease-ttl, and the run is retried by its policy), then it can be removed\n`,
    ]);
    agent.child.kill('SIGKILL');
  });
});
