import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DevicePrompt } from '../../src/cli/lib/device-login.js';
import { childEnv, killStrays } from '../cli/helpers/credentials.js';
import { AUDIENCE, CLIENT_ID, type IdpKnobs, OTHER_AUDIENCE, type TestIdp, useTestIdp } from '../helpers/oidc-provider.js';
import { cli, type CliResult, freePort, json, root, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * `parallax login` end to end: a real OpenID provider in the test process (oidc-provider, device flow), a real
 * coordinator that trusts it through --oidc-config, and the CLI as real child processes. The person who approves the
 * login is played by clicking through the provider's own pages at the URL the CLI printed.
 */

const CLI = join(root, 'bin', 'parallax');
const ALGORITHMS = 'RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA';
/** The line login prints while it waits (src/cli/commands/login.ts). */
const PROMPT = /To log in, open (\S+)\nand enter the code (\S+) \(valid for (\S+)\)\.\nWaiting for you to approve…\n/;
/** Several real processes and device logins each; on a busy machine a test can take a while. */
const TEST_TIMEOUT_MS = 120_000;
const UNLOCK = `printf 'test-pw' | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||
  { echo 'gnome-keyring-daemon --unlock failed' >&2; exit 90; }`;

let idp: TestIdp;
let defaults: IdpKnobs;
useTestIdp((started, knobs) => {
  idp = started;
  defaults = knobs;
});

interface Coordinator {
  address: string;
  /** the environment of the cluster's administrator (the bootstrap token cli() sends) */
  admin: NodeJS.ProcessEnv;
}

/** A coordinator that logs people in through the test IdP, with the tenant "payments". */
async function coordinator(): Promise<Coordinator> {
  const dir = tempDir();
  const port = await freePort();
  const config = join(dir, 'oidc.yaml');
  writeFileSync(
    config,
    `oidc:
  issuer: ${idp.issuer}
  clientId: ${CLIENT_ID}
  audience: ${AUDIENCE}
  # Both clocks are this machine's: a token is refused the moment it expires.
  clockSkewSeconds: 0
  adminAmr: mfa
  groups:
    - { group: team-a, tenant: payments, role: operator }
    - { group: parallax-admins, tenant: '*', role: admin }
`,
  );
  startCoordinator(join(dir, 'data'), port, 'n1', undefined, ['--oidc-config', config]);
  const address = `127.0.0.1:${port}`;
  const admin = { PARALLAX_ADDR: address, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'admin') };
  await waitFor('the coordinator', async () => (await cli(['status', '--json'], admin)).code === 0);
  expect((await cli(['tenant', 'create', 'payments'], admin)).code).toBe(0);
  return { address, admin };
}

/** What the CLI showed the person: the URL to open and the code. */
interface Shown {
  url: string;
  userCode: string;
  validFor: string;
}

interface Child {
  /** Resolves once the child printed the device-code prompt; rejects if it ends first or takes too long. */
  shown: Promise<Shown>;
  done: Promise<CliResult>;
}

const groups = new Set<number>();
afterEach(() => {
  for (const pid of groups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // It ended.
    }
  }
  groups.clear();
});

/**
 * Runs a command in a process group of its own (so a D-Bus session and what it started go with it), reading its
 * stderr as it comes, so a test can act on the prompt while the child waits. Killed after `timeoutMs`.
 */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Child {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid!;
  groups.add(pid);
  let stdout = '';
  let stderr = '';
  const kill = () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // It ended.
    }
  };
  const timer = setTimeout(kill, timeoutMs);
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      groups.delete(pid);
      resolve({ code, stdout, stderr });
    });
  });
  const shown = new Promise<Shown>((resolve, reject) => {
    const bound = setTimeout(() => reject(new Error(`no device-code prompt within 20 s; stderr so far:\n${stderr}`)), 20_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const match = PROMPT.exec(stderr);
      if (match !== null) {
        clearTimeout(bound);
        resolve({ url: match[1]!, userCode: match[2]!, validFor: match[3]! });
      }
    });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    void done.then((result) => {
      clearTimeout(bound);
      reject(new Error(`the child ended (code ${result.code}) without a device-code prompt:\n${result.stdout}${result.stderr}`));
    });
  });
  // Rejections nobody waits for (a login that fails before its prompt is awaited through `done`).
  shown.catch(() => undefined);
  return { shown, done };
}

