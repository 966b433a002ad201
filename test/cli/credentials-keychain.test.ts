import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiToken,
  assertBuilt,
  childEnv,
  type DriverResult,
  oidc,
  runDriver,
  type Step,
  tempDir,
  valueOf,
} from './helpers/credentials.js';

/**
 * A real Secret Service: gnome-keyring on a D-Bus session bus of its own (dbus-run-session), in a home of its own so
 * it never touches the keyring of whoever runs the tests. scripts/install-test-deps.sh installs dbus and
 * gnome-keyring; without them these tests fail, they do not skip.
 */
const UNLOCK = `printf 'test-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||
  { echo 'gnome-keyring-daemon --unlock failed' >&2; exit 90; }`;
const RUN_DRIVER = 'exec "$NODE" "$DRIVER"';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(join(dir, command)));
}

interface Session {
  home: string;
  configDir: string;
  path: string;
  run(script: string, plan: readonly Step[], extraArgs?: string[]): Promise<DriverResult>;
}

function session(): Session {
  const home = tempDir();
  const configDir = join(home, 'parallax');
  return {
    home,
    configDir,
    path: join(configDir, 'credentials.json'),
    run: (script, plan, extraArgs = []) =>
      runDriver('dbus-run-session', [...extraArgs, '--', 'sh', '-c', script], childEnv(home, configDir), plan),
  };
}

