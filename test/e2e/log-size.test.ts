import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, root, spawnProc, startCluster, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

interface ClusterJson {
  leader: string | null;
  members: { id: string; healthy: boolean }[];
}

describe('the size bound of the replicated log (--snapshot-size)', () => {
  it('compacts a log of large entries by size, and a member behind by more catches up from a snapshot', async () => {
    // The count bound is far away: only the size (64 KiB of applied entries) can make the log compact.
    const { dir, ids, address, nodes, start } = await startCluster(undefined, ['--snapshot-count', '100000', '--snapshot-size', '64KiB']);
    const env = { PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    const at = (id: string) => ['--coordinator', address(id)];
    const cluster = async (id: string) => json<ClusterJson>(await cli(['cluster', 'status', '--json', ...at(id)], env));
    const leader = await waitFor('a leader', async () => (await cluster('n1')).leader ?? undefined);
    const follower = ids.find((id) => id !== leader)!;

    nodes.get(follower)!.child.kill('SIGKILL');
    await nodes.get(follower)!.exited;
    // 24 values of 8 KiB: 192 KiB of entries, three times the bound, while the follower is down.
    const value = (i: number) => `${String(i).padStart(4, '0')}${'x'.repeat(8 * 1024)}`;
    for (let i = 0; i < 24; i++) {
      const put = await cli(['var', 'put', `big/k${i}`, value(i), ...at(leader)], env);
      expect(put.code, put.stderr).toBe(0);
    }

    start(follower);
    await waitFor(`${follower} to catch up`, async () => {
      const got = await cli(['var', 'get', 'big/k23', '--stale', ...at(follower)], env);
      return got.code === 0 && got.stdout === value(23);
    });
    expect(nodes.get(follower)!.output()).toMatch(/installed a snapshot from the leader/);
    const first = await cli(['var', 'get', 'big/k0', '--stale', ...at(follower)], env);
    expect(first.stdout).toBe(value(0));
    await waitFor('all three members healthy', async () => (await cluster(leader)).members.every((m) => m.healthy));
  }, 120_000);

  it('refuses a size it cannot read, naming the flag, and starts nothing', async () => {
    const dir = tempDir();
    const proc = spawnProc(join(root, 'bin', 'parallax-coordinator'), ['--data-dir', dir, '--listen', `127.0.0.1:${await freePort()}`, '--insecure', '--snapshot-size', 'lots']);
    const { code } = await proc.exited;
    expect(code).toBe(2);
    expect(proc.output()).toContain('invalid --snapshot-size "lots": expected a size such as 1GiB, 500MB or 1048576 (bytes)');
    expect(proc.output()).not.toMatch(/\n\s+at /);
  });
});
