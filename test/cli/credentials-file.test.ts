import { chmodSync, existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/common/errors.js';
import { openCredentialStore, type CredentialStore } from '../../src/cli/lib/credentials.js';
import { apiToken, assertBuilt, childEnv, oidc, runDriver, tempDir, valueOf } from './helpers/credentials.js';

const off = { PARALLAX_KEYCHAIN: 'off' };

function setup(): { dir: string; path: string; warnings: string[]; open: () => Promise<CredentialStore> } {
  // A directory the store has to create, to see the mode it gets.
  const dir = join(tempDir(), 'config', 'parallax');
  const warnings: string[] = [];
  const open = () => openCredentialStore({ configDir: dir, env: off, warn: (m) => warnings.push(m) });
  return { dir, path: join(dir, 'credentials.json'), warnings, open };
}

const mode = (path: string) => statSync(path).mode & 0o777;

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw err;
  }
  throw new Error('expected it to fail');
}

describe('the credentials file (PARALLAX_KEYCHAIN=off)', () => {
  it('keeps credentials per profile in a 0600 file in a 0700 directory', async () => {
    const { dir, path, open } = setup();
    const store = await open();
    expect(store.where).toBe('file');
    expect(store.description).toBe(path);
    expect(await store.get('dev')).toBeUndefined();

    await store.set('dev', oidc);
    await store.set('ci', apiToken);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path)).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ profiles: { dev: oidc, ci: apiToken } });

    const again = await open();
    expect(await again.get('dev')).toEqual(oidc);
    expect(await again.get('ci')).toEqual(apiToken);
    expect(await again.get('constructor')).toBeUndefined();

    expect(await again.delete('dev')).toBe(true);
    expect(await again.delete('dev')).toBe(false);
    expect(await again.get('dev')).toBeUndefined();
    expect(await again.get('ci')).toEqual(apiToken);
    expect(mode(path)).toBe(0o600);
    expect(await again.delete('ci')).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it('says once, when it first creates the file, that it is not a keychain', async () => {
    const { path, warnings, open } = setup();
    const store = await open();
    await store.set('dev', oidc);
    await store.set('dev', { ...oidc, accessToken: 'access-SECRET-3' });
    await store.set('ci', apiToken);
    await (await open()).set('other', apiToken);
    await store.get('dev');
    expect(warnings).toEqual([
      `No OS keychain is available (PARALLAX_KEYCHAIN=off); credentials are stored in ${path}, readable only by you.`,
    ]);
    expect((await store.get('dev'))?.accessToken).toBe('access-SECRET-3');
  });

  it('refuses a file that is not valid, naming it and never quoting it', async () => {
    const { dir, path, open } = setup();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const store = await open();

    writeFileSync(path, '{"profiles": {"dev": {"kind": "oidc", "accessToken": "access-SECRET-1"', { mode: 0o600 });
    for (const attempt of [() => store.get('dev'), () => store.set('dev', oidc), () => store.delete('dev')]) {
      const err = await failure(attempt());
      expect(err.message).toBe(`${path} is not a valid Parallax credentials file (not JSON): fix it, or delete it and log in again`);
    }

    writeFileSync(path, JSON.stringify({ profiles: { dev: { kind: 'password', accessToken: 'access-SECRET-1' } } }));
    const err = await failure(store.get('dev'));
    expect(err.message).toContain(`${path} is not a valid Parallax credentials file (profile "dev": "kind" is not`);
    expect(err.message).not.toContain('SECRET');

    writeFileSync(path, JSON.stringify({ profiles: { dev: { ...oidc, expiresAt: 'soon' } } }));
    expect((await failure(store.get('dev'))).message).toContain('"expiresAt" is not a number');
    writeFileSync(path, JSON.stringify({ profiles: [] }));
    expect((await failure(store.get('dev'))).message).toContain('"profiles" is not an object');
  });

  it('refuses a file that others can read, and leaves its mode for the person to fix', async () => {
    const { dir, path, open } = setup();
    const store = await open();
    await store.set('dev', oidc);
    chmodSync(path, 0o644);
    const message = `${path} can be read or changed by other users (mode 644): run "chmod 600 ${path}", and log in again if someone else may have read it`;
    expect((await failure(store.get('dev'))).message).toBe(message);
    expect((await failure(store.set('ci', apiToken))).message).toBe(message);
    expect(mode(path)).toBe(0o644);
    chmodSync(path, 0o620);
    expect((await failure(store.delete('dev'))).message).toContain('(mode 620)');
    chmodSync(path, 0o600);
    expect(await store.get('dev')).toEqual(oidc);
    expect(mode(dir)).toBe(0o700);
  });

  it('takes only "off" for PARALLAX_KEYCHAIN', async () => {
    const { dir } = setup();
    const err = await failure(openCredentialStore({ configDir: dir, env: { PARALLAX_KEYCHAIN: 'no' }, warn: () => {} }));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message).toBe('PARALLAX_KEYCHAIN is "no": set it to "off" or leave it unset');
  });
});

describe('the credentials file where there is no D-Bus (a child process of the built CLI)', () => {
  beforeAll(assertBuilt);

  it('falls back to the file, says why once, and round-trips', async () => {
    const home = tempDir();
    const configDir = join(home, 'parallax');
    const path = join(configDir, 'credentials.json');
    const result = await runDriver(process.execPath, [join(import.meta.dirname, 'helpers/credentials-driver.mjs')], childEnv(home, configDir), [
      { op: 'open' },
      { op: 'set', profile: 'dev', credentials: oidc },
      { op: 'set', profile: 'ci', credentials: apiToken },
      { op: 'get', profile: 'dev' },
      { op: 'files' },
      { op: 'delete', profile: 'dev' },
      { op: 'get', profile: 'dev' },
      { op: 'get', profile: 'ci' },
    ]);
    expect(valueOf(result, 0, 'open')).toEqual({ where: 'file', description: path });
    expect(valueOf(result, 3, 'get')).toEqual(oidc);
    expect(valueOf(result, 4, 'files')).toEqual([{ name: 'credentials.json', mode: 0o600 }]);
    expect(mode(configDir)).toBe(0o700);
    expect(valueOf(result, 5, 'delete')).toBe(true);
    expect(valueOf(result, 6, 'get')).toBeNull();
    expect(valueOf(result, 7, 'get')).toEqual(apiToken);
    expect(result.warnings).toEqual([
      'No OS keychain is available (Cannot autolaunch D-Bus without X11 $DISPLAY); ' +
        `credentials are stored in ${path}, readable only by you.`,
    ]);
  });
});