describe('credentials in a real Secret Service (gnome-keyring under dbus-run-session)', () => {
  beforeAll(() => {
    for (const command of ['dbus-run-session', 'gnome-keyring-daemon']) {
      if (!onPath(command)) {
        throw new Error(`${command} is not installed: run scripts/install-test-deps.sh (Debian's dbus and gnome-keyring)`);
      }
    }
    assertBuilt();
  });

  it('stores, reads and deletes in the keyring, and writes no file', async () => {
    const s = session();
    const result = await s.run(`${UNLOCK}\n${RUN_DRIVER}`, [
      { op: 'open' },
      { op: 'set', profile: 'dev', credentials: oidc },
      { op: 'get', profile: 'dev' },
      { op: 'keyring-lookup', profile: 'dev' },
      { op: 'keyring-lookup', profile: '(keychain probe)' },
      { op: 'files' },
      { op: 'delete', profile: 'dev' },
      { op: 'get', profile: 'dev' },
      { op: 'keyring-lookup', profile: 'dev' },
      { op: 'delete', profile: 'dev' },
    ]);
    expect(valueOf(result, 0, 'open')).toEqual({ where: 'keychain', description: 'the OS keychain (Secret Service)' });
    expect(valueOf(result, 2, 'get')).toEqual(oidc);
    const stored = valueOf(result, 3, 'keyring-lookup') as { via: string; secret: string };
    expect(JSON.parse(stored.secret)).toEqual(oidc);
    expect(valueOf(result, 4, 'keyring-lookup')).toMatchObject({ secret: null });
    expect(valueOf(result, 5, 'files')).toEqual([]);
    expect(valueOf(result, 6, 'delete')).toBe(true);
    expect(valueOf(result, 7, 'get')).toBeNull();
    expect(valueOf(result, 8, 'keyring-lookup')).toMatchObject({ secret: null });
    expect(valueOf(result, 9, 'delete')).toBe(false);
    expect(result.warnings).toEqual([]);
    expect(existsSync(s.path)).toBe(false);
    // The keyring the session used is the one in the test's home.
    expect(existsSync(join(s.home, 'data/keyrings/login.keyring'))).toBe(true);
  });

  it('still finds credentials stored in the file before the keychain worked, and moves them on the next login', async () => {
    const s = session();
    mkdirSync(s.configDir, { mode: 0o700 });
    writeFileSync(s.path, JSON.stringify({ profiles: { old: oidc, legacy: apiToken } }), { mode: 0o600 });
    const renewed = { ...oidc, accessToken: 'access-SECRET-9' };
    const result = await s.run(`${UNLOCK}\n${RUN_DRIVER}`, [
      { op: 'open' },
      { op: 'get', profile: 'old' },
      { op: 'set', profile: 'old', credentials: renewed },
      { op: 'get', profile: 'old' },
      { op: 'keyring-lookup', profile: 'old' },
      { op: 'get', profile: 'legacy' },
      { op: 'delete', profile: 'legacy' },
      { op: 'get', profile: 'legacy' },
    ]);
    expect(valueOf(result, 0, 'open')).toMatchObject({ where: 'keychain' });
    expect(valueOf(result, 1, 'get')).toEqual(oidc);
    expect(valueOf(result, 3, 'get')).toEqual(renewed);
    expect(JSON.parse((valueOf(result, 4, 'keyring-lookup') as { secret: string }).secret)).toEqual(renewed);
    expect(valueOf(result, 5, 'get')).toEqual(apiToken);
    expect(valueOf(result, 6, 'delete')).toBe(true);
    expect(valueOf(result, 7, 'get')).toBeNull();
    // Both profiles have left the file, so nothing is left of it.
    expect(existsSync(s.path)).toBe(false);
    expect(result.warnings).toEqual([]);
  });

  it('refuses a value in the keyring that is not credentials, saying where it is and not what', async () => {
    const s = session();
    const result = await s.run(`${UNLOCK}\n${RUN_DRIVER}`, [
      { op: 'open' },
      { op: 'keyring-store', profile: 'bad', secret: '{"kind":"oidc","accessToken":"access-SECRET-1"' },
      { op: 'get', profile: 'bad' },
      { op: 'delete', profile: 'bad' },
    ]);
    expect(valueOf(result, 0, 'open')).toMatchObject({ where: 'keychain' });
    expect(result.steps[2]?.error).toEqual({
      name: 'FailedPreconditionError',
      message:
        'the credentials of profile "bad" in the OS keychain (Secret Service) (service "parallax", account "bad") ' +
        'are not valid (not JSON): log in again to replace them',
    });
    expect(valueOf(result, 3, 'delete')).toBe(true);
  });

  describe('falls back to the file when the Secret Service cannot store anything', () => {
    const plan: Step[] = [
      { op: 'open' },
      { op: 'set', profile: 'dev', credentials: apiToken },
      { op: 'get', profile: 'dev' },
    ];

    function expectFile(s: Session, result: DriverResult, reason: string): void {
      expect(valueOf(result, 0, 'open')).toEqual({ where: 'file', description: s.path });
      expect(valueOf(result, 2, 'get')).toEqual(apiToken);
      expect(result.warnings).toEqual([
        `No OS keychain is available (${reason}); credentials are stored in ${s.path}, readable only by you.`,
      ]);
      expect(statSync(s.path).mode & 0o777).toBe(0o600);
    }

    it('with no keyring: the Secret Service is started on demand, without a default collection', async () => {
      const s = session();
      const result = await s.run(RUN_DRIVER, plan);
      expectFile(s, result, 'Object does not exist at path “/org/freedesktop/secrets/collection/login”');
    });

    it('with a locked keyring that no one can unlock', async () => {
      const s = session();
      const seeded = await s.run(`${UNLOCK}\n${RUN_DRIVER}`, [{ op: 'open' }, { op: 'set', profile: 'dev', credentials: oidc }]);
      expect(valueOf(seeded, 0, 'open')).toMatchObject({ where: 'keychain' });
      const result = await s.run(`gnome-keyring-daemon --start --components=secrets >/dev/null\n${RUN_DRIVER}`, plan);
      expectFile(s, result, 'Cannot create an item in a locked collection');
    });

    it('with no Secret Service on the bus', async () => {
      const s = session();
      // A session bus with no service directories: nothing on it can provide org.freedesktop.secrets.
      const config = join(s.home, 'bus.conf');
      writeFileSync(
        config,
        `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=${s.home}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default"><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy>
</busconfig>
`,
      );
      const result = await s.run(RUN_DRIVER, plan, [`--config-file=${config}`]);
      expectFile(s, result, 'The name org.freedesktop.secrets was not provided by any .service files');
    });
  });
});
