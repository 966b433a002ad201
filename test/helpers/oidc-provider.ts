import type { IncomingMessage, Server } from 'node:http';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';
import Provider, { errors, type ProviderContext } from 'oidc-provider';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { deviceLogin, type DeviceLoginOptions, type DevicePrompt, type LoginTokens } from '../../src/cli/lib/device-login.js';
import { Browser, findForm, hasForm, type Page } from './browser.js';
import { freePort } from './procs.js';

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 in the test process: the device authorization grant, access
 * tokens as JWTs for an audience through resource indicators, one public client for the CLI, a few accounts with
 * groups, and login pages of its own that record how the user authenticated (amr). Tests approve or deny a login by
 * clicking through the provider's pages over HTTP, as a person in a browser would.
 */

export const CLIENT_ID = 'parallax-cli';
/** Resource indicators (RFC 8707) are absolute URIs, so the audience is a URN rather than a bare word. */
export const AUDIENCE = 'urn:parallax';
export const OTHER_AUDIENCE = 'urn:other-service';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const LOGIN_TIMEOUT_MS = 30_000;

export interface TestAccount {
  password: string;
  /** When set, a login that gives it too counts as multi-factor: amr pwd, otp, mfa. */
  otp?: string;
  preferredUsername?: string;
  groups: string[];
}

export const ACCOUNTS: Record<string, TestAccount> = {
  alice: { password: 'alice-password', otp: '246810', preferredUsername: 'alice', groups: ['parallax-admins', 'team-a'] },
  bob: { password: 'bob-password', preferredUsername: 'bob', groups: ['team-b'] },
  // An account whose tokens carry no preferred_username: only its sub names it.
  svc: { password: 'svc-password', groups: ['team-a'] },
};

export interface Credentials {
  user: string;
  password?: string;
  otp?: string;
}

/** What the provider does, changeable while it runs: each value is read when it is needed. */
export interface IdpKnobs {
  accessTokenTtlSeconds: number;
  deviceCodeTtlSeconds: number;
  /** The `interval` the device authorization response asks the CLI to wait between polls. */
  pollIntervalSeconds: number;
  /** How many of the next polls that would be told authorization_pending are told slow_down instead. */
  slowDownPolls: number;
}

export interface Poll {
  at: number;
  /** The error the token endpoint answered, or undefined when it issued tokens. */
  error: string | undefined;
}

export interface TestIdp {
  issuer: string;
  port: number;
  knobs: IdpKnobs;
  /** The device-code polls the token endpoint answered, in order. */
  polls: Poll[];
  /** How many requests reached this path (e.g. '/jwks', '/.well-known/openid-configuration'). */
  requests(path: string): number;
  /** Enters the code on the verification page, confirms it, logs in and consents. */
  approve(prompt: DevicePrompt, credentials: Credentials): Promise<void>;
  /** Enters the code on the verification page and aborts at the confirmation. */
  deny(prompt: DevicePrompt): Promise<void>;
  /**
   * deviceLogin (the CLI's code) against this IdP, with `onPrompt` playing the person who was shown the code; when
   * onPrompt fails, the login ends with its error rather than waiting for the code to expire.
   */
  deviceLogin(onPrompt: (prompt: DevicePrompt) => Promise<void>, overrides?: Partial<DeviceLoginOptions>): Promise<LoginTokens>;
  /** A whole device login, approved as `credentials.user`. */
  login(credentials: Credentials, audience?: string): Promise<LoginTokens>;
  /** A token signed with the provider's own current key, claims as given over plausible defaults. */
  signWithProviderKey(claims: JWTPayload): Promise<string>;
  /** The same, signed with a key the provider never published (under the provider's key id when sameKid). */
  signWithOtherKey(claims: JWTPayload, options?: { sameKid?: boolean }): Promise<string>;
  unsignedToken(claims: JWTPayload): string;
  /** HS256, keyed with the provider's public key: the classic key-confusion forgery. */
  hmacToken(claims: JWTPayload): Promise<string>;
  /** Revokes a refresh token (RFC 7009), and with it the grant it belongs to, as signing out everywhere at the IdP does. */
  revokeRefreshToken(token: string): Promise<void>;
  /** Restarts the provider signing with a new key, still publishing the old one (its documented rotation order). */
  rotateKeys(): Promise<void>;
  stop(): Promise<void>;
}

