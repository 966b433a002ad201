import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/common/errors.js';
import {
  type ConfigFile,
  configDir,
  NO_COORDINATOR_MESSAGE,
  NO_TLS_MESSAGE,
  readConfig,
  resolveTarget,
  saveProfile,
  writeConfig,
} from '../../src/cli/lib/config.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-config-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const config: ConfigFile = {
  current: 'dev',
  profiles: {
    dev: { coordinator: '127.0.0.1:7070', insecure: true },
    prod: { coordinator: 'prod.example:7070', insecure: true },
    tls: { coordinator: 'secure.example:7070' },
  },
};
const load = () => config;

function errorOf(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidArgumentError) return err;
    throw err;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('resolveTarget', () => {
  it('prefers --coordinator to everything else', () => {
    const target = resolveTarget(
      { coordinator: '10.0.0.1:9000', insecure: true, profile: 'prod' },
      { PARALLAX_ADDR: '10.0.0.2:9000', PARALLAX_PROFILE: 'prod' },
      load,
    );
    expect(target).toEqual({ address: '10.0.0.1:9000', insecure: true, source: 'flag' });
  });

  it('takes PARALLAX_ADDR over any profile', () => {
    const target = resolveTarget({ profile: 'prod' }, { PARALLAX_ADDR: '10.0.0.2:9000', PARALLAX_INSECURE: '1' }, load);
    expect(target).toEqual({ address: '10.0.0.2:9000', insecure: true, source: 'env' });
  });

  it('takes the profile named by --profile over PARALLAX_PROFILE over the current one', () => {
    expect(resolveTarget({ profile: 'prod' }, { PARALLAX_PROFILE: 'dev' }, load).address).toBe('prod.example:7070');
    expect(resolveTarget({}, { PARALLAX_PROFILE: 'prod' }, load).address).toBe('prod.example:7070');
    expect(resolveTarget({}, {}, load)).toEqual({
      address: '127.0.0.1:7070',
      insecure: true,
      source: 'profile',
      profile: 'dev',
    });
  });

  it('does not read the config when the address is given', () => {
    const broken = () => {
      throw new Error('config read');
    };
    expect(resolveTarget({ coordinator: 'h:1', insecure: true }, {}, broken).address).toBe('h:1');
    expect(resolveTarget({}, { PARALLAX_ADDR: 'h:1', PARALLAX_INSECURE: 'true' }, broken).address).toBe('h:1');
  });

  it('says how to configure a coordinator when there is none', () => {
    const err = errorOf(() => resolveTarget({ insecure: true }, {}, () => ({ profiles: {} })));
    expect(err.message).toBe(NO_COORDINATOR_MESSAGE);
    expect(err.exitCode).toBe(2);
  });

  it('names the known profiles when the one asked for does not exist', () => {
    const err = errorOf(() => resolveTarget({ profile: 'staging' }, {}, load, '/home/me/.config/parallax/config.json'));
    expect(err.message).toBe(
      'profile "staging" is not in /home/me/.config/parallax/config.json: known profiles are dev, prod, tls',
    );
    expect(err.field).toBe('profile');
  });

  it('refuses plaintext unless --insecure, PARALLAX_INSECURE or the profile in use says so', () => {
    for (const run of [
      () => resolveTarget({ coordinator: 'h:1' }, {}, load),
      () => resolveTarget({}, { PARALLAX_ADDR: 'h:1', PARALLAX_INSECURE: '0' }, load),
      () => resolveTarget({ profile: 'tls' }, {}, load),
      // The current profile's insecure describes its own coordinator, not one given by flag.
      () => resolveTarget({ coordinator: 'h:1' }, {}, load),
    ]) {
      const err = errorOf(run);
      expect(err.message).toBe(NO_TLS_MESSAGE);
      expect(err.exitCode).toBe(2);
    }
    expect(resolveTarget({ profile: 'tls', insecure: true }, {}, load).insecure).toBe(true);
    expect(resolveTarget({ profile: 'tls' }, { PARALLAX_INSECURE: '1' }, load).insecure).toBe(true);
  });

  it('rejects an address that is not HOST:PORT, naming where it came from', () => {
    expect(errorOf(() => resolveTarget({ coordinator: 'nowhere', insecure: true }, {}, load)).message).toContain(
      '--coordinator "nowhere"',
    );
    expect(errorOf(() => resolveTarget({}, { PARALLAX_ADDR: 'x:y', PARALLAX_INSECURE: '1' }, load)).message).toContain(
      'PARALLAX_ADDR "x:y"',
    );
  });
});

describe('config file', () => {
  it('lives in PARALLAX_CONFIG_DIR, else ~/.config/parallax', () => {
    expect(configDir({ PARALLAX_CONFIG_DIR: '/etc/px' })).toBe('/etc/px');
    expect(configDir({})).toMatch(/\/\.config\/parallax$/);
  });

  it('reads a missing file as an empty config', () => {
    expect(readConfig(join(tempDir(), 'nothing-here'))).toEqual({ profiles: {} });
  });

  it('is written 0600 in a directory created 0700, with no temporary file left behind', () => {
    const dir = join(tempDir(), 'a', 'parallax');
    saveProfile(dir, 'dev', { coordinator: '127.0.0.1:7070', insecure: true }, true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['config.json']);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toEqual({
      profiles: { dev: { coordinator: '127.0.0.1:7070', insecure: true } },
      current: 'dev',
    });
  });

  it('keeps the other profiles when one is saved, and round-trips', () => {
    const dir = tempDir();
    writeConfig(dir, { current: 'prod', profiles: { prod: { coordinator: 'p:1' } } });
    saveProfile(dir, 'dev', { coordinator: '127.0.0.1:7071', insecure: true }, false);
    expect(readConfig(dir)).toEqual({
      current: 'prod',
      profiles: { prod: { coordinator: 'p:1' }, dev: { coordinator: '127.0.0.1:7071', insecure: true } },
    });
    saveProfile(dir, 'dev', { coordinator: '127.0.0.1:7072', insecure: true }, true);
    expect(readConfig(dir).current).toBe('dev');
    expect(readConfig(dir).profiles.dev?.coordinator).toBe('127.0.0.1:7072');
  });

  it('rejects a malformed file, naming it', () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.json'), '{"profiles": {"dev": {"insecure": "yes"}}}');
    const err = errorOf(() => readConfig(dir));
    expect(err.message).toContain(join(dir, 'config.json'));
    expect(err.message).toContain('"insecure" is not true or false');
    writeFileSync(join(dir, 'config.json'), 'not json');
    expect(errorOf(() => readConfig(dir)).message).toContain('not JSON');
  });
});
