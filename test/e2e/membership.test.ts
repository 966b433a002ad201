import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, initDataDir, json, type Proc, spawnProc, startAgent, waitFor, root } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';
import type { AuditJson } from '../../src/cli/lib/identity-json.js';

interface Member {
  id: string;
  address: string;
  voter: boolean;
  lastContactMs: number | null;
  healthy: boolean;
}

interface ClusterJson {
  clusterId: string;
  leader: string | null;
  members: Member[];
}

const coordinatorBin = join(root, 'bin', 'parallax-coordinator');

describe('changing the members of a running cluster', () => {
  it('catches a member up from a snapshot, adds a fourth node, removes one, moves leadership and removes the leader while schedules fire, auditing each change', async () => {
    const dir = tempDir();
    const ports = new Map<string, number>();
    for (const id of ['n1', 'n2', 'n3', 'n4']) ports.set(id, await freePort());
    const address = (id: string) => `127.0.0.1:${ports.get(id)}`;
    const initial = ['n1', 'n2', 'n3'].map((id) => `${id}=${address(id)}`).join(',');
    const nodes = new Map<string, Proc>();
    // A short log (20 entries) so that a member that misses a few writes can only catch up from a snapshot.
    const start = (id: string, ...how: string[]) =>
      nodes.set(id, spawnProc(coordinatorBin, ['--id', id, '--data-dir', join(dir, id), '--listen', address(id), '--insecure', '--snapshot-count', '20', ...how]));
    initDataDir(join(dir, 'n1'));
    for (const id of ['n1', 'n2', 'n3']) start(id, '--initial-cluster', initial);
    const env = { PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    const at = (id: string) => ['--coordinator', address(id)];
    const cluster = async (id: string) => json<ClusterJson>(await cli(['cluster', 'status', '--json', ...at(id)], env));
    const leaderOf = (ids: string[]) =>
      waitFor(`a leader among ${ids.join(', ')}`, async () => {
        const seen = await Promise.all(ids.map((id) => cluster(id).then((c) => c.leader ?? '', () => '')));
        return seen[0] !== '' && seen.every((l) => l === seen[0]) && seen[0];
      });

    const leader = await leaderOf(['n1', 'n2', 'n3']);
    startAgent([...ports.values()], 'agent-1');
    expect((await cli(['schedule', 'create', 'tick', '--cron', '* * * * * *', '--shell', 'echo tick', ...at(leader)], env)).code).toBe(0);
    const firesAfter = (since: number, via: string) =>
      waitFor(`a run due after ${new Date(since).toISOString()} to succeed`, async () => {
        const runs = json<Run[]>(await cli(['run', 'list', '--schedule', 'tick', '--json', ...at(via)], env));
        return runs.some((r) => r.state === 'succeeded' && Date.parse(r.dueAt ?? '') > since);
      }, 30_000);
    await firesAfter(0, leader);

    // A follower misses more writes than the log keeps: on restart it gets the state as a snapshot.
    const [behind, other] = ['n1', 'n2', 'n3'].filter((id) => id !== leader) as [string, string];
    nodes.get(behind)!.child.kill('SIGKILL');
    await nodes.get(behind)!.exited;
    for (let i = 0; i < 30; i += 5) {
      const puts = await Promise.all([0, 1, 2, 3, 4].map((j) => cli(['var', 'put', `batch/k${i + j}`, `v${i + j}`, ...at(leader)], env)));
      for (const put of puts) expect(put.code, put.stderr).toBe(0);
    }
    start(behind);
    await waitFor(`${behind} to hold the last write in its own state`, async () => {
      const got = await cli(['var', 'get', 'batch/k29', '--stale', ...at(behind)], env);
      return got.code === 0 && got.stdout === 'v29';
    });
    await waitFor(`${behind} to say it installed a snapshot`, () => /installed a snapshot from the leader/.test(nodes.get(behind)!.output()), 5_000);
    await waitFor(`${leader} to say it sent one`, () => new RegExp(`sent a snapshot to=${behind}`).test(nodes.get(leader)!.output()), 5_000);
    // Every write is there, through the caught-up node, linearizable or stale alike.
    const listed = json<{ key: string }[]>(await cli(['var', 'list', 'batch/', '--json', '--stale', ...at(behind)], env));
    expect(listed).toHaveLength(30);

    // Bad membership changes are refused, and change nothing.
    const badId = await cli(['cluster', 'add', 'N_4', '127.0.0.1:1', ...at(other)], env);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/invalid member id "N_4"/);
    const badAddress = await cli(['cluster', 'add', 'n4', 'localhost', ...at(other)], env);
    expect(badAddress.code).toBe(2);
    expect(badAddress.stderr).toMatch(/invalid address "localhost": expected HOST:PORT/);
    const taken = await cli(['cluster', 'add', 'n4', address(leader), ...at(other)], env);
    expect(taken.code).toBe(6);
    expect(taken.stderr).toMatch(new RegExp(`${leader} already has the address`));
    const unknown = await cli(['cluster', 'remove', 'n9', ...at(other)], env);
    expect(unknown.code).toBe(3);
    expect((await cluster(leader)).members.map((m) => m.id)).toEqual(['n1', 'n2', 'n3']);

    // A fourth node: added through a follower (passed on to the leader), joins, catches up and becomes a voter.
    const added = await cli(['cluster', 'add', 'n4', address('n4'), ...at(other)], env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/Added n4 as a learner/);
    // Not a voter before it has started and copied the log: the leader checks four times a second.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await cluster(leader)).members.find((m) => m.id === 'n4')).toMatchObject({ voter: false, matchIndex: 0, healthy: false });
    const toLearner = await cli(['cluster', 'transfer-leader', 'n4', ...at(other)], env);
    expect(toLearner.code).toBe(6);
    expect(toLearner.stderr).toMatch(/n4 is a learner: it becomes a voter, and can lead, once it has caught up/);
    start('n4', '--join', [address('n1'), address('n2'), address('n3')].join(','));
    await waitFor('n4 to become a healthy voter', async () => {
      const n4 = (await cluster(leader)).members.find((m) => m.id === 'n4');
      return n4?.voter === true && n4.healthy;
    });
    expect((await cli(['var', 'get', 'batch/k29', ...at('n4')], env)).stdout).toBe('v29');
    await firesAfter(Date.now(), 'n4');

    // Removing a member: it leaves, its process exits, and the rest go on.
    const removed = await cli(['cluster', 'remove', other, '--json', ...at('n4')], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect(json<ClusterJson>(removed).members.map((m) => m.id)).not.toContain(other);
    expect((await nodes.get(other)!.exited).code).toBe(0);
    expect(nodes.get(other)!.output()).toMatch(/this node was removed from the cluster/);
    // Added again (and not started), it is a member not heard from, not one heard from before it left.
    expect((await cli(['cluster', 'add', other, address(other), ...at('n4')], env)).code).toBe(0);
    expect((await cluster(leader)).members.find((m) => m.id === other)).toMatchObject({ voter: false, lastContactMs: null, healthy: false });
    expect((await cli(['cluster', 'remove', other, ...at('n4')], env)).code).toBe(0);
    const remaining = ['n1', 'n2', 'n3', 'n4'].filter((id) => id !== other);
    expect((await leaderOf(remaining))).toBe(leader);
    await firesAfter(Date.now(), leader);

    // Leadership moves on request, and the new leader fires the schedule.
    const moved = await cli(['cluster', 'transfer-leader', 'n4', ...at(behind)], env);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/n4 leads/);
    expect(await leaderOf(remaining)).toBe('n4');
    await firesAfter(Date.now(), 'n4');

    // The leader asked to remove itself hands leadership over first: the answer comes from the new leader, and the
    // cluster never waits out an election.
    const self = await cli(['cluster', 'remove', 'n4', '--json', ...at(behind)], env);
    expect(self.code, self.stderr).toBe(0);
    const after = json<ClusterJson>(self);
    expect(after.members.map((m) => m.id).sort()).toEqual([leader, behind].sort());
    expect([leader, behind]).toContain(after.leader);
    expect((await nodes.get('n4')!.exited).code).toBe(0);
    expect(nodes.get('n4')!.output()).toMatch(/handed leadership over before leaving the cluster/);
    await firesAfter(Date.now(), after.leader!);

    // Every change is in the audit log, the leader's own removal too: it is written by the change's own log entry.
    const audit = json<AuditJson[]>(await cli(['audit', 'list', '--json', ...at(behind)], env));
    const changes = audit.filter((e) => /^(member|leader)\//.test(e.resource)).map((e) => `${e.action} ${e.resource} ${e.result}`);
    const member = (id: string) => `cluster:manage member/${id} ok`;
    expect(changes).toEqual([member('n4'), member(other), member(other), member(other), 'cluster:manage leader/n4 ok', member('n4')]);
  }, 180_000);
});
