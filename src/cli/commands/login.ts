import { Flags } from '@oclif/core';
import { spawn } from 'node:child_process';
import { InvalidArgumentError, UnauthenticatedError } from '../../common/errors.js';
import type { WhoamiResponse__Output } from '../../common/proto/gen/parallax/v1/WhoamiResponse.js';
import { profileName } from '../lib/auth-session.js';
import { BaseCommand } from '../lib/base-command.js';
import { call, connect } from '../lib/client.js';
import { configDir, configPath, readConfig, resolveTarget, saveProfile } from '../lib/config.js';
import type { StoredCredentials } from '../lib/credentials.js';
import { shortSpan } from '../lib/human-time.js';
import { readAll } from '../lib/stdin.js';
import { grantsLine } from './whoami.js';

/**
 * On a desktop, opens the verification page in the browser as a courtesy; the URL and code are printed anyway, so a
 * failure is silent. Never on a server or over SSH (no display), nor with PARALLAX_NO_BROWSER=1.
 */
function openBrowser(url: string): void {
  const env = process.env;
  if (env.PARALLAX_NO_BROWSER === '1' || process.stderr.isTTY !== true) return;
  const opener = process.platform === 'darwin' ? 'open' : env.DISPLAY || env.WAYLAND_DISPLAY ? 'xdg-open' : undefined;
  if (opener === undefined) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

interface LoginResult {
  profile: string;
  coordinator: string;
  whoami: WhoamiResponse__Output;
  storedIn: string;
}

export default class Login extends BaseCommand<LoginResult> {
  static override summary = "Log in: through your identity provider (device code), or with an API token from stdin.";

  static override description = `Without --with-token: shows a code and a URL; open the URL on any device, sign in and enter the code. The coordinator tells the CLI which identity provider it trusts. With --with-token: reads an API token (such as one \`parallax token create\` printed) from stdin.

The credentials are kept for the profile (--profile, else the current one, else "default") in the OS keychain, or where there is none in a file readable only by you. With --coordinator, the profile is set to that coordinator. PARALLAX_TOKEN, when set, is used instead of stored credentials by every command.`;

  static override flags = {
    'with-token': Flags.boolean({ summary: 'Read an API token from stdin instead of logging in through the identity provider.' }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> --coordinator 10.0.0.1:7070 --insecure',
    '<%= config.bin %> <%= command.id %> --with-token < ci.token',
    'echo "$TOKEN" | <%= config.bin %> <%= command.id %> --with-token --profile ci',
  ];

  async run(): Promise<LoginResult> {
    const { flags } = await this.parse(Login);
    const dir = configDir();
    // Not this.session(): it reads the stored credentials, and refreshes them when they expire. Once the IdP no longer
    // accepts their refresh token, that refresh fails with "run `parallax login` again", and would fail this login too.
    const load = () => readConfig(dir);
    const target = resolveTarget(flags, process.env, load, configPath(dir));
    const profile = target.profile ?? profileName(flags, process.env, load);
    const existing = readConfig(dir).profiles[profile]?.coordinator;
    if (target.source !== 'profile' && existing !== undefined && existing !== target.address) {
      throw new InvalidArgumentError(`profile "${profile}" is for ${existing}, not ${target.address}: pass --profile NAME to log in to ${target.address} under a profile of its own`, { field: 'profile' });
    }
    const warn = (message: string) => process.stderr.write(`${message}\n`);
    let credentials: StoredCredentials;
    if (flags['with-token']) {
      if (process.stdin.isTTY === true) process.stderr.write('Paste the API token, then press Enter and Ctrl-D:\n');
      const token = (await readAll()).toString('utf8').split('\n')[0]!.trim();
      if (token === '') throw new InvalidArgumentError('no token on stdin: pipe one in, such as parallax login --with-token < FILE', { field: 'with-token' });
      credentials = { kind: 'token', accessToken: token };
    } else {
      credentials = await this.deviceLogin(target.address);
    }
    // The coordinator must accept it before it is kept: a typo is found now, not by the next command.
    const conn = await connect(target.address, { token: credentials.accessToken });
    let whoami: WhoamiResponse__Output;
    try {
      whoami = await call(conn, 'whoami', {});
    } finally {
      conn.close();
    }
    if (target.source !== 'profile') {
      saveProfile(dir, profile, { ...readConfig(dir).profiles[profile], coordinator: target.address, insecure: target.insecure }, readConfig(dir).current === undefined);
    }
    const { openCredentialStore } = await import('../lib/credentials.js');
    const store = await openCredentialStore({ configDir: dir, warn });
    await store.set(profile, credentials);
    return { profile, coordinator: target.address, whoami, storedIn: store.description };
  }

  private async deviceLogin(address: string): Promise<StoredCredentials> {
    const conn = await connect(address);
    let info;
    try {
      info = await call(conn, 'loginInfo', {});
    } finally {
      conn.close();
    }
    if (info.issuer === '') {
      throw new UnauthenticatedError('this cluster has no identity provider configured: log in with an API token, parallax login --with-token < FILE');
    }
    const { deviceLogin } = await import('../lib/device-login.js');
    const tokens = await deviceLogin({
      issuer: info.issuer,
      clientId: info.clientId,
      audience: info.audience,
      show: (prompt) => {
        const url = prompt.verificationUriComplete ?? prompt.verificationUri;
        process.stderr.write(`To log in, open ${url}\nand enter the code ${prompt.userCode} (valid for ${shortSpan(prompt.expiresInSeconds * 1000)}).\nWaiting for you to approve…\n`);
        openBrowser(url);
      },
    });
    return {
      kind: 'oidc',
      accessToken: tokens.accessToken,
      ...(tokens.refreshToken !== undefined ? { refreshToken: tokens.refreshToken } : {}),
      ...(tokens.expiresAt !== undefined ? { expiresAt: tokens.expiresAt } : {}),
      issuer: info.issuer,
      clientId: info.clientId,
      audience: info.audience,
    };
  }

  protected override toJson(result: LoginResult): unknown {
    return { profile: result.profile, coordinator: result.coordinator, name: result.whoami.name, kind: result.whoami.kind, storedIn: result.storedIn };
  }

  protected render(result: LoginResult): void {
    process.stdout.write(`Logged in to ${result.coordinator} as ${result.whoami.name} (${grantsLine(result.whoami)}); profile "${result.profile}", credentials in ${result.storedIn}.\n`);
  }
}