/** The environment of a person's shell: none of the test runner's PARALLAX_ settings, colour off. */
function userEnv(configDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PARALLAX_')));
  return { ...env, NO_COLOR: '1', PARALLAX_CONFIG_DIR: configDir, PARALLAX_KEYCHAIN: 'off', ...extra };
}

function login(c: Coordinator, env: NodeJS.ProcessEnv, extraArgs: string[] = []): Child {
  return start(process.execPath, [CLI, 'login', '--coordinator', c.address, '--insecure', ...extraArgs], env);
}

/** The prompt as the person follows it: the link the CLI printed, which carries the code. */
function followed(shown: Shown): DevicePrompt {
  return { userCode: shown.userCode, verificationUri: shown.url, expiresInSeconds: 0 };
}

/** A whole login approved at the IdP as `user` (with the OTP when given), into config dir `configDir`. */
async function loggedIn(c: Coordinator, configDir: string, user: string, otp?: string): Promise<CliResult & { shown: Shown }> {
  const child = login(c, userEnv(configDir));
  const shown = await child.shown;
  await idp.approve(followed(shown), { user, ...(otp === undefined ? {} : { otp }) });
  return { ...(await child.done), shown };
}

interface StoredFile {
  profiles: Record<string, { kind: string; accessToken: string; refreshToken?: string; expiresAt?: number; issuer?: string; clientId?: string; audience?: string }>;
}

function storedCredentials(configDir: string) {
  const profile = (JSON.parse(readFileSync(join(configDir, 'credentials.json'), 'utf8')) as StoredFile).profiles.default;
  if (profile === undefined) throw new Error(`no credentials for profile "default" in ${configDir}`);
  return profile;
}

interface WhoamiJson {
  name: string;
  kind: string;
  tenant: string | null;
  grants: { tenant: string; role: string }[];
  permissions: string[];
  expiresAt: string | null;
  credentials: { from: string; profile: string; where: string | null };
}

