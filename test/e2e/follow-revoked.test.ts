import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bin, cli, json, singleNode, spawnProc, startAgent, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('following a run with a token that is revoked meanwhile', () => {
  it('ends the stream with exit 4 and why, while another reader of the same run goes on to its end', async () => {
    const { port, env } = await singleNode();
    startAgent(port, 'a1');
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);
    const flag = join(tempDir(), 'go');
    // The run waits for the test before its second line: no timing involved.
    const script = `echo first; n=0; while [ ! -e ${flag} ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done; echo second`;
    expect((await cli(['schedule', 'create', 'watched', '--cron', '0 0 1 1 *', '--shell', script], env)).code).toBe(0);
    const run = json<Run>(await cli(['schedule', 'trigger', 'watched', '--json'], env));

    const token = (await cli(['token', 'create', '--name', 'watcher', '--role', 'viewer'], env)).stdout.trim();
    expect(token).toMatch(/^plx_/);
    const watcher = spawnProc(bin('parallax'), ['run', 'logs', '--follow', run.id], { ...env, PARALLAX_TOKEN: token, PARALLAX_KEYCHAIN: 'off' });
    const admin = spawnProc(bin('parallax'), ['run', 'logs', '--follow', run.id], { ...env, PARALLAX_TOKEN: ADMIN_TOKEN, PARALLAX_KEYCHAIN: 'off' });
    let watcherEnded: Awaited<typeof watcher.exited> | undefined;
    void watcher.exited.then((status) => (watcherEnded = status));
    await waitFor('both readers to see the first line', () => watcher.output() === 'first\n' && admin.output() === 'first\n');

    // A change to someone else's access asks again, and leaves both streams open.
    expect((await cli(['token', 'create', '--name', 'unrelated', '--role', 'viewer'], env)).code).toBe(0);
    expect((await cli(['token', 'revoke', 'watcher'], env)).code).toBe(0);
    const status = await waitFor('the revoked reader to stop', () => watcherEnded, 10_000);
    expect(status).toMatchObject({ code: 4 });
    expect(watcher.output()).toMatch(/^first\n.*the API token "watcher" was revoked at /s);
    expect(watcher.output()).not.toContain('at Object.');

    writeFileSync(flag, '');
    expect(existsSync(flag)).toBe(true);
    expect(await admin.exited).toMatchObject({ code: 0 });
    expect(admin.output()).toBe('first\nsecond\n');
    expect(watcher.output()).not.toContain('second');
    expect(json<Run>(await cli(['run', 'get', run.id, '--json'], env)).state).toBe('succeeded');
  });
});