interface SigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

async function newSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;
}

function loginPage(uid: string, message = ''): string {
  return htmlPage(
    'Sign in to the test IdP',
    `${message}<form id="login" method="post" action="/interaction/${uid}/login">
      <input type="text" name="login"/><input type="password" name="password"/><input type="text" name="otp"/>
      <button type="submit">Sign in</button></form>
      <a href="/interaction/${uid}/abort">Cancel</a>`,
  );
}

function consentPage(uid: string, client: string): string {
  return htmlPage(
    'Allow access',
    `<p>${client} asks to act for you.</p><form id="consent" method="post" action="/interaction/${uid}/consent">
      <button type="submit">Allow</button></form>`,
  );
}

/** The login and consent pages: what an IdP's own front end does, kept minimal. */
function interactions(provider: Provider): (ctx: ProviderContext, next: () => Promise<void>) => Promise<void> {
  return async (ctx, next) => {
    const match = /^\/interaction\/([^/]+)(?:\/(login|consent|abort))?$/.exec(ctx.path);
    if (match === null) return next();
    const [, uid = '', action] = match;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (action === undefined && ctx.method === 'GET') {
      ctx.type = 'html';
      ctx.body = details.prompt.name === 'login' ? loginPage(uid) : consentPage(uid, String(details.params.client_id));
      return;
    }
    if (action === 'abort') {
      await provider.interactionFinished(ctx.req, ctx.res, { error: 'access_denied', error_description: 'the user cancelled' }, { mergeWithLastSubmission: false });
      return;
    }
    if (action === 'login' && ctx.method === 'POST') {
      const form = await readForm(ctx.req);
      const user = form.get('login') ?? '';
      const account = ACCOUNTS[user];
      if (account === undefined || form.get('password') !== account.password) {
        ctx.type = 'html';
        ctx.body = loginPage(uid, '<p class="error">Wrong user name or password.</p>');
        return;
      }
      const otp = form.get('otp') ?? '';
      const amr = account.otp !== undefined && otp === account.otp ? ['pwd', 'otp', 'mfa'] : ['pwd'];
      await provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: user, amr } }, { mergeWithLastSubmission: false });
      return;
    }
    if (action === 'consent' && ctx.method === 'POST') {
      await readForm(ctx.req);
      const { prompt, params, session, grantId } = details;
      const grant =
        (grantId === undefined ? undefined : await provider.Grant.find(grantId)) ??
        new provider.Grant({ accountId: session?.accountId ?? '', clientId: String(params.client_id) });
      const missingScope = prompt.details.missingOIDCScope;
      if (Array.isArray(missingScope)) grant.addOIDCScope(missingScope.join(' '));
      const missingClaims = prompt.details.missingOIDCClaims;
      if (Array.isArray(missingClaims)) grant.addOIDCClaims(missingClaims.map(String));
      const missingResourceScopes = prompt.details.missingResourceScopes;
      if (isRecord(missingResourceScopes)) {
        for (const [indicator, scopes] of Object.entries(missingResourceScopes)) {
          if (Array.isArray(scopes)) grant.addResourceScope(indicator, scopes.join(' '));
        }
      }
      await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    return next();
  };
}

