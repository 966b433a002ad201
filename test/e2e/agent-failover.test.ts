import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bin, cli, json, spawnProc, startAgent, startCluster, waitFor } from '../helpers/procs.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('the leader killed while runs are in progress', () => {
  it('loses neither the runs nor their output: they finish and the new leader has all of it', async () => {
    const { dir, ids, ports, address, nodes } = await startCluster();
    const env = { PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config'), PARALLAX_ADDR: ids.map(address).join(',') };
    const leader = async () => {
      const result = await cli(['cluster', 'status', '--json'], env);
      return result.code === 0 ? (json<{ leader: string | null }>(result).leader ?? undefined) : undefined;
    };
    const first = await waitFor('a leader', leader);
    startAgent(ports, 'agent-1', [], 8);
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);

    // Each run writes 40 numbered lines over 8 seconds.
    const script = 'for i in $(seq 1 40); do echo "$PARALLAX_RUN_ID line $i"; sleep 0.2; done';
    expect((await cli(['schedule', 'create', 'talker', '--cron', '0 0 1 1 *', '--overlap', 'allow', '--shell', script], env)).code).toBe(0);
    const runs: string[] = [];
    for (let i = 0; i < 3; i++) runs.push((await cli(['schedule', 'trigger', 'talker'], env)).stdout.trim());
    // One call per look (a machine under load answers slowly), until all three run.
    await waitFor('the runs to be running', async () => {
      const listed = json<Run[]>(await cli(['run', 'list', '--schedule', 'talker', '--json'], env));
      return runs.every((id) => listed.find((r) => r.id === id)?.state === 'running');
    }, 30_000);
    // Someone follows the first run's output through the leader, the first coordinator of their list.
    const others = ids.filter((id) => id !== first).map(address);
    const follower = spawnProc(bin('parallax'), ['run', 'logs', '--follow', runs[0]!], {
      ...env,
      PARALLAX_ADDR: [address(first), ...others].join(','),
      PARALLAX_TOKEN: ADMIN_TOKEN,
      PARALLAX_KEYCHAIN: 'off',
    });
    await waitFor('the follower to print', () => follower.output().includes(`${runs[0]} line 2\n`), 30_000);
    nodes.get(first)!.child.kill('SIGKILL');
    await nodes.get(first)!.exited;

    await waitFor('a new leader', async () => {
      const now = await leader();
      return now !== undefined && now !== first;
    }, 20_000);
    for (const id of runs) {
      const run = await waitFor(`run ${id} to end`, async () => {
        const current = json<Run>(await cli(['run', 'get', id, '--json'], env));
        return ['succeeded', 'failed', 'lost', 'cancelled'].includes(current.state) ? current : undefined;
      }, 30_000);
      // The same attempt finished: the agent kept the lease through the failover.
      expect(run).toMatchObject({ state: 'succeeded', attempt: 1 });
      const lines = (await cli(['run', 'logs', id], env)).stdout.trim().split('\n');
      expect(lines).toEqual(Array.from({ length: 40 }, (_, i) => `${id} line ${i + 1}`));
    }
    // The follower went on from another coordinator, after what it had printed: every line once, and exit 0.
    expect(await follower.exited).toEqual({ code: 0, signal: null });
    expect(follower.output()).toBe(Array.from({ length: 40 }, (_, i) => `${runs[0]} line ${i + 1}\n`).join(''));
  });
});
