import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { freePort } from './procs.js';
import { tempDir } from './tmp.js';
import { waitFor } from './wait.js';

export const SSHD = '/usr/sbin/sshd';

export interface Sshd {
  port: number;
  user: string;
  /** The user's private key (OpenSSH format), as a variable would hold it. */
  privateKey: string;
  /** The host key's fingerprint, as ssh-keygen -lf prints it. */
  fingerprint: string;
  /** A known_hosts line for this server ([127.0.0.1]:PORT). */
  knownHosts: string;
  /** Another key's fingerprint: a pin that does not match. */
  otherFingerprint: string;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function keygen(path: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'parallax-test', '-f', path]);
}

function fingerprintOf(publicKey: string): string {
  return execFileSync('ssh-keygen', ['-lf', publicKey]).toString().split(' ')[1]!;
}

/**
 * A real OpenSSH server for the current user on a free 127.0.0.1 port, with its own host key, config and authorized
 * key (scripts/install-test-deps.sh installs Debian's openssh-server). Killed after the test.
 */
export async function startSshd(): Promise<Sshd> {
  if (!existsSync(SSHD)) throw new Error(`${SSHD} is missing: run scripts/install-test-deps.sh (Debian's openssh-server)`);
  const dir = tempDir();
  keygen(join(dir, 'host'));
  keygen(join(dir, 'user'));
  keygen(join(dir, 'other'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user.pub')));
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'AcceptEnv PARALLAX_* RUN_*',
      '',
    ].join('\n'),
  );
  // As root, sshd wants its privilege separation directory.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true });
  const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  running.add(child);
  await waitFor(`sshd on port ${port} (${log})`, () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    }),
  );
  const hostKey = readFileSync(join(dir, 'host.pub'), 'utf8').trim().split(' ');
  return {
    port,
    user: userInfo().username,
    privateKey: readFileSync(join(dir, 'user'), 'utf8'),
    fingerprint: fingerprintOf(join(dir, 'host.pub')),
    knownHosts: `[127.0.0.1]:${port} ${hostKey[0]} ${hostKey[1]}\n`,
    otherFingerprint: fingerprintOf(join(dir, 'other.pub')),
  };
}
