import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, UnauthenticatedError, UnavailableError } from '../../src/common/errors.js';
import { type OidcSettings, OidcVerifier, type OidcVerifierOptions, parseOidcSettings } from '../../src/coordinator/auth/oidc.js';
import { AUDIENCE, CLIENT_ID, OTHER_AUDIENCE, startIdp, type TestIdp } from '../helpers/oidc-provider.js';
import { freePort } from '../helpers/procs.js';

let idp: TestIdp;
beforeAll(async () => {
  idp = await startIdp();
});
afterAll(async () => {
  await idp?.stop();
});

const GROUPS = [
  { group: 'parallax-admins', tenant: '*', role: 'admin' },
  { group: 'team-a', tenant: 'team-a', role: 'operator' },
  { group: 'team-b', tenant: 'team-b', role: 'viewer' },
];

function settings(overrides: Record<string, unknown> = {}): OidcSettings {
  return parseOidcSettings({ issuer: idp.issuer, clientId: CLIENT_ID, audience: AUDIENCE, groups: GROUPS, ...overrides }, 'coordinator.yaml');
}

function verifier(overrides: Record<string, unknown> = {}, options: OidcVerifierOptions = {}): OidcVerifier {
  return new OidcVerifier(settings(overrides), options);
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected a refusal, but the token verified');
  return err;
}

async function expectUnauthenticated(promise: Promise<unknown>, message: string | RegExp): Promise<void> {
  const err = await refusal(promise);
  expect(err).toBeInstanceOf(UnauthenticatedError);
  expect((err as UnauthenticatedError).exitCode).toBe(4);
  if (typeof message === 'string') expect(err.message).toBe(message);
  else expect(err.message).toMatch(message);
}

describe('OidcVerifier with tokens from a real OpenID provider', () => {
  it('verifies a device-flow access token and maps its user, groups and amr', async () => {
    const tokens = await idp.login({ user: 'alice', otp: '246810' });
    const identity = await verifier().verify(tokens.accessToken);
    expect(identity).toEqual({
      user: 'alice',
      grants: [
        { tenant: '*', role: 'admin' },
        { tenant: 'team-a', role: 'operator' },
      ],
      expiresAt: decodeJwt(tokens.accessToken).exp! * 1000,
      amr: ['pwd', 'otp', 'mfa'],
    });
    expect((await verifier().verify((await idp.login({ user: 'bob' })).accessToken)).grants).toEqual([{ tenant: 'team-b', role: 'viewer' }]);
  });

  it('with adminAmr, counts the cluster-wide admin grant only for a login that gave that factor', async () => {
    const strict = verifier({ adminAmr: 'mfa' });
    const withOtp = await strict.verify((await idp.login({ user: 'alice', otp: '246810' })).accessToken);
    expect(withOtp.grants).toContainEqual({ tenant: '*', role: 'admin' });
    const passwordOnly = await strict.verify((await idp.login({ user: 'alice' })).accessToken);
    expect(passwordOnly.amr).toEqual(['pwd']);
    expect(passwordOnly.grants).toEqual([{ tenant: 'team-a', role: 'operator' }]);
  });

  it('refuses a token without the user claim, naming it, and takes sub when told to', async () => {
    const token = (await idp.login({ user: 'svc' })).accessToken;
    await expectUnauthenticated(verifier().verify(token), /token has no "preferred_username" claim to name the user.*oidc\.userClaim/);
    expect((await verifier({ userClaim: 'sub' }).verify(token)).user).toBe('svc');
  });

  it('refuses an expired token, allowing the configured clock skew', async () => {
    const token = (await idp.login({ user: 'alice' })).accessToken;
    const exp = decodeJwt(token).exp!;
    const at = (seconds: number) => ({ now: () => seconds * 1000 });
    expect((await verifier({}, at(exp + 29)).verify(token)).user).toBe('alice');
    await expectUnauthenticated(
      verifier({}, at(exp + 31)).verify(token),
      `token expired at ${new Date(exp * 1000).toISOString()}: log in again with \`parallax login\``,
    );
    await expectUnauthenticated(verifier({ clockSkewSeconds: 0 }, at(exp)).verify(token), /^token expired at /);
  });

  it('refuses a token for another audience', async () => {
    const token = (await idp.login({ user: 'alice' }, OTHER_AUDIENCE)).accessToken;
    expect(decodeJwt(token).aud).toBe(OTHER_AUDIENCE);
    await expectUnauthenticated(verifier().verify(token), `token is for audience "${OTHER_AUDIENCE}", not "${AUDIENCE}"`);
  });

  it('refuses a token from another issuer, even one signed with the right key', async () => {
    const token = await idp.signWithProviderKey({ iss: 'https://idp.evil.example' });
    await expectUnauthenticated(verifier().verify(token), `token issuer "https://idp.evil.example" is not the configured issuer "${idp.issuer}"`);
    await expectUnauthenticated(verifier().verify(await idp.signWithProviderKey({ iss: undefined })), /^token has no issuer/);
  });

  it('refuses a token signed with another key, under an unknown key id or the real one', async () => {
    const check = verifier();
    expect((await check.verify(await idp.signWithProviderKey({}))).user).toBe('alice');
    const message = "token signature does not verify against the issuer's keys";
    await expectUnauthenticated(check.verify(await idp.signWithOtherKey({})), message);
    await expectUnauthenticated(check.verify(await idp.signWithOtherKey({}, { sameKid: true })), message);
  });

  it('refuses alg none and HS256 before asking the IdP for anything', async () => {
    const check = verifier();
    const before = idp.requests('/jwks') + idp.requests('/.well-known/openid-configuration');
    await expectUnauthenticated(check.verify(idp.unsignedToken({})), /^token algorithm none is not allowed: only RS256, .*EdDSA$/);
    await expectUnauthenticated(check.verify(await idp.hmacToken({})), /^token algorithm HS256 is not allowed/);
    await expectUnauthenticated(check.verify('not.a-jwt'), /^token is not a signed JWT/);
    expect(idp.requests('/jwks') + idp.requests('/.well-known/openid-configuration')).toBe(before);
  });

  it('never puts the token in its messages', async () => {
    const token = await idp.signWithOtherKey({ aud: 'urn:elsewhere' });
    const err = await refusal(verifier().verify(token));
    expect(err.message).not.toContain(token.split('.')[1]!);
  });
});

