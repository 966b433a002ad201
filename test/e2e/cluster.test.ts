import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, startAgent, startCluster, waitFor } from '../helpers/procs.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

interface Status {
  nodeId: string;
  leader: string | null;
}

describe('a three-node coordinator cluster', () => {
  it('takes writes through every node, survives SIGKILL of its leader, and the killed node catches up', async () => {
    const { dir, ids, ports, address, nodes, start } = await startCluster();
    const env = { PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    const at = (id: string) => ['--coordinator', address(id)];
    const status = async (id: string) => json<Status>(await cli(['status', '--json', ...at(id)], env));

    const leader = await waitFor('a leader all nodes agree on', async () => {
      // No leader yet reads as null; a node that does not answer yet as ''.
      const seen = await Promise.all(ids.map((id) => status(id).then((s) => s.leader ?? '', () => '')));
      return seen[0] !== '' && seen.every((l) => l === seen[0]) && seen[0];
    });

    const view = json<{ clusterId: string; term: number; leader: string; members: { id: string; voter: boolean; matchIndex: number | null; healthy: boolean }[] }>(
      await cli(['cluster', 'status', '--json', ...at(leader)], env),
    );
    expect(view.leader).toBe(leader);
    expect(view.term).toBeGreaterThan(0);
    expect(view.clusterId).toMatch(/^[0-9a-f]{16}$/);
    expect(view.members.map((m) => m.id)).toEqual(ids);
    expect(view.members.every((m) => m.voter && m.matchIndex !== null)).toBe(true);
    await waitFor('every member healthy in the leader\'s view', async () =>
      json<typeof view>(await cli(['cluster', 'status', '--json', ...at(leader)], env)).members.every((m) => m.healthy),
    );
    // A follower answers with the leader's view; its own (--local) knows only itself and the leader.
    const [follower, other] = ids.filter((id) => id !== leader) as [string, string];
    const passedOn = json<typeof view & { nodeId: string }>(await cli(['cluster', 'status', '--json', ...at(follower)], env));
    expect(passedOn.nodeId).toBe(leader);
    expect(passedOn.members.every((m) => m.healthy === true && m.matchIndex !== null)).toBe(true);
    const own = json<typeof view & { nodeId: string }>(await cli(['cluster', 'status', '--json', '--local', ...at(follower)], env));
    expect(own.nodeId).toBe(follower);
    const health = Object.fromEntries(own.members.map((m) => [m.id, m.healthy]));
    expect(health).toEqual({ [leader]: true, [follower]: true, [other]: null });
    const table = await cli(['cluster', 'status', '--local', ...at(follower)], env);
    expect(table.stdout).toMatch(new RegExp(`^${other}\\s+\\S+\\s+voter\\s+-\\s+-\\s+\\?$`, 'm'));
    // The node that answered has no contact with itself; the leader was heard from a moment ago.
    expect(table.stdout).toMatch(new RegExp(`^${follower}\\s+\\S+\\s+voter\\s+\\d+\\s+-\\s+yes$`, 'm'));
    expect(table.stdout).toMatch(new RegExp(`^${leader} \\(leader\\)\\s+\\S+\\s+voter\\s+-\\s+\\d+\\.\\ds ago\\s+yes$`, 'm'));

    // An agent that knows every coordinator finds the leader; a schedule created through a follower fires.
    startAgent(ports, 'agent-1');
    expect((await cli(['schedule', 'create', 'tick', '--cron', '* * * * * *', '--shell', 'echo tick', ...at(ids.find((id) => id !== leader)!)], env)).code).toBe(0);
    const succeededAfter = (since: number, via: string) =>
      waitFor(`a run due after ${new Date(since).toISOString()} to succeed`, async () => {
        const runs = json<Run[]>(await cli(['run', 'list', '--schedule', 'tick', '--json', ...at(via)], env));
        return runs.some((r) => r.state === 'succeeded' && Date.parse(r.dueAt ?? '') > since);
      }, 30_000);
    await succeededAfter(0, leader);

    // Why a run waits is known to the leader alone; a follower asked about a queued run gets the leader's answer.
    expect((await cli(['schedule', 'create', 'nowhere', '--cron', '0 0 1 1 *', '--selector', 'zone=z', '--shell', 'true', ...at(leader)], env)).code).toBe(0);
    const queued = (await cli(['schedule', 'trigger', 'nowhere', ...at(follower)], env)).stdout.trim();
    const why = 'no connected agent matches its selector (zone=z)';
    await waitFor('the leader to say why the run waits', async () =>
      json<{ queuedReason: string | null }>(await cli(['run', 'get', queued, '--json', ...at(leader)], env)).queuedReason === why,
    );
    expect(json<{ state: string; queuedReason: string | null }>(await cli(['run', 'get', queued, '--json', ...at(follower)], env))).toMatchObject({
      state: 'queued',
      queuedReason: why,
    });
    const listed = json<{ id: string; queuedReason: string | null }[]>(await cli(['run', 'list', '--schedule', 'nowhere', '--json', ...at(other)], env));
    expect(listed.map((r) => [r.id, r.queuedReason])).toEqual([[queued, why]]);
    // A stale read is the follower's own state: it cannot say why.
    expect(json<{ queuedReason: string | null }>(await cli(['run', 'get', queued, '--json', '--stale', ...at(follower)], env)).queuedReason).toBeNull();
    expect((await cli(['run', 'cancel', queued, ...at(follower)], env)).code).toBe(0);

    // A token revoked through one node is refused by the leader at once, and by every node once it has applied it.
    const followers = ids.filter((id) => id !== leader);
    const token = (await cli(['token', 'create', '--name', 'short-lived', '--role', 'viewer', ...at(followers[0]!)], env)).stdout.trim();
    const asToken = { ...env, PARALLAX_TOKEN: token };
    for (const id of ids) expect((await cli(['schedule', 'list', ...at(id)], asToken)).code).toBe(0);
    expect((await cli(['token', 'revoke', 'short-lived', ...at(followers[0]!)], env)).code).toBe(0);
    expect((await cli(['schedule', 'list', ...at(leader)], asToken)).code).toBe(4);
    await waitFor('every node to refuse the revoked token', async () => {
      const refused = await Promise.all(ids.map((id) => cli(['schedule', 'list', ...at(id)], asToken)));
      return refused.every((r) => r.code === 4);
    });

    // A write through each node (followers hand theirs to the leader), read back through another.
    for (const [i, id] of ids.entries()) {
      const put = await cli(['var', 'put', `app/${id}`, `value-${i}`, ...at(id)], env);
      expect(put.code, put.stderr).toBe(0);
      const other = ids[(i + 1) % ids.length]!;
      expect((await cli(['var', 'get', `app/${id}`, ...at(other)], env)).stdout).toBe(`value-${i}`);
    }

    nodes.get(leader)!.child.kill('SIGKILL');
    await nodes.get(leader)!.exited;
    const survivors = ids.filter((id) => id !== leader);
    const next = await waitFor('a new leader', async () => {
      const s = await status(survivors[0]!);
      return s.leader !== null && s.leader !== '' && s.leader !== leader && s.leader;
    });
    expect(survivors).toContain(next);
    // Every acknowledged write is still there, and the cluster takes new ones.
    for (const [i, id] of ids.entries()) {
      expect((await cli(['var', 'get', `app/${id}`, ...at(survivors[1]!)], env)).stdout).toBe(`value-${i}`);
    }
    expect((await cli(['var', 'put', 'app/after', 'failover', ...at(survivors[0]!)], env)).code).toBe(0);
    // A client given every address skips the dead node, whichever comes first in its list.
    const all = ['--coordinator', [leader, ...survivors].map(address).join(',')];
    expect((await cli(['var', 'get', 'app/after', ...all], env)).stdout).toBe('failover');
    expect((await cli(['var', 'put', 'app/through-list', 'ok', ...all], env)).code).toBe(0);

    // The new leader fires the schedule, and the agent follows it there.
    await succeededAfter(Date.now(), survivors[1]!);

    start(leader);
    await waitFor('the restarted node to catch up', async () => {
      const result = await cli(['var', 'get', 'app/after', ...at(leader)], env);
      return result.code === 0 && result.stdout === 'failover';
    });
    expect((await status(leader)).leader).toBe(next);

    // SIGTERM on the leader hands leadership to a follower before the process exits.
    const stopping = nodes.get(next)!;
    stopping.child.kill('SIGTERM');
    expect((await stopping.exited).code).toBe(0);
    expect(stopping.output()).toMatch(/handed leadership over before stopping to=n\d/);
    const successor = /handed leadership over before stopping to=(n\d)/.exec(stopping.output())![1]!;
    expect((await status(successor)).leader).toBe(successor);

    // A majority gone: the one left says there is no leader, rather than the refused connections of the others.
    const alone = ids.find((id) => id !== next && id !== successor)!;
    nodes.get(successor)!.child.kill('SIGKILL');
    await waitFor('the last node to know there is no leader', async () => (await status(alone)).leader === null, 20_000);
    const everyone = ['--coordinator', [alone, next, successor].map(address).join(',')];
    const read = await cli(['var', 'get', 'app/after', ...everyone], env);
    expect([read.code, read.stderr]).toEqual([7, 'Error: no leader can confirm a consistent read now; try again, or read --stale\n']);
    const write = await cli(['var', 'put', 'app/none', 'x', ...everyone], env);
    expect([write.code, write.stderr]).toEqual([7, 'Error: no leader can take the change now (an election is under way, or most coordinators are down); try again\n']);
    expect((await cli(['var', 'get', 'app/after', '--stale', ...everyone], env)).stdout).toBe('failover');
  });
});
