import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

describe('parallax schedule next', () => {
  it('lists due times in the schedule zone through a daylight-saving change, as local and UTC, and checks its input', async () => {
    const dir = tempDir();
    const port = await freePort();
    startCoordinator(join(dir, 'data'), port);
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    await waitFor('the coordinator', async () => (await cli(['status', '--json'], env)).code === 0);
    const created = await cli(['schedule', 'create', 'backup-db', '--cron', '0 30 2 * * *', '--tz', 'Europe/Berlin', '--shell', 'true', '--paused'], env);
    expect(created.code, created.stderr).toBe(0);

    // 02:30 does not exist in Berlin on 2026-03-29: due once, at 03:00 CEST.
    const next = await cli(['schedule', 'next', 'backup-db', '--count', '3', '--from', '2026-03-28T00:00:00+01:00', '--json'], env);
    expect(next.code, next.stderr).toBe(0);
    expect(json(next)).toEqual([
      { dueAt: '2026-03-28T01:30:00.000Z', local: '2026-03-28T02:30:00+01:00' },
      { dueAt: '2026-03-29T01:00:00.000Z', local: '2026-03-29T03:00:00+02:00' },
      { dueAt: '2026-03-30T00:30:00.000Z', local: '2026-03-30T02:30:00+02:00' },
    ]);

    const human = await cli(['schedule', 'next', 'backup-db', '--count', '2', '--from', '2026-10-24T00:00:00Z'], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/LOCAL \(Europe\/Berlin\)\s+UTC/);
    expect(human.stdout).toMatch(/2026-10-25 02:30:00\+02:00\s+2026-10-25 00:30:00Z/);
    expect(human.stderr).toMatch(/paused/);

    const badFrom = await cli(['schedule', 'next', 'backup-db', '--from', 'yesterday'], env);
    expect(badFrom.code).toBe(2);
    expect(badFrom.stderr).toMatch(/invalid --from "yesterday": expected a date and time such as/);
    const badCount = await cli(['schedule', 'next', 'backup-db', '--count', '0'], env);
    expect(badCount.code).toBe(2);
    expect(badCount.stderr).toMatch(/count/);
    const unknown = await cli(['schedule', 'next', 'nope'], env);
    expect(unknown.code).toBe(3);
  });
});
