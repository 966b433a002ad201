import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, startCluster, waitFor } from '../helpers/procs.js';

interface ClusterJson {
  leader: string | null;
  members: { id: string; healthy: boolean }[];
}

describe('removing a member while another is down', () => {
  it('refuses a removal that would leave too few voters up to elect a leader, and takes the removal of the one down', async () => {
    const { dir, ids, address, nodes } = await startCluster();
    const env = { PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config'), PARALLAX_ADDR: ids.map(address).join(',') };
    const status = async () => {
      const result = await cli(['cluster', 'status', '--json'], env);
      return result.code === 0 ? json<ClusterJson>(result) : undefined;
    };
    const leader = await waitFor('a leader', async () => (await status())?.leader ?? undefined, 20_000);
    const [down, other] = ids.filter((id) => id !== leader) as [string, string];
    nodes.get(down)!.child.kill('SIGKILL');
    await waitFor(`the leader to see ${down} down`, async () => (await status())?.members.find((m) => m.id === down)?.healthy === false, 20_000);

    const transfer = await cli(['cluster', 'transfer-leader', down], env);
    expect([transfer.code, transfer.stderr]).toEqual([6, `Error: ${down} is down (not heard from lately): it cannot take over; pick a healthy voter (parallax cluster status)\n`]);

    // Two voters would be left, one of them down: no leader could be elected.
    for (const removed of [other, leader]) {
      const refused = await cli(['cluster', 'remove', removed], env);
      expect(refused.code, refused.stderr).toBe(6);
      expect(refused.stderr).toContain(
        `Error: removing ${removed} would leave 2 voters of which 1 (${removed === other ? leader : other}) are up, and a leader needs 2: bring ${down} back first, or remove it instead`,
      );
    }
    expect((await status())?.members.map((m) => m.id).sort()).toEqual([...ids].sort());

    const removed = await cli(['cluster', 'remove', down], env);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await status())?.members.map((m) => m.id).sort()).toEqual([leader, other].sort());
    expect((await cli(['var', 'put', 'after/removal', 'ok'], env)).code).toBe(0);
  });
});
