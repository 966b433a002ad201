import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
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
});
