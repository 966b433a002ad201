import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import type { AgentJson } from '../../src/cli/lib/wire-json.js';

describe('parallax run wait', () => {
  it('waits for a run to end and exits with its outcome: 0 succeeded, 1 otherwise, 7 when --timeout passes first', async () => {
    const { port, env } = await singleNode();
    startAgent(port, 'agent-1');
    await waitFor('the agent', async () => json<AgentJson[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);
    const trigger = async (name: string, shell: string) => {
      expect((await cli(['schedule', 'create', name, '--every', '1h', '--shell', shell], env)).code).toBe(0);
      return (await cli(['schedule', 'trigger', name], env)).stdout.trim();
    };

    const ok = await trigger('ok', 'sleep 1; echo done');
    const waited = await cli(['run', 'wait', ok], env);
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stdout).toMatch(new RegExp(`^${ok} succeeded \\(\\d+(\\.\\d)?s\\)\\n$`));

    const bad = await trigger('bad', 'exit 3');
    const failed = await cli(['run', 'wait', bad], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(new RegExp(`^${bad} failed: exit code 3`));
    const asJson = await cli(['run', 'wait', bad, '--json'], env);
    expect(asJson.code).toBe(1);
    expect(json<{ id: string; state: string; exitCode: number }>(asJson)).toMatchObject({ id: bad, state: 'failed', exitCode: 3 });

    const slow = await trigger('slow', 'sleep 60');
    const gaveUp = await cli(['run', 'wait', slow, '--timeout', '1s'], env);
    expect(gaveUp.code).toBe(7);
    expect(gaveUp.stderr).toMatch(new RegExp(`run ${slow} has not ended after 1s \\(it is (leased|running)\\); it goes on`));
    expect((await cli(['run', 'cancel', slow], env)).code).toBe(0);
    const cancelled = await cli(['run', 'wait', slow], env);
    expect(cancelled.code).toBe(1);
    // Without --reason, the run says who cancelled it (here the token parallax-coordinator init made).
    expect(cancelled.stdout).toMatch(new RegExp(`^${slow} cancelled: cancelled by bootstrap`));

    const badFlag = await cli(['run', 'wait', ok, '--timeout', 'soon'], env);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('invalid --timeout "soon"');
    expect((await cli(['run', 'wait', '01nosuchrun'], env)).code).toBe(3);

    // run list picks runs by state and by agent, newest first.
    const ids = async (...flags: string[]) => json<{ id: string }[]>(await cli(['run', 'list', '--json', ...flags], env)).map((r) => r.id);
    expect(await ids('--state', 'failed')).toEqual([bad]);
    expect(await ids('--state', 'cancelled,succeeded')).toEqual([slow, ok]);
    expect(await ids('--state', 'succeeded', '--state', 'failed')).toEqual([bad, ok]);
    expect(await ids('--agent', 'agent-1', '--limit', '1')).toEqual([slow]);
    expect(await ids('--state', 'failed', '--agent', 'agent-2')).toEqual([]);
    const badState = await cli(['run', 'list', '--state', 'done'], env);
    expect(badState.code).toBe(2);
    expect(badState.stderr).toBe('Error: invalid state "done": expected one of queued, leased, running, succeeded, failed, timed_out, cancelled, lost\n');

    // Deleting a schedule leaves its runs that have not ended going, and names them.
    expect((await cli(['schedule', 'create', 'nowhere', '--every', '1h', '--selector', 'zone=none', '--shell', 'true'], env)).code).toBe(0);
    const waiting = (await cli(['schedule', 'trigger', 'nowhere'], env)).stdout.trim();
    const deleted = await cli(['schedule', 'delete', 'nowhere'], env);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toBe('Deleted schedule nowhere\n');
    expect(deleted.stderr).toBe(`Its run ${waiting} has not ended and goes on (parallax run cancel ID stops one).\n`);
    expect(await ids('--state', 'queued')).toEqual([waiting]);
    expect((await cli(['run', 'cancel', waiting], env)).code).toBe(0);
    expect((await cli(['schedule', 'create', 'gone', '--every', '1h', '--shell', 'true'], env)).code).toBe(0);
    expect(json(await cli(['schedule', 'delete', 'gone', '--json'], env))).toEqual({ name: 'gone', deleted: true, activeRuns: [] });
  });
});