describe('parallax login against a real OpenID provider (device code)', () => {
  it('logs in as the person who approved, with the roles their groups give, admin only with MFA', async () => {
    const c = await coordinator();
    const config = join(tempDir(), 'alice');
    const asAlice = { PARALLAX_CONFIG_DIR: config, PARALLAX_TOKEN: '' };
    const credentialsFile = join(config, 'credentials.json');

    const before = Date.now();
    const first = await loggedIn(c, config, 'alice');
    expect(first.shown.url).toBe(`${idp.issuer}/device?user_code=${first.shown.userCode}`);
    expect(first.shown.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(first.shown.validFor).toBe('2m');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`Logged in to ${c.address} as alice (operator in payments); profile "default", credentials in ${credentialsFile}.\n`);
    expect(first.stderr).toContain(`No OS keychain is available (PARALLAX_KEYCHAIN=off); credentials are stored in ${credentialsFile}, readable only by you.\n`);
    expect(statSync(credentialsFile).mode & 0o777).toBe(0o600);
    expect(storedCredentials(config)).toMatchObject({ kind: 'oidc', issuer: idp.issuer, clientId: CLIENT_ID, audience: AUDIENCE, refreshToken: expect.any(String) });

    const whoami = json<WhoamiJson>(await cli(['whoami', '--json'], asAlice));
    expect(whoami).toMatchObject({
      name: 'alice',
      kind: 'user',
      tenant: 'payments',
      grants: [{ tenant: 'payments', role: 'operator' }],
      credentials: { from: 'file', profile: 'default', where: credentialsFile },
    });
    expect(whoami.permissions).toContain('schedules:create');
    expect(whoami.permissions).not.toContain('tenants:create');
    // The access token's own expiry: the IdP's five minutes.
    const expiresAt = Date.parse(whoami.expiresAt ?? '');
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 299_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);

    // An operator's work in payments, with the stored login and no PARALLAX_TOKEN.
    const created = await cli(['schedule', 'create', 'nightly', '--every', '1h', '--shell', 'true'], asAlice);
    expect(created.code, created.stderr).toBe(0);
    expect(json<{ name: string }[]>(await cli(['schedule', 'list', '--json'], asAlice)).map((s) => s.name)).toEqual(['nightly']);

    // Her group parallax-admins maps to cluster-wide admin, but she signed in with a password only.
    const notAdmin = await cli(['tenant', 'create', 'shipping'], asAlice);
    expect(notAdmin.code).toBe(5);
    expect(notAdmin.stderr).toBe('Error: alice may not tenants:create in tenant "payments"\n');

    // Signed in again with the one-time password too: the IdP says mfa, and the admin grant counts.
    const mfa = await loggedIn(c, config, 'alice', '246810');
    expect(mfa.code, mfa.stderr).toBe(0);
    expect(mfa.stdout).toBe(`Logged in to ${c.address} as alice (operator in payments; admin, cluster-wide); profile "default", credentials in ${credentialsFile}.\n`);
    // The file was there: nothing to say about it this time.
    expect(mfa.stderr).not.toContain('No OS keychain');
    expect(json<WhoamiJson>(await cli(['whoami', '--json'], asAlice)).grants).toEqual([
      { tenant: 'payments', role: 'operator' },
      { tenant: '*', role: 'admin' },
    ]);
    const asAdmin = await cli(['tenant', 'create', 'shipping'], asAlice);
    expect(asAdmin.code, asAdmin.stderr).toBe(0);

    // A person with no mapped group holds what was granted to them by name, and nothing more.
    expect((await cli(['user', 'grant', 'bob', '--tenant', 'payments', '--role', 'viewer'], c.admin)).code).toBe(0);
    const bobConfig = join(tempDir(), 'bob');
    const bob = await loggedIn(c, bobConfig, 'bob');
    expect(bob.code, bob.stderr).toBe(0);
    expect(bob.stdout).toContain(`as bob (viewer in payments)`);
    const asBob = { PARALLAX_CONFIG_DIR: bobConfig, PARALLAX_TOKEN: '' };
    expect(json<WhoamiJson>(await cli(['whoami', '--json'], asBob))).toMatchObject({ name: 'bob', kind: 'user', grants: [{ tenant: 'payments', role: 'viewer' }] });
    expect(json<{ name: string }[]>(await cli(['schedule', 'list', '--json'], asBob)).map((s) => s.name)).toEqual(['nightly']);
    const bobWrites = await cli(['schedule', 'trigger', 'nightly'], asBob);
    expect(bobWrites.code).toBe(5);
    expect(bobWrites.stderr).toBe('Error: bob may not schedules:trigger in tenant "payments"\n');

    // The audit log names the people, as users.
    const audit = json<{ actor: string; actorKind: string; action: string; resource: string; result: string }[]>(
      await cli(['audit', 'list', '--all-tenants', '--json'], c.admin),
    );
    expect(audit.map((e) => `${e.actor} ${e.actorKind} ${e.action} ${e.resource} ${e.result}`)).toEqual(
      expect.arrayContaining([
        'alice user schedules:create schedule/nightly ok',
        'alice user tenants:create Control.CreateTenant denied',
        'alice user tenants:create tenant/shipping ok',
        'bob user schedules:trigger Control.TriggerSchedule denied',
      ]),
    );

    const logout = await cli(['logout'], asAlice);
    expect(logout.stdout).toBe('Logged out of profile "default".\n');
    const after = await cli(['whoami'], asAlice);
    expect(after.code).toBe(4);
    expect(after.stderr).toBe('Error: this request needs a login: run `parallax login`, or set PARALLAX_TOKEN to an API token\n');
  }, TEST_TIMEOUT_MS);

  it('refreshes an expired access token by itself, and logs in again once the IdP ended the login', async () => {
    idp.knobs.accessTokenTtlSeconds = 4;
    const c = await coordinator();
    const config = join(tempDir(), 'alice');
    const asAlice = { PARALLAX_CONFIG_DIR: config, PARALLAX_TOKEN: '' };

    const first = await loggedIn(c, config, 'alice');
    expect(first.code, first.stderr).toBe(0);
    const old = storedCredentials(config);

    // Until the coordinator itself refuses the access token as expired.
    const refused = await waitFor(
      'the access token to expire',
      async () => {
        const r = await cli(['whoami'], { ...asAlice, PARALLAX_TOKEN: old.accessToken });
        return r.code === 4 && r;
      },
      15_000,
      250,
    );
    expect(refused.stderr).toMatch(/^Error: token expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z: log in again with `parallax login`\n$/);

    const tokenRequests = idp.requests('/token');
    const listed = await cli(['schedule', 'list', '--json'], asAlice);
    expect(listed.code, listed.stderr).toBe(0);
    expect(json<unknown[]>(listed)).toEqual([]);
    // One request to the IdP's token endpoint: the refresh.
    expect(idp.requests('/token')).toBe(tokenRequests + 1);
    const fresh = storedCredentials(config);
    expect(fresh.accessToken).not.toBe(old.accessToken);
    // oidc-provider rotates the refresh tokens of public clients: the new one must have been kept.
    expect(fresh.refreshToken).toEqual(expect.any(String));
    expect(fresh.refreshToken).not.toBe(old.refreshToken);
    expect(fresh.expiresAt).toBeGreaterThan(old.expiresAt!);
    expect(fresh).toMatchObject({ kind: 'oidc', issuer: idp.issuer, clientId: CLIENT_ID, audience: AUDIENCE });
    expect(statSync(join(config, 'credentials.json')).mode & 0o777).toBe(0o600);
    expect(json<WhoamiJson>(await cli(['whoami', '--json'], asAlice))).toMatchObject({ name: 'alice', kind: 'user' });

    // Commands started together, all due to refresh (a script's `&`): the IdP rotates refresh tokens and takes a
    // used one presented again for a stolen one, ending the login. One refreshes; the others use what it stored.
    const due = storedCredentials(config);
    expect(due.expiresAt! - Date.now()).toBeLessThan(30_000);
    const together = await Promise.all([1, 2, 3].map(() => cli(['schedule', 'list', '--json'], asAlice)));
    expect(together.map((r) => r.code), together.map((r) => r.stdout + r.stderr).join('\n')).toEqual([0, 0, 0]);
    expect(storedCredentials(config).refreshToken).not.toBe(due.refreshToken);
    expect(existsSync(join(config, 'refresh.lock'))).toBe(false);
    const later = await cli(['schedule', 'list', '--json'], asAlice);
    expect(later.code, later.stderr).toBe(0);

    // The IdP ends the login (signed out everywhere): the next refresh is refused, and says what to do.
    await idp.revokeRefreshToken(storedCredentials(config).refreshToken!);
    const ended = await cli(['schedule', 'list'], asAlice);
    expect(ended.code).toBe(4);
    expect(ended.stderr).toMatch(new RegExp(`^Error: ${idp.issuer} no longer accepts this login \\(invalid_grant[^)]*\\); run \`parallax login\` again\\n$`));

    // ... and doing it works: login does not need the login it replaces.
    const again = await loggedIn(c, config, 'alice');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('as alice (operator in payments)');
    expect((await cli(['schedule', 'list'], asAlice)).code).toBe(0);
  }, TEST_TIMEOUT_MS);

  it('fails with exit 4 when the person denies the login, or lets the code expire, and keeps nothing', async () => {
    const c = await coordinator();
    const config = join(tempDir(), 'config');

    const denied = login(c, userEnv(config));
    await idp.deny(followed(await denied.shown));
    const deniedResult = await denied.done;
    expect(deniedResult.code).toBe(4);
    expect(deniedResult.stdout).toBe('');
    expect(deniedResult.stderr).toMatch(PROMPT);
    expect(deniedResult.stderr.replace(PROMPT, '')).toBe(`Error: the login was denied at ${idp.issuer}\n`);

    idp.knobs.deviceCodeTtlSeconds = 2;
    const first = idp.polls.length;
    const expired = login(c, userEnv(config));
    expect((await expired.shown).validFor).toBe('2s');
    const expiredResult = await expired.done;
    expect(expiredResult.code).toBe(4);
    expect(expiredResult.stderr.replace(PROMPT, '')).toBe('Error: the code expired before it was approved; run `parallax login` again\n');
    // The IdP said so, not the CLI's own clock.
    expect(idp.polls.slice(first).at(-1)?.error).toBe('expired_token');

    // Neither left credentials or a profile behind.
    expect(existsSync(config) ? readdirSync(config) : []).toEqual([]);

    // With --json, the error is the one document on stdout.
    idp.knobs.deviceCodeTtlSeconds = defaults.deviceCodeTtlSeconds;
    const asJson = login(c, userEnv(config), ['--json']);
    await idp.deny(followed(await asJson.shown));
    const jsonResult = await asJson.done;
    expect(jsonResult.code).toBe(4);
    expect(JSON.parse(jsonResult.stdout)).toEqual({ error: { code: 'unauthenticated', message: `the login was denied at ${idp.issuer}`, field: null } });
  }, TEST_TIMEOUT_MS);

  it('refuses tokens for another audience, from another issuer, expired, signed by another key or not signed', async () => {
    const c = await coordinator();
    const config = join(tempDir(), 'config');
    const now = Math.floor(Date.now() / 1000);
    const present = (token: string) => cli(['whoami', '--json'], { PARALLAX_ADDR: c.address, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: config, PARALLAX_TOKEN: token });

    // The control: the provider's key, the right issuer and audience, in time.
    const good = await present(await idp.signWithProviderKey({}));
    expect(good.code, good.stderr).toBe(0);
    expect(json<WhoamiJson>(good)).toMatchObject({ name: 'alice', kind: 'user', credentials: { from: 'PARALLAX_TOKEN' } });

    // A real token of the same IdP, issued to the same person for another service.
    const otherService = await idp.login({ user: 'alice' }, OTHER_AUDIENCE);
    const cases: [string, string, string][] = [
      ['another audience', otherService.accessToken, `token is for audience "${OTHER_AUDIENCE}", not "${AUDIENCE}"`],
      [
        'another issuer',
        await idp.signWithProviderKey({ iss: 'http://127.0.0.1:9/other-idp' }),
        `token issuer "http://127.0.0.1:9/other-idp" is not the configured issuer "${idp.issuer}"`,
      ],
      [
        'expired',
        await idp.signWithProviderKey({ iat: now - 600, exp: now - 300 }),
        `token expired at ${new Date((now - 300) * 1000).toISOString()}: log in again with \`parallax login\``,
      ],
      ['another key', await idp.signWithOtherKey({}), "token signature does not verify against the issuer's keys"],
      ['another key under the provider’s key id', await idp.signWithOtherKey({}, { sameKid: true }), "token signature does not verify against the issuer's keys"],
      ['alg none', idp.unsignedToken({}), `token algorithm none is not allowed: only ${ALGORITHMS}`],
      ['HS256 keyed with the public key', await idp.hmacToken({}), `token algorithm HS256 is not allowed: only ${ALGORITHMS}`],
    ];
    for (const [what, token, message] of cases) {
      const result = await cli(['whoami'], { PARALLAX_ADDR: c.address, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: config, PARALLAX_TOKEN: token });
      expect({ what, code: result.code, stdout: result.stdout, stderr: result.stderr }).toEqual({ what, code: 4, stdout: '', stderr: `Error: ${message}\n` });
    }

    // Each refusal is in the audit log, with its reason.
    const audit = json<{ actor: string; result: string; reason: string | null }[]>(await cli(['audit', 'list', '--all-tenants', '--json'], c.admin));
    const reasons = audit.filter((e) => e.actor === 'anonymous' && e.result === 'denied').map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(cases.map(([, , message]) => message)));
  }, TEST_TIMEOUT_MS);

  it('keeps the login in a real Secret Service (gnome-keyring under dbus-run-session), and no file', async () => {
    const c = await coordinator();
    const home = tempDir();
    const config = join(home, 'parallax');
    const env = { ...childEnv(home, config), NO_COLOR: '1', NODE: process.execPath, PARALLAX_CLI: CLI };
    // Each session is a bus of its own with the keyring in `home` unlocked: what a desktop login gives.
    const inSession = (args: string[]) => start('dbus-run-session', ['--', 'sh', '-c', `${UNLOCK}\nexec "$NODE" "$PARALLAX_CLI" "$@"`, 'sh', ...args], env);
    try {
      const child = inSession(['login', '--coordinator', c.address, '--insecure']);
      await idp.approve(followed(await child.shown), { user: 'alice' });
      const result = await child.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`Logged in to ${c.address} as alice (operator in payments); profile "default", credentials in the OS keychain (Secret Service).\n`);
      expect(result.stderr).not.toContain('No OS keychain');
      killStrays(home);

      // Another session, the same keyring: the login is still there.
      const whoami = await inSession(['whoami', '--json']).done;
      expect(whoami.code, whoami.stderr).toBe(0);
      expect(json<WhoamiJson>(whoami)).toMatchObject({
        name: 'alice',
        kind: 'user',
        grants: [{ tenant: 'payments', role: 'operator' }],
        credentials: { from: 'keychain', profile: 'default', where: 'the OS keychain (Secret Service)' },
      });
      expect(existsSync(join(config, 'credentials.json'))).toBe(false);
      expect(readdirSync(config)).toEqual(['config.json']);
      // The keyring the sessions used is the one in the test's home, and it holds the secret encrypted.
      const keyring = join(home, 'data/keyrings/login.keyring');
      expect(existsSync(keyring)).toBe(true);
      expect(readFileSync(keyring).includes('accessToken')).toBe(false);
    } finally {
      killStrays(home);
    }
  }, TEST_TIMEOUT_MS);

  it('without any D-Bus, keeps the login in a 0600 file and says so once', async () => {
    const c = await coordinator();
    const home = tempDir();
    const config = join(home, 'parallax');
    // No DBUS_SESSION_BUS_ADDRESS, no DISPLAY, no bus in XDG_RUNTIME_DIR, PARALLAX_KEYCHAIN unset: a server over ssh.
    const env: NodeJS.ProcessEnv = { ...childEnv(home, config), NO_COLOR: '1' };
    expect(env.DBUS_SESSION_BUS_ADDRESS).toBeUndefined();
    expect(env.DISPLAY).toBeUndefined();
    expect(env.PARALLAX_KEYCHAIN).toBeUndefined();
    const file = join(config, 'credentials.json');
    try {
      const child = start(process.execPath, [CLI, 'login', '--coordinator', c.address, '--insecure'], env);
      await idp.approve(followed(await child.shown), { user: 'alice' });
      const result = await child.done;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`Logged in to ${c.address} as alice (operator in payments); profile "default", credentials in ${file}.\n`);
      const message = `No OS keychain is available (Cannot autolaunch D-Bus without X11 $DISPLAY); credentials are stored in ${file}, readable only by you.\n`;
      expect(result.stderr.replace(PROMPT, '')).toBe(message);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(storedCredentials(config)).toMatchObject({ kind: 'oidc', issuer: idp.issuer });

      // Later commands find the login there, and do not say it again.
      const whoami = await start(process.execPath, [CLI, 'whoami', '--json'], env).done;
      expect(whoami.code, whoami.stderr).toBe(0);
      expect(whoami.stderr).toBe('');
      expect(json<WhoamiJson>(whoami)).toMatchObject({ name: 'alice', credentials: { from: 'file', where: file } });
    } finally {
      killStrays(home);
    }
  }, TEST_TIMEOUT_MS);
});