describe('OidcVerifier and the issuer keys', () => {
  it('discovers and fetches the keys once, and an unknown key id fetches them again at most once per cooldown', async () => {
    const check = verifier({}, { jwksCooldownMs: 60_000 });
    const token = await idp.signWithProviderKey({});
    const discoveries = idp.requests('/.well-known/openid-configuration');
    const fetches = idp.requests('/jwks');
    await check.verify(token);
    await check.verify(token);
    expect(idp.requests('/.well-known/openid-configuration')).toBe(discoveries + 1);
    expect(idp.requests('/jwks')).toBe(fetches + 1);
    await expectUnauthenticated(check.verify(await idp.signWithOtherKey({})), /signature does not verify/);
    expect(idp.requests('/jwks')).toBe(fetches + 1);
  });

  it('follows a key rotation: a token under the new key id makes it fetch the keys again', async () => {
    const check = verifier({}, { jwksCooldownMs: 0 });
    const before = await idp.login({ user: 'alice' });
    await check.verify(before.accessToken);
    const fetches = idp.requests('/jwks');

    await idp.rotateKeys();
    const after = await idp.login({ user: 'alice' });
    expect(decodeProtectedHeader(after.accessToken).kid).not.toBe(decodeProtectedHeader(before.accessToken).kid);
    expect((await check.verify(after.accessToken)).user).toBe('alice');
    expect(idp.requests('/jwks')).toBe(fetches + 1);
    // The old key is still published while tokens signed with it live.
    expect((await check.verify(before.accessToken)).user).toBe('alice');
  });

  it('says unavailable, not unauthenticated, when the IdP cannot be reached, and asks again only after a while', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    let clock = Date.now();
    const check = new OidcVerifier(settings({ issuer }), { now: () => clock, retryAfterFailureMs: 5_000, jwksCooldownMs: 0 });
    const token = await idp.signWithOtherKey({ iss: issuer });

    const down = await refusal(check.verify(token));
    expect(down).toBeInstanceOf(UnavailableError);
    expect((down as UnavailableError).exitCode).toBe(7);
    expect(down.message).toMatch(new RegExp(`^cannot reach the identity provider ${issuer} .*ECONNREFUSED`));

    const later = await startIdp({ port });
    try {
      const good = (await later.login({ user: 'bob' })).accessToken;
      const discoveries = later.requests('/.well-known/openid-configuration');
      clock += 4_000;
      expect(await refusal(check.verify(good))).toBe(down);
      expect(later.requests('/.well-known/openid-configuration')).toBe(discoveries);

      clock += 2_000;
      expect((await check.verify(good)).user).toBe('bob');
    } finally {
      await later.stop();
    }

    const gone = await refusal(check.verify(await later.signWithOtherKey({})));
    expect(gone).toBeInstanceOf(UnavailableError);
    expect(gone.message).toMatch(new RegExp(`^cannot fetch the signing keys of the identity provider ${issuer}: ECONNREFUSED`));
  });
});

describe('parseOidcSettings', () => {
  const base = { issuer: 'https://idp.example.com', clientId: 'parallax-cli', audience: 'parallax' };

  it('fills in the defaults', () => {
    expect(parseOidcSettings(base, 'coordinator.yaml')).toEqual({
      ...base,
      userClaim: 'preferred_username',
      groupsClaim: 'groups',
      groups: [],
      clockSkewSeconds: 30,
    });
    expect(parseOidcSettings({ ...base, issuer: 'http://localhost:8080/realms/x', adminAmr: 'mfa' }, 'c.yaml').adminAmr).toBe('mfa');
  });

  it.each([
    [{ ...base, issuer: 'http://idp.example.com' }, 'oidc.issuer', /must use https: plain http is accepted only for 127\.0\.0\.1, ::1 or localhost/],
    [{ ...base, issuer: 'idp.example.com' }, 'oidc.issuer', /is not a URL/],
    [{ issuer: base.issuer, clientId: 'x' }, 'oidc.audience', /oidc\.audience is required/],
    [{ ...base, audiance: 'x' }, 'oidc.audiance', /is not a setting \(did you mean audience\?\): expected one of issuer, clientId, audience/],
    [{ ...base, groups: [{ group: 'g', tenant: 'Team A', role: 'admin' }] }, 'oidc.groups[0].tenant', /is not a tenant name/],
    [{ ...base, groups: [{ group: 'g', tenant: '*' }] }, 'oidc.groups[0].role', /is required/],
    [{ ...base, clockSkewSeconds: -1 }, 'oidc.clockSkewSeconds', /whole number of seconds from 0 to 300/],
    ['issuer: x', 'oidc', /must be a mapping/],
  ])('refuses %j, naming %s', (raw, field, message) => {
    let err: unknown;
    try {
      parseOidcSettings(raw, '/etc/parallax/coordinator.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).field).toBe(field);
    expect((err as Error).message).toMatch(/^\/etc\/parallax\/coordinator\.yaml: /);
    expect((err as Error).message).toMatch(message);
  });
});
