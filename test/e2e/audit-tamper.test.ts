import { join } from 'node:path';
import { Level } from 'level';
import { describe, expect, it } from 'vitest';
import { cli, freePort, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

const entryKey = (seq: number) => `A/${String(seq).padStart(16, '0')}`;

/** Changes the stored audit log of a stopped node directly in its LevelDB, as someone with the disk could. */
async function tamper(dataDir: string, change: (db: Level<string, string>) => Promise<void>): Promise<void> {
  const db = new Level<string, string>(join(dataDir, 'db'), { keyEncoding: 'utf8', valueEncoding: 'utf8' });
  await db.open();
  try {
    await change(db);
  } finally {
    await db.close();
  }
}

describe('the audit log is tamper-evident', () => {
  it('names the entry that was changed on disk, then one deleted from the middle', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const port = await freePort();
    let node = startCoordinator(data, port);
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    await waitFor('the coordinator', async () => (await cli(['status'], env)).code === 0);
    for (const name of ['one', 'two', 'three', 'four']) {
      expect((await cli(['tenant', 'create', name], env)).code).toBe(0);
    }
    expect((await cli(['audit', 'verify'], env)).stdout).toContain('The audit log verifies:');
    // Requests made before the token was committed are on the record too (denied): find the entries by what they say.
    const entries = JSON.parse((await cli(['audit', 'list', '--json'], env)).stdout) as { seq: number; resource: string }[];
    const seqOf = (resource: string) => entries.find((e) => e.resource === resource)!.seq;
    const [two, three] = [seqOf('tenant/two'), seqOf('tenant/three')];

    await node.stop();
    await tamper(data, async (db) => {
      const entry = JSON.parse((await db.get(entryKey(two)))!) as { resource: string };
      expect(entry.resource).toBe('tenant/two');
      await db.put(entryKey(two), JSON.stringify({ ...entry, resource: 'tenant/innocent' }));
    });
    node = startCoordinator(data, port);
    const changed = await waitFor('the restarted coordinator', async () => {
      const result = await cli(['audit', 'verify'], env);
      return result.code !== 7 && result;
    });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toBe(`Error: the audit log does not verify: entry ${two} does not match its hash (it was changed after it was written) (first bad entry: ${two})\n`);

    await node.stop();
    await tamper(data, async (db) => {
      const original = JSON.parse((await db.get(entryKey(two)))!) as { resource: string };
      await db.put(entryKey(two), JSON.stringify({ ...original, resource: 'tenant/two' }));
      await db.del(entryKey(three));
    });
    node = startCoordinator(data, port);
    const deleted = await waitFor('the restarted coordinator', async () => {
      const result = await cli(['audit', 'verify', '--json'], env);
      return result.code !== 7 && result;
    });
    expect(deleted.code).toBe(1);
    expect(JSON.parse(deleted.stdout)).toEqual({
      error: { code: 'internal', message: `the audit log does not verify: entry ${three} is missing (deleted) (first bad entry: ${three})`, field: null },
    });
  });
});
