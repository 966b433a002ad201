import { execFileSync } from 'node:child_process';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { beforeEach, describe, expect, it } from 'vitest';
import { controlProto } from '../../src/common/proto/load.js';
import { ADMIN_TOKEN, cli, freePort, json, root, startAgent, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('a coordinator and an agent', () => {
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    const dir = tempDir();
    const port = await freePort();
    startCoordinator(join(dir, 'data'), port);
    env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    await waitFor('the coordinator', async () => (await cli(['status', '--json'], env)).code === 0);
    startAgent(port, 'agent-1', ['role=test']);
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);
  });

  const runs = async (schedule: string) => json<Run[]>(await cli(['run', 'list', '--schedule', schedule, '--json'], env));

  it('fires a schedule every second and keeps what each run printed', async () => {
    const created = await cli(['schedule', 'create', 'hello', '--cron', '* * * * * *', '--shell', 'echo hello from $(hostname)'], env);
    expect(created.code, created.stderr).toBe(0);
    const succeeded = await waitFor('two succeeded runs', async () => {
      const done = (await runs('hello')).filter((r) => r.state === 'succeeded');
      return done.length >= 2 && done;
    });
    for (const run of succeeded.slice(0, 2)) {
      expect(run).toMatchObject({ schedule: 'hello', attempt: 1, exitCode: 0, agent: 'agent-1' });
      expect(Date.parse(run.endedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt!));
      expect(Date.parse(run.startedAt!)).toBeGreaterThanOrEqual(Date.parse(run.leasedAt!));
      const logs = await cli(['run', 'logs', run.id], env);
      expect(logs).toMatchObject({ code: 0, stdout: `hello from ${hostname()}\n` });
    }
    const [schedule] = json<{ name: string; cron: string; tz: string; paused: boolean; nextDueAt: string }[]>(
      await cli(['schedule', 'list', '--json'], env),
    );
    expect(schedule).toMatchObject({ name: 'hello', cron: '* * * * * *', tz: 'UTC', paused: false });
    expect(Date.parse(schedule!.nextDueAt)).toBeGreaterThan(Date.parse(succeeded[0]!.dueAt ?? ''));

    expect((await cli(['schedule', 'delete', 'hello'], env)).code).toBe(0);
    expect(json<unknown[]>(await cli(['schedule', 'list', '--json'], env))).toEqual([]);
  });

  it('streams the output of a running run with --follow as it is written', async () => {
    const flag = join(tempDir(), 'go');
    // The run waits for the test to see its first line before it writes the second: no timing involved.
    const script = `echo first; n=0; while [ ! -e ${flag} ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done; echo second >&2; echo third`;
    expect((await cli(['schedule', 'create', 'follow', '--cron', '0 0 1 1 *', '--shell', script], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'follow', '--json'], env));

    const child = spawn(process.execPath, [join(root, 'bin/parallax'), 'run', 'logs', '--follow', run.id], { env: { ...process.env, PARALLAX_TOKEN: ADMIN_TOKEN, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));

    await waitFor('the first line', () => stdout === 'first\n');
    expect(json<Run>(await cli(['run', 'get', run.id, '--json'], env)).state).toBe('running');
    writeFileSync(flag, '');
    expect(await closed).toBe(0);
    expect(stdout).toBe('first\nthird\n');
    expect(stderr).toBe('second\n');
    expect(json<Run>(await cli(['run', 'get', run.id, '--json'], env))).toMatchObject({ state: 'succeeded', exitCode: 0 });
  });

  it('ends a run that exceeds its timeout as timed_out and leaves none of its processes behind', async () => {
    const marker = 3000 + Math.floor(Math.random() * 5000);
    const shell = `sleep ${marker} & sleep ${marker}; wait`;
    expect((await cli(['schedule', 'create', 'slow', '--cron', '0 0 1 1 *', '--timeout', '1s', '--shell', shell], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'slow', '--json'], env));
    const ended = await waitFor('the run to time out', async () => {
      const current = json<Run>(await cli(['run', 'get', run.id, '--json'], env));
      return current.state === 'timed_out' && current;
    });
    expect(ended.exitCode).toBeNull();
    const left = (() => {
      try {
        return execFileSync('pgrep', ['-f', `sleep ${marker}`]).toString();
      } catch {
        return '';
      }
    })();
    expect(left).toBe('');
  });

  it('gives a run the variables it names as environment', async () => {
    expect((await cli(['var', 'put', 'app/db-url', 'postgres://db:5432/app'], env)).code).toBe(0);
    expect((await cli(['var', 'get', 'app/db-url'], env)).stdout).toBe('postgres://db:5432/app');
    const vars = json<{ key: string }[]>(await cli(['var', 'list', 'app/', '--json'], env));
    expect(vars.map((v) => v.key)).toEqual(['app/db-url']);
    const create = await cli(
      ['schedule', 'create', 'uses-var', '--cron', '0 0 1 1 *', '--env-from-var', 'DB_URL=app/db-url', '--shell', 'echo "url=$DB_URL"; echo "${DB_URL#postgres://}" | cut -c1-2'],
      env,
    );
    expect(create.code, create.stderr).toBe(0);
    expect(create.stderr).toBe('');
    // A variable that does not exist yet is worth a warning, not a refusal: it may be created next.
    const early = await cli(['schedule', 'create', 'needs-var', '--cron', '0 0 1 1 *', '--env-from-var', 'A=app/db-url', '--env-from-var', 'B=app/later', '--shell', 'true'], env);
    expect(early.code, early.stderr).toBe(0);
    expect(early.stderr).toBe('Warning: the variable app/later does not exist yet: runs of needs-var fail until it is created (parallax var put KEY VALUE).\n');
    const run = json<Run>(await cli(['schedule', 'trigger', 'uses-var', '--json'], env));
    await waitFor('the run to end', async () => json<Run>(await cli(['run', 'get', run.id, '--json'], env)).state === 'succeeded');
    // The run had the value; its output does not: values from variables are masked as secrets.
    expect((await cli(['run', 'logs', run.id], env)).stdout).toBe('url=***\ndb\n');
    // A trigger can add environment for that run only.
    const withEnv = await cli(['schedule', 'create', 'greets', '--cron', '0 0 1 1 *', '--env', 'WHO=world', '--shell', 'echo "hello $WHO $EXTRA"'], env);
    expect(withEnv.code, withEnv.stderr).toBe(0);
    const custom = json<Run>(await cli(['schedule', 'trigger', 'greets', '--env', 'WHO=you', '--env', 'EXTRA=too', '--json'], env));
    await waitFor('the custom run to end', async () => json<Run>(await cli(['run', 'get', custom.id, '--json'], env)).state === 'succeeded');
    expect((await cli(['run', 'logs', custom.id], env)).stdout).toBe('hello you too\n');
    const plain = json<Run>(await cli(['schedule', 'trigger', 'greets', '--json'], env));
    await waitFor('the plain run to end', async () => json<Run>(await cli(['run', 'get', plain.id, '--json'], env)).state === 'succeeded');
    expect((await cli(['run', 'logs', plain.id], env)).stdout).toBe('hello world \n');
    const badEnv = await cli(['schedule', 'trigger', 'greets', '--env', '1X=y'], env);
    expect(badEnv.code).toBe(2);

    const missing = await cli(['schedule', 'create', 'no-var', '--cron', '0 0 1 1 *', '--env-from-var', 'X=app/missing', '--shell', 'true'], env);
    expect(missing.code).toBe(0);
    const failed = json<Run>(await cli(['schedule', 'trigger', 'no-var', '--json'], env));
    const ended = await waitFor('the run to fail', async () => {
      const current = json<Run>(await cli(['run', 'get', failed.id, '--json'], env));
      return current.state === 'failed' && current;
    });
    expect(ended.error).toContain('variable "app/missing" (for X) not found');
  });

  it('answers bad input with the documented exit code and message, and changes nothing', async () => {
    // Paused, so no fire can change the listing between the two reads of it.
    expect((await cli(['schedule', 'create', 'taken', '--cron', '* * * * *', '--paused', '--shell', 'true'], env)).code).toBe(0);
    const before = (await cli(['schedule', 'list', '--json'], env)).stdout;

    const badCron = await cli(['schedule', 'create', 'x', '--cron', '*/2 * *', '--shell', 'true'], env);
    expect(badCron.code).toBe(2);
    expect(badCron.stderr).toContain('invalid cron expression "*/2 * *": expected 5 or 6 fields');

    // Whatever the timing: with --every or --after too, the zone is kept and due times are shown in it.
    for (const timing of [['--cron', '* * * * *'], ['--every', '1h'], ['--after', 'other']]) {
      const badTz = await cli(['schedule', 'create', 'x', ...timing, '--tz', 'Mars/Olympus', '--shell', 'true'], env);
      expect(badTz.code, timing.join(' ')).toBe(2);
      expect(badTz.stderr).toContain('invalid time zone "Mars/Olympus"');
      expect(badTz.stderr).not.toMatch(/\n\s+at /);
    }

    const taken = await cli(['schedule', 'create', 'taken', '--cron', '* * * * *', '--shell', 'true'], env);
    expect(taken.code).toBe(6);
    expect(taken.stderr).toContain('schedule "taken" already exists');

    const unknownRun = await cli(['run', 'logs', '01m7zzpne1f661tsjzqdsdr9nd'], env);
    expect(unknownRun.code).toBe(3);
    expect(unknownRun.stderr).toContain('run "01m7zzpne1f661tsjzqdsdr9nd" not found');

    const big = await cli(['var', 'put', 'big', '-'], env, 'x'.repeat(64 * 1024 + 1));
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('the limit is 65536 bytes');
    expect((await cli(['var', 'get', 'big'], env)).code).toBe(3);

    for (const result of [badCron, taken, unknownRun, big]) expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await cli(['schedule', 'list', '--json'], env)).stdout).toBe(before);
  });

  it('keeps the last 1 MiB of a run that writes more, and says how much was dropped', async () => {
    // 1.5 MiB of numbered lines, then a last line: the tail must survive byte for byte.
    const shell = `seq 1 200000 | awk '{printf "%07d\\n", $1}'; echo END`;
    expect((await cli(['schedule', 'create', 'chatty', '--cron', '0 0 1 1 *', '--shell', shell], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'chatty', '--json'], env));
    const ended = await waitFor('the run to end', async () => {
      const current = json<Run & { outputBytes: number; outputTruncatedBytes: number }>(await cli(['run', 'get', run.id, '--json'], env));
      return current.state === 'succeeded' && current;
    });
    const written = 200_000 * 8 + 4;
    expect(ended.outputBytes).toBe(1024 * 1024);
    // Every byte is kept or counted as dropped. Written this fast, some may already have been dropped on the agent
    // (it sends 1 MiB a second while a run goes on): only bytes older than the last 1 MiB, and a note on stderr
    // says so.
    const notes = ended.outputBytes + ended.outputTruncatedBytes - written;
    expect(notes).toBeGreaterThanOrEqual(0);
    expect(notes).toBeLessThan(1_000);
    const logs = await cli(['run', 'logs', run.id], env);
    expect(logs.code).toBe(0);
    // The note is stored with the output, unless it fell out of the last 1 MiB itself.
    expect(logs.stdout.length).toBeGreaterThanOrEqual(1024 * 1024 - notes);
    expect(logs.stdout.length).toBeLessThanOrEqual(1024 * 1024);
    expect(logs.stdout.endsWith('0199999\n0200000\nEND\n')).toBe(true);
    expect(logs.stderr).toContain(`[parallax: ${ended.outputTruncatedBytes} bytes of the run's output were dropped: the oldest, beyond its output limit`);
  });

  it('counts what the agent had to drop too, when a run writes faster than the coordinators take it in', async () => {
    // 20 MB at once: more than the agent holds (1 MiB) or sends (1 MiB a second) while the run goes on.
    const written = 20_000_000 + 4;
    const shell = `head -c 20000000 /dev/zero | tr '\\0' x; echo END`;
    expect((await cli(['schedule', 'create', 'flood', '--cron', '0 0 1 1 *', '--shell', shell], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'flood', '--json'], env));
    const ended = await waitFor('the run to end', async () => {
      const current = json<Run & { outputBytes: number; outputTruncatedBytes: number }>(await cli(['run', 'get', run.id, '--json'], env));
      return current.state === 'succeeded' && current;
    });
    expect(ended.outputBytes).toBe(1024 * 1024);
    // Every byte is kept or counted as dropped; the agent's notes (on stderr, where it dropped) add a few bytes.
    const accounted = ended.outputBytes + ended.outputTruncatedBytes;
    expect(accounted).toBeGreaterThanOrEqual(written);
    expect(accounted - written).toBeLessThan(10_000);
    expect((await cli(['run', 'logs', run.id], env)).stdout.endsWith('xxxEND\n')).toBe(true);
  });

  it('ends an output stream for an unknown run with NOT_FOUND and its code, instead of hanging', async () => {
    const Control = controlProto().parallax.v1.Control;
    const client = new Control(env.PARALLAX_ADDR!, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    metadata.set('authorization', `Bearer ${ADMIN_TOKEN}`);
    const stream = client.readRunOutput({ id: 'no-such-run', follow: true }, metadata, { deadline: Date.now() + 10_000 });
    stream.on('data', () => {});
    const err = await new Promise<grpc.ServiceError>((resolve) => stream.once('error', resolve));
    client.close();
    expect(err.code).toBe(grpc.status.NOT_FOUND);
    expect(err.details).toBe('run "no-such-run" not found');
    expect(err.metadata.get('parallax-code')).toEqual(['not_found']);
  });
});
