import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import { startSshd } from '../helpers/sshd.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

describe('SSH runs', () => {
  it('runs a command on a host without an agent, with the key from a variable, and refuses an unknown host', async () => {
    const sshd = await startSshd();
    const { dir, port, env } = await singleNode();
    startAgent(port, 'agent-1');
    const keyFile = join(dir, 'id_ed25519');
    writeFileSync(keyFile, sshd.privateKey, { mode: 0o600 });
    expect((await cli(['var', 'put', 'keys/deploy', '--from-file', keyFile], env)).code).toBe(0);

    const remote = `${sshd.user}@127.0.0.1:${sshd.port}`;
    const created = await cli(
      ['schedule', 'create', 'remote', '--every', '1h', '--ssh', remote, '--ssh-key-var', 'keys/deploy', '--ssh-host-key', sshd.fingerprint,
        '--shell', 'echo "on $(hostname) as run $PARALLAX_RUN_ID"', '--json'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(json<{ ssh: unknown }>(created).ssh).toEqual({
      user: sshd.user, host: '127.0.0.1', port: sshd.port, keyVar: 'keys/deploy', hostKeys: [sshd.fingerprint], knownHostsVar: null, connectTimeoutMs: 20_000,
    });
    const id = (await cli(['schedule', 'trigger', 'remote'], env)).stdout.trim();
    const done = await waitFor('the SSH run', async () => {
      const run = json<Run>(await cli(['run', 'get', id, '--json'], env));
      return ['succeeded', 'failed'].includes(run.state) ? run : undefined;
    });
    expect(done, done.error ?? '').toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect((await cli(['run', 'logs', id], env)).stdout).toMatch(new RegExp(`^on \\S+ as run ${id}\\n$`));
    expect((await cli(['schedule', 'get', 'remote'], env)).stdout).toMatch(new RegExp(`Shell\\s+ssh ${sshd.user}@127\\.0\\.0\\.1:${sshd.port}: echo`));

    // Without a trusted key the host is refused, and the run says which fingerprint to pin.
    expect((await cli(['schedule', 'update', 'remote', '--ssh', remote, '--ssh-key-var', 'keys/deploy'], env)).code).toBe(0);
    const refusedId = (await cli(['schedule', 'trigger', 'remote'], env)).stdout.trim();
    const refused = await waitFor('the refused run', async () => {
      const run = json<Run>(await cli(['run', 'get', refusedId, '--json'], env));
      return run.state === 'failed' ? run : undefined;
    });
    expect(refused.error).toContain(`pin it with --ssh-host-key ${sshd.fingerprint}`);

    // A missing key variable fails the run before any connection, naming the variable.
    expect((await cli(['schedule', 'update', 'remote', '--ssh', remote, '--ssh-key-var', 'keys/none', '--ssh-host-key', sshd.fingerprint], env)).code).toBe(0);
    const noKey = (await cli(['schedule', 'trigger', 'remote'], env)).stdout.trim();
    const noKeyRun = await waitFor('the run without its key', async () => {
      const run = json<Run>(await cli(['run', 'get', noKey, '--json'], env));
      return run.state === 'failed' ? run : undefined;
    });
    const hint = 'variable "keys/none" (the SSH private key) not found; create it with: parallax var put keys/none --from-file KEYFILE';
    expect(noKeyRun.error).toBe(hint);
    // The command it gives works as given.
    const given = hint.slice(hint.indexOf('parallax ') + 'parallax '.length).replace('KEYFILE', keyFile).split(' ');
    expect((await cli(given, env)).code).toBe(0);
    const withKey = (await cli(['schedule', 'trigger', 'remote'], env)).stdout.trim();
    const withKeyRun = await waitFor('the run with its key', async () => {
      const run = json<Run>(await cli(['run', 'get', withKey, '--json'], env));
      return ['succeeded', 'failed'].includes(run.state) ? run : undefined;
    });
    expect(withKeyRun, withKeyRun.error ?? '').toMatchObject({ state: 'succeeded' });

    // Bad flags name the flag.
    const bad: [string[], RegExp][] = [
      [['--ssh', 'nohost', '--ssh-key-var', 'k', '--shell', 'true'], /invalid --ssh "nohost": expected USER@HOST or USER@HOST:PORT/],
      [['--ssh', remote, '--shell', 'true'], /--ssh needs --ssh-key-var KEY/],
      [['--ssh', remote, '--ssh-key-var', 'k', '--ssh-host-key', 'md5:aa', '--shell', 'true'], /invalid --ssh-host-key "md5:aa"/],
      [['--ssh-key-var', 'k', '--shell', 'true'], /--ssh-key-var goes with --ssh USER@HOST/],
      [['--ssh', remote, '--ssh-key-var', 'k', '--shell', 'true', '--cwd', '/srv'], /--cwd is for commands run on the agent: with --ssh, change directory in the command \(cd DIR && …\)/],
      [['--ssh', remote, '--ssh-key-var', 'k', '--shell', 'true', '--user', 'www'], /--user is for commands run on the agent: with --ssh, the command runs as the user of --ssh USER@HOST/],
    ];
    for (const [flags, message] of bad) {
      const result = await cli(['schedule', 'create', 'bad', '--every', '1h', ...flags], env);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
