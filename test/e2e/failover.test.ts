import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import type { ControlClient } from '../../src/common/proto/gen/parallax/v1/Control.js';
import { controlProto } from '../../src/common/proto/load.js';
import { ADMIN_TOKEN, cli, json, startCluster, waitFor } from '../helpers/procs.js';

interface ClusterJson {
  leader: string | null;
  members: { id: string; healthy: boolean }[];
}

/**
 * A client that writes as fast as the cluster acknowledges: each write goes to one node, and on any failure the next
 * write goes to the next node. It remembers which writes were acknowledged.
 */
class Writer {
  readonly acknowledged: string[] = [];
  private stopped = false;
  private readonly clients: ControlClient[];
  private next = 0;
  readonly done: Promise<void>;

  private readonly metadata = new grpc.Metadata();

  constructor(addresses: string[]) {
    this.metadata.set('authorization', `Bearer ${ADMIN_TOKEN}`);
    const Control = controlProto().parallax.v1.Control;
    this.clients = addresses.map((a) => new Control(a, grpc.credentials.createInsecure()));
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    let node = 0;
    // Bounded: the test stops the writer long before this many writes.
    while (!this.stopped && this.next < 100_000) {
      const key = `load/k${this.next++}`;
      const ok = await new Promise<boolean>((resolve) =>
        this.clients[node]!.putVariable({ key, value: Buffer.from(key) }, this.metadata, { deadline: Date.now() + 2_000 }, (err) => resolve(err === null)),
      );
      if (ok) this.acknowledged.push(key);
      else node = (node + 1) % this.clients.length;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.done;
    for (const client of this.clients) client.close();
  }
}

describe('a leader killed under write load', () => {
  it('loses no acknowledged write: a new leader serves within seconds, and the old one catches up from a snapshot', async () => {
    // A short log (50 entries), so the killed node, behind by more, catches up from a snapshot.
    const { dir, ids, address, nodes, start } = await startCluster(undefined, ['--snapshot-count', '50']);
    const env = { PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    const at = (id: string) => ['--coordinator', address(id)];
    const cluster = async (id: string) => json<ClusterJson>(await cli(['cluster', 'status', '--json', ...at(id)], env));
    const leader = await waitFor('a leader', async () => (await cluster('n1')).leader ?? undefined);

    const writer = new Writer(ids.map(address));
    await waitFor('some writes acknowledged', () => writer.acknowledged.length >= 50);
    nodes.get(leader)!.child.kill('SIGKILL');
    await nodes.get(leader)!.exited;
    const ackedAtKill = writer.acknowledged.length;
    // The survivors elect a leader and take writes again (20 s bound: the default election timeout is 0.4–0.8 s).
    await waitFor('writes acknowledged after the kill', () => writer.acknowledged.length >= ackedAtKill + 150, 20_000, 20);
    await writer.stop();

    const survivors = ids.filter((id) => id !== leader);
    const next = (await cluster(survivors[0]!)).leader;
    expect(survivors).toContain(next);
    // Every acknowledged write is there, read through each survivor.
    for (const id of survivors) {
      const keys = new Set(json<{ key: string }[]>(await cli(['var', 'list', 'load/', '--json', ...at(id)], env)).map((v) => v.key));
      const missing = writer.acknowledged.filter((k) => !keys.has(k));
      expect(missing, `acknowledged writes missing on ${id}`).toEqual([]);
    }

    // The killed node restarts on its data directory and catches up with everything written meanwhile.
    start(leader);
    const last = writer.acknowledged.at(-1)!;
    await waitFor(`${leader} to catch up`, async () => {
      const got = await cli(['var', 'get', last, '--stale', ...at(leader)], env);
      return got.code === 0 && got.stdout === last;
    });
    await waitFor(`${leader} to say it installed a snapshot`, () => /installed a snapshot from the leader/.test(nodes.get(leader)!.output()), 5_000);
    await waitFor('all three members healthy', async () => (await cluster(next!)).members.every((m) => m.healthy));
  }, 120_000);
});
