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

    // Backfill: a run for each past due time in the range, daylight saving included.
    const backfill = await cli(['schedule', 'backfill', 'backup-db', '--from', '2026-03-27', '--to', '2026-03-31', '--json'], env);
    expect(backfill.code, backfill.stderr).toBe(0);
    const made = json<{ id: string; dueAt: string; trigger: string; state: string }[]>(backfill);
    expect(made.map((r) => [r.dueAt, r.trigger, r.state])).toEqual([
      ['2026-03-27T01:30:00.000Z', 'backfill', 'queued'],
      ['2026-03-28T01:30:00.000Z', 'backfill', 'queued'],
      ['2026-03-29T01:00:00.000Z', 'backfill', 'queued'],
      ['2026-03-30T00:30:00.000Z', 'backfill', 'queued'],
    ]);
    const listed = json<{ id: string }[]>(await cli(['run', 'list', '--schedule', 'backup-db', '--json'], env));
    expect(listed.map((r) => r.id).sort()).toEqual(made.map((r) => r.id).sort());
    const future = await cli(['schedule', 'backfill', 'backup-db', '--from', '2026-03-27', '--to', '2099-01-01'], env);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/backfill is for due times that have passed/);
    expect((await cli(['schedule', 'create', 'often', '--cron', '* * * * * *', '--shell', 'true', '--paused'], env)).code).toBe(0);
    const tooMany = await cli(['schedule', 'backfill', 'often', '--from', '2026-03-27', '--to', '2026-03-28'], env);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/more than 1000 due times/);
    const badDate = await cli(['schedule', 'backfill', 'often', '--from', 'last week', '--to', '2026-03-28'], env);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/invalid --from "last week"/);
    expect(json<unknown[]>(await cli(['run', 'list', '--schedule', 'often', '--json'], env))).toEqual([]);
  });

  it('takes --every and --at: an interval schedule and a one-off that fires once, and refuses a time that has passed', async () => {
    const dir = tempDir();
    const port = await freePort();
    startCoordinator(join(dir, 'data'), port);
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    await waitFor('the coordinator', async () => (await cli(['status', '--json'], env)).code === 0);
    interface Line {
      dueAt: string;
      outcome: string;
    }
    const history = async (name: string) => json<Line[]>(await cli(['schedule', 'history', name, '--json'], env));

    expect((await cli(['schedule', 'create', 'sync', '--every', '2s', '--shell', 'true', '--overlap', 'allow'], env)).code).toBe(0);
    const next = json<{ dueAt: string }[]>(await cli(['schedule', 'next', 'sync', '--count', '3', '--json'], env));
    const gaps = next.slice(1).map((d, i) => Date.parse(d.dueAt) - Date.parse(next[i]!.dueAt));
    expect(gaps).toEqual([2_000, 2_000]);
    expect(next.every((d) => Date.parse(d.dueAt) % 2_000 === 0)).toBe(true);

    const when = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000).toISOString();
    const once = await cli(['schedule', 'create', 'once', '--at', when, '--shell', 'true'], env);
    expect(once.code, once.stderr).toBe(0);
    await waitFor('the one-off to fire', async () => (await history('once')).length > 0, 15_000);
    await waitFor('two fires of the interval schedule', async () => (await history('sync')).length >= 2, 15_000);
    // Once only: nothing more is due, and it fired at its time.
    expect(json<unknown[]>(await cli(['schedule', 'next', 'once', '--json'], env))).toEqual([]);
    expect((await history('once')).map((h) => [h.dueAt, h.outcome])).toEqual([[when, 'fired']]);

    const past = await cli(['schedule', 'create', 'late', '--at', '2020-01-01T00:00:00Z', '--shell', 'true'], env);
    expect(past.code).toBe(2);
    expect(past.stderr).toMatch(/the --at time has passed/);
    const both = await cli(['schedule', 'create', 'both', '--cron', '* * * * *', '--every', '1m', '--shell', 'true'], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give one of --cron, --every and --at/);
    const none = await cli(['schedule', 'create', 'none', '--shell', 'true'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/pass --cron EXPR, --every DURATION or --at TIME/);
    expect(json<{ name: string }[]>(await cli(['schedule', 'list', '--json'], env)).map((s) => s.name).sort()).toEqual(['once', 'sync']);
  });
});