function configuration(keys: SigningKey[], knobs: IdpKnobs): Record<string, unknown> {
  return {
    clients: [
      {
        client_id: CLIENT_ID,
        client_name: 'Parallax CLI',
        token_endpoint_auth_method: 'none',
        grant_types: [DEVICE_GRANT, 'refresh_token'],
        response_types: [],
        redirect_uris: [],
        application_type: 'native',
      },
    ],
    jwks: { keys: keys.map((k) => k.privateJwk) },
    cookies: { keys: ['parallax-test-cookie-key'] },
    claims: { openid: ['sub'], profile: ['preferred_username'] },
    scopes: ['openid', 'profile', 'offline_access'],
    features: {
      devInteractions: { enabled: false },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo(_ctx: unknown, indicator: string) {
          if (indicator !== AUDIENCE && indicator !== OTHER_AUDIENCE) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            scope: 'api',
            audience: indicator,
            accessTokenTTL: knobs.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount(_ctx: unknown, id: string) {
      const account = ACCOUNTS[id];
      if (account === undefined) return undefined;
      return {
        accountId: id,
        claims: () => (account.preferredUsername === undefined ? { sub: id } : { sub: id, preferred_username: account.preferredUsername }),
      };
    },
    // What a real IdP adds to access tokens for a resource server: the user's name, groups, and how they logged in.
    extraTokenClaims(ctx: ProviderContext, token: { kind: string; accountId?: string }) {
      if (token.kind !== 'AccessToken' || token.accountId === undefined) return undefined;
      const account = ACCOUNTS[token.accountId];
      if (account === undefined) return undefined;
      const source = ctx.oidc?.entities.DeviceCode ?? ctx.oidc?.entities.RefreshToken;
      return {
        ...(account.preferredUsername === undefined ? {} : { preferred_username: account.preferredUsername }),
        groups: account.groups,
        amr: source?.amr ?? [],
      };
    },
    ttl: {
      AccessToken: (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) =>
        token.resourceServer?.accessTokenTTL ?? knobs.accessTokenTtlSeconds,
      DeviceCode: () => knobs.deviceCodeTtlSeconds,
      RefreshToken: 3600,
      IdToken: 3600,
      Grant: 3600,
      Session: 3600,
      Interaction: 600,
    },
  };
}

export async function startIdp(options: { port?: number } = {}): Promise<TestIdp> {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const knobs: IdpKnobs = { accessTokenTtlSeconds: 300, deviceCodeTtlSeconds: 120, pollIntervalSeconds: 1, slowDownPolls: 0 };
  const polls: Poll[] = [];
  const requestCounts = new Map<string, number>();
  let keys = [await newSigningKey('key-1')];
  const otherKey = await newSigningKey('other-key');
  let server: Server;

  const start = async (): Promise<void> => {
    const provider = new Provider(issuer, configuration(keys, knobs));
    provider.use(async (ctx, next) => {
      requestCounts.set(ctx.path, (requestCounts.get(ctx.path) ?? 0) + 1);
      // No kept-alive connections: after rotateKeys restarts the provider, a client would reuse a dead one.
      ctx.res.setHeader('connection', 'close');
      await next();
      const route = ctx.oidc?.route;
      // oidc-provider sends no interval (RFC 8628 then means 5 s); an IdP may ask for any, and tests wait less.
      if (route === 'device_authorization' && ctx.status === 200 && isRecord(ctx.body)) {
        ctx.body = { ...ctx.body, interval: knobs.pollIntervalSeconds };
      }
      if (route === 'token' && ctx.oidc?.params?.grant_type === DEVICE_GRANT) {
        let error = isRecord(ctx.body) && typeof ctx.body.error === 'string' ? ctx.body.error : undefined;
        // oidc-provider never says slow_down; an IdP that rate-limits polling does.
        if (error === 'authorization_pending' && knobs.slowDownPolls > 0) {
          knobs.slowDownPolls -= 1;
          ctx.body = { error: 'slow_down', error_description: 'poll less often' };
          error = 'slow_down';
        }
        polls.push({ at: Date.now(), error });
      }
    });
    provider.use(interactions(provider));
    await new Promise<void>((resolve, reject) => {
      server = provider.listen(port, '127.0.0.1', resolve);
      server.once('error', reject);
    });
  };

  const stop = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  const defaults = (): JWTPayload => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: issuer, aud: AUDIENCE, sub: 'alice', preferred_username: 'alice', groups: ['team-a'], amr: ['pwd'], iat: now, exp: now + 300 };
  };

  const sign = async (key: SigningKey, kid: string, claims: JWTPayload): Promise<string> =>
    new SignJWT({ ...defaults(), ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' })
      .sign(await importJWK(key.privateJwk, 'RS256'));

  const enterCode = async (browser: Browser, prompt: DevicePrompt): Promise<Page> => {
    const first = await browser.get(prompt.verificationUri);
    // The link with the code in it (verification_uri_complete) answers with a page whose script posts the code itself.
    const confirm = hasForm(first, 'op.deviceInputForm')
      ? await browser.submit(findForm(first, 'op.deviceInputForm'), { user_code: prompt.userCode })
      : await browser.submit(findForm(first));
    if (!hasForm(confirm, 'op.deviceConfirmForm')) throw new Error(`the IdP did not ask to confirm code ${prompt.userCode}: ${confirm.html.slice(0, 600)}`);
    return confirm;
  };

  const approve = async (prompt: DevicePrompt, credentials: Credentials): Promise<void> => {
    const browser = new Browser();
    let page = await browser.submit(findForm(await enterCode(browser, prompt), 'op.deviceConfirmForm'));
    for (let step = 0; step < 5; step++) {
      if (page.html.includes('Sign-in Success')) return;
      if (hasForm(page, 'login')) {
        const password = credentials.password ?? ACCOUNTS[credentials.user]?.password ?? '';
        page = await browser.submit(findForm(page, 'login'), { login: credentials.user, password, otp: credentials.otp ?? '' });
      } else if (hasForm(page, 'consent')) {
        page = await browser.submit(findForm(page, 'consent'));
      } else {
        break;
      }
    }
    throw new Error(`the approval did not end on the IdP's success page but on ${page.url} (HTTP ${page.status}): ${page.html.slice(0, 600)}`);
  };

  const deny = async (prompt: DevicePrompt): Promise<void> => {
    const browser = new Browser();
    const confirm = await enterCode(browser, prompt);
    const page = await browser.submit(findForm(confirm, 'op.deviceConfirmForm'), { abort: 'yes' });
    if (!page.html.includes('interrupted')) throw new Error(`the IdP did not say the sign-in was interrupted: ${page.html.slice(0, 600)}`);
  };

  const runDeviceLogin = async (onPrompt: (prompt: DevicePrompt) => Promise<void>, overrides: Partial<DeviceLoginOptions> = {}) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`the device login took more than ${LOGIN_TIMEOUT_MS} ms`)), LOGIN_TIMEOUT_MS);
    try {
      return await deviceLogin({
        issuer,
        clientId: CLIENT_ID,
        audience: AUDIENCE,
        show: (prompt) => void onPrompt(prompt).catch((err: unknown) => controller.abort(err)),
        signal: controller.signal,
        ...overrides,
      });
    } finally {
      clearTimeout(timer);
    }
  };

  await start();
  return {
    issuer,
    port,
    knobs,
    polls,
    requests: (path) => requestCounts.get(path) ?? 0,
    approve,
    deny,
    deviceLogin: runDeviceLogin,
    login: (credentials, audience = AUDIENCE) => runDeviceLogin((prompt) => approve(prompt, credentials), { audience }),
    signWithProviderKey: (claims) => sign(keys[0]!, keys[0]!.kid, claims),
    signWithOtherKey: (claims, { sameKid = false } = {}) => sign(otherKey, sameKid ? keys[0]!.kid : otherKey.kid, claims),
    unsignedToken: (claims) => new UnsecuredJWT({ ...defaults(), ...claims }).encode(),
    hmacToken: async (claims) =>
      new SignJWT({ ...defaults(), ...claims })
        .setProtectedHeader({ alg: 'HS256', kid: keys[0]!.kid })
        .sign(new TextEncoder().encode(JSON.stringify(keys[0]!.publicJwk))),
    async revokeRefreshToken(token) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        body: new URLSearchParams({ token, token_type_hint: 'refresh_token', client_id: CLIENT_ID }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status !== 200) throw new Error(`the IdP did not revoke the token: HTTP ${response.status} ${await response.text()}`);
      await response.body?.cancel();
    },
    async rotateKeys() {
      keys = [await newSigningKey(`key-${keys.length + 1}`), ...keys];
      await stop();
      await start();
    },
    stop,
  };
}

/**
 * The test IdP for one test file: started before its tests, its knobs put back after each test, stopped after all.
 * `started` gets the IdP and its default knobs.
 */
export function useTestIdp(started: (idp: TestIdp, defaults: IdpKnobs) => void): void {
  let idp: TestIdp | undefined;
  let defaults: IdpKnobs | undefined;
  beforeAll(async () => {
    idp = await startIdp();
    defaults = { ...idp.knobs };
    started(idp, defaults);
  });
  afterEach(() => {
    if (idp !== undefined && defaults !== undefined) Object.assign(idp.knobs, defaults);
  });
  afterAll(async () => {
    await idp?.stop();
  });
}
