import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, root, spawnProc, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

describe('parallax dev', () => {
  it('runs a coordinator and an agent, and the commands that follow need no flags', async () => {
    const dir = tempDir();
    const port = await freePort();
    const configDir = join(dir, 'config');
    const data = join(dir, 'data');
    // No PARALLAX_TOKEN: dev logs the "dev" profile in itself.
    const env = { PARALLAX_CONFIG_DIR: configDir, PARALLAX_ADDR: '', PARALLAX_INSECURE: '', PARALLAX_TOKEN: '' };
    const dev = spawnProc(join(root, 'bin/parallax'), ['dev', '--data-dir', data, '--port', String(port)], env);

    const status = await waitFor('dev to be ready', async () => {
      const result = await cli(['status', '--json'], env);
      const s = result.code === 0 && json<{ address: string; dataDir: string; leader: string | null; agentsConnected: number }>(result);
      return s && s.leader !== null && s;
    });
    expect(status.address).toBe(`127.0.0.1:${port}`);
    expect(status.dataDir.startsWith(data)).toBe(true);
    expect(status.leader).toBe('dev');
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
    expect(config.profiles[config.current]).toMatchObject({ coordinator: `127.0.0.1:${port}`, insecure: true });

    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);
    expect((await cli(['schedule', 'create', 'hello', '--cron', '*/2 * * * * *', '--shell', 'echo hello'], env)).code).toBe(0);
    const run = json<{ id: string }>(await cli(['schedule', 'trigger', 'hello', '--json'], env));
    await waitFor('the run', async () => json<{ state: string }>(await cli(['run', 'get', run.id, '--json'], env)).state === 'succeeded');
    expect((await cli(['run', 'logs', run.id], env)).stdout).toBe('hello\n');

    const table = await cli(['status'], env);
    expect(table.stdout).toContain(`127.0.0.1:${port}`);

    // A second dev on the same data directory: the coordinator's refusal, with its exit code.
    const twin = await cli(['dev', '--data-dir', data, '--port', String(await freePort())], env);
    expect(twin.code).toBe(6);
    expect(twin.stderr).toContain(`Error: the coordinator did not start: the data directory ${join(data, 'coordinator')} is in use by another process`);

    dev.child.kill('SIGINT');
    expect((await dev.exited).code).toBe(0);
    expect(existsSync(data)).toBe(true);
    expect((await cli(['status'], env)).code).toBe(7);
  });
});
