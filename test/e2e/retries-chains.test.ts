import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, processAlive, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('retries, chains and cancel', () => {
  it('retries a failed attempt after the backoff, starts the chained schedule once, and cancels a running run', async () => {
    const { dir, port, env } = await singleNode();
    startAgent(port, 'agent-1');
    const runsOf = async (schedule: string) => json<Run[]>(await cli(['run', 'list', '--schedule', schedule, '--json'], env));
    const getRun = async (id: string) => json<Run>(await cli(['run', 'get', id, '--json'], env));

    // Fails the first time (exit 3), succeeds the second.
    const mark = join(dir, 'mark');
    const flaky = ['schedule', 'create', 'build', '--every', '1h', '--retries', '2', '--backoff', '1s..2s', '--env', `MARK=${mark}`];
    const created = await cli([...flaky, '--shell', 'test -f "$MARK" || { touch "$MARK"; exit 3; }', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(json<{ retries: number; backoffMinMs: number; backoffMaxMs: number }>(created)).toMatchObject({ retries: 2, backoffMinMs: 1_000, backoffMaxMs: 2_000 });
    const chained = await cli(['schedule', 'create', 'deploy', '--after', 'build:success', '--shell', 'echo deployed', '--json'], env);
    expect(chained.code, chained.stderr).toBe(0);
    expect(json<{ after: unknown; nextDueAt: unknown }>(chained)).toMatchObject({ after: { schedule: 'build', on: 'success' }, nextDueAt: null });

    const trigger = await cli(['schedule', 'trigger', 'build'], env);
    expect(trigger.code, trigger.stderr).toBe(0);
    const id = trigger.stdout.trim();
    const done = await waitFor('the retried run to succeed', async () => {
      const run = await getRun(id);
      return run.state === 'succeeded' ? run : undefined;
    });
    expect(done.attempt).toBe(2);
    expect(done.attempts.map((a) => [a.attempt, a.state, a.exitCode])).toEqual([
      [1, 'failed', 3],
      [2, 'succeeded', 0],
    ]);
    // The backoff holds the retry back from its lease: the second attempt is handed out a second or more after the first ended.
    const gap = Date.parse(done.attempts[1]!.leasedAt!) - Date.parse(done.attempts[0]!.endedAt!);
    expect(gap).toBeGreaterThanOrEqual(1_000 - 50);
    for (const a of done.attempts) expect(Date.parse(a.startedAt!)).toBeGreaterThanOrEqual(Date.parse(a.leasedAt!));
    const shown = await cli(['run', 'get', id], env);
    expect(shown.stdout).toMatch(/Attempt\s+2 of at most 3/);
    expect(shown.stdout).toMatch(/ATTEMPT\s+STATE\s+AGENT\s+EXIT/);

    // The chained schedule ran once, after that run, with its own output.
    const deploy = await waitFor('the chained run', async () => (await runsOf('deploy')).find((r) => r.state === 'succeeded'));
    expect(deploy).toMatchObject({ trigger: 'chain', upstreamRun: id });
    expect((await cli(['run', 'logs', deploy.id], env)).stdout).toBe('deployed\n');
    await new Promise((r) => setTimeout(r, 500));
    expect(await runsOf('deploy')).toHaveLength(1);
    const history = await cli(['schedule', 'history', 'deploy', '--json'], env);
    expect(json<{ trigger: string; reason: string }[]>(history)).toEqual([expect.objectContaining({ trigger: 'chain', reason: `after run ${id}` })]);

    // Cancel stops the process tree on the agent, and is not retried.
    const pidFile = join(dir, 'pid');
    const slow = await cli(['schedule', 'create', 'slow', '--every', '1h', '--retries', '3', '--env', `PIDFILE=${pidFile}`, '--shell', 'sleep 60 & echo $! > "$PIDFILE"; wait'], env);
    expect(slow.code, slow.stderr).toBe(0);
    const slowId = (await cli(['schedule', 'trigger', 'slow'], env)).stdout.trim();
    await waitFor('the slow run to start', async () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '' && (await getRun(slowId)).state === 'running');
    const sleeper = Number(readFileSync(pidFile, 'utf8').trim());
    expect(processAlive(sleeper)).toBe(true);
    const cancelled = await cli(['run', 'cancel', slowId, '--reason', 'wrong release', '--json'], env);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(json<Run>(cancelled)).toMatchObject({ state: 'cancelled', error: 'wrong release' });
    await waitFor('the cancelled process tree to be gone', async () => !processAlive(sleeper), 15_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await getRun(slowId)).toMatchObject({ state: 'cancelled', attempt: 1 });

    const again = await cli(['run', 'cancel', slowId], env);
    expect(again.code).toBe(6);
    expect(again.stderr).toMatch(/has already ended \(cancelled\)/);
    expect((await cli(['run', 'cancel', 'nope'], env)).code).toBe(3);

    // A value taken from a variable is a secret: it never reaches the stored output.
    expect((await cli(['var', 'put', 'app/token', 'tok-3f9a7c1e'], env)).code).toBe(0);
    const leak = ['schedule', 'create', 'leak', '--every', '1h', '--env-from-var', 'TOKEN=app/token', '--env', 'PLAIN=visible'];
    expect((await cli([...leak, '--shell', 'echo "token=$TOKEN plain=$PLAIN"; printf %s "$TOKEN" | cut -c1-6 >&2'], env)).code).toBe(0);
    const leakId = (await cli(['schedule', 'trigger', 'leak'], env)).stdout.trim();
    await waitFor('the run that prints a secret', async () => (await getRun(leakId)).state === 'succeeded');
    const logs = await cli(['run', 'logs', leakId], env);
    expect(logs.stdout).toBe('token=*** plain=visible\n');
    expect(logs.stderr).toBe('tok-3f\n');
  });

  it('refuses bad retry, overlap and chain flags, naming the flag, and creates nothing', async () => {
    const { env } = await singleNode();
    const create = (...flags: string[]) => cli(['schedule', 'create', 'x', '--shell', 'true', ...flags], env);

    const cases: [string[], number, RegExp][] = [
      [['--every', '1m', '--backoff', '5m..10s'], 2, /--backoff "5m\.\.10s": MIN must not be longer than MAX/],
      [['--every', '1m', '--backoff', 'soon'], 2, /--backoff/],
      [['--every', '1m', '--overlap', 'queue:0'], 2, /queue:N holds 1 to 100 runs/],
      [['--every', '1m', '--overlap', 'sometimes'], 2, /expected forbid, allow, replace or queue\[:N\]/],
      [['--after', 'nope'], 3, /schedule "nope" \(named by --after\) not found/],
      [['--after', 'x:sometimes'], 2, /invalid --after condition "sometimes"/],
      [[], 2, /--cron EXPR, --every DURATION or --at TIME, or --after SCHEDULE/],
    ];
    for (const [flags, code, message] of cases) {
      const result = await create(...flags);
      expect(result.code, `${flags.join(' ')}: ${result.stderr}`).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(json<unknown[]>(await cli(['schedule', 'list', '--json'], env))).toEqual([]);

    // A cycle is refused on update, and leaves both schedules as they were.
    expect((await cli(['schedule', 'create', 'a', '--every', '1h', '--shell', 'true'], env)).code).toBe(0);
    expect((await cli(['schedule', 'create', 'b', '--after', 'a', '--shell', 'true'], env)).code).toBe(0);
    const cycle = await cli(['schedule', 'update', 'a', '--after', 'b'], env);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toMatch(/--after b would make a cycle: a → b → a/);
    const deleteUpstream = await cli(['schedule', 'delete', 'a'], env);
    expect(deleteUpstream.code).toBe(6);
    expect(deleteUpstream.stderr).toMatch(/starts "b" \(--after\)/);
    const unchain = await cli(['schedule', 'update', 'b', '--after', 'none'], env);
    expect(unchain.code).toBe(2);
    expect(unchain.stderr).toMatch(/a schedule needs a timing/);
    expect(json<{ after: unknown }>(await cli(['schedule', 'get', 'b', '--json'], env)).after).toEqual({ schedule: 'a', on: 'success' });
  });
});
