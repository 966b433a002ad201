import { describe, expect, it } from 'vitest';
import { deviceLogin, type DevicePrompt, refreshLogin } from '../../src/cli/lib/device-login.js';
import { InvalidArgumentError, UnauthenticatedError, UnavailableError } from '../../src/common/errors.js';
import { OidcVerifier, parseOidcSettings } from '../../src/coordinator/auth/oidc.js';
import { AUDIENCE, CLIENT_ID, type TestIdp, useTestIdp } from '../helpers/oidc-provider.js';
import { freePort } from '../helpers/procs.js';
import { waitFor } from '../helpers/wait.js';

let idp: TestIdp;
useTestIdp((started) => (idp = started));

function verifier(clockSkewSeconds = 30): OidcVerifier {
  return new OidcVerifier(parseOidcSettings({ issuer: idp.issuer, clientId: CLIENT_ID, audience: AUDIENCE, clockSkewSeconds }, 'test'));
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected the login to fail, but it succeeded');
  return err;
}

describe('deviceLogin against a real OpenID provider', () => {
  it('shows the code, and once it is approved returns tokens the coordinator accepts', async () => {
    const shown: DevicePrompt[] = [];
    const tokens = await idp.deviceLogin(async (prompt) => {
      shown.push(prompt);
      await idp.approve(prompt, { user: 'alice' });
    });

    expect(shown).toHaveLength(1);
    expect(shown[0]).toEqual({
      userCode: expect.stringMatching(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/),
      verificationUri: `${idp.issuer}/device`,
      verificationUriComplete: `${idp.issuer}/device?user_code=${shown[0]!.userCode}`,
      expiresInSeconds: 120,
    });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 290_000);
    expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(tokens.idTokenClaims).toMatchObject({ iss: idp.issuer, sub: 'alice', preferred_username: 'alice', aud: CLIENT_ID });
    expect(await verifier().verify(tokens.accessToken)).toMatchObject({ user: 'alice', amr: ['pwd'] });
  });

  it('waits the interval the IdP asks between polls, and 5 s more after slow_down', async () => {
    idp.knobs.pollIntervalSeconds = 2;
    idp.knobs.slowDownPolls = 1;
    const first = idp.polls.length;
    let shownAt = 0;
    await idp.deviceLogin(async (prompt) => {
      shownAt = Date.now();
      // Approve only after the first poll, so that it is the one told to slow down.
      await waitFor('the first poll', () => idp.polls.length > first, 10_000, 50);
      await idp.approve(prompt, { user: 'bob' });
    });
    const polls = idp.polls.slice(first);
    expect(polls.map((p) => p.error)).toEqual(['slow_down', undefined]);
    expect(polls[0]!.at - shownAt).toBeGreaterThanOrEqual(1_900);
    expect(polls[1]!.at - polls[0]!.at).toBeGreaterThanOrEqual(6_900);
  }, 30_000);

  it('says the login was denied when the person aborts it at the IdP', async () => {
    const err = await failure(idp.deviceLogin((prompt) => idp.deny(prompt)));
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect(err.message).toBe(`the login was denied at ${idp.issuer}`);
    expect((err as UnauthenticatedError).exitCode).toBe(4);
  });

  it('says the code expired when no one approves it in time', async () => {
    idp.knobs.deviceCodeTtlSeconds = 2;
    const first = idp.polls.length;
    const err = await failure(idp.deviceLogin(async () => undefined));
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect(err.message).toBe('the code expired before it was approved; run `parallax login` again');
    // The IdP said so itself, rather than the CLI giving up by its own clock.
    expect(idp.polls.slice(first).at(-1)?.error).toBe('expired_token');
  }, 20_000);

  it('stops waiting when its signal is aborted, with the signal’s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('interrupted');
    const err = await failure(idp.deviceLogin(async () => controller.abort(reason), { signal: controller.signal }));
    expect(err).toBe(reason);
  });

  it('gets a fresh access token with refreshLogin once the first has expired', async () => {
    idp.knobs.accessTokenTtlSeconds = 3;
    const first = await idp.login({ user: 'alice', otp: '246810' });
    const strict = verifier(0);
    expect((await strict.verify(first.accessToken)).user).toBe('alice');
    await waitFor(
      'the access token to expire',
      () => strict.verify(first.accessToken).then(() => false, (err: Error) => /^token expired at /.test(err.message)),
      10_000,
      250,
    );

    const refreshed = await refreshLogin({ issuer: idp.issuer, clientId: CLIENT_ID, refreshToken: first.refreshToken!, audience: AUDIENCE });
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    // The refreshed token still says how the user logged in.
    expect(await strict.verify(refreshed.accessToken)).toMatchObject({ user: 'alice', amr: ['pwd', 'otp', 'mfa'] });
  }, 30_000);

  it('refuses a refresh token the IdP does not know', async () => {
    const err = await failure(refreshLogin({ issuer: idp.issuer, clientId: CLIENT_ID, refreshToken: 'made-up', audience: AUDIENCE }));
    expect(err).toBeInstanceOf(UnauthenticatedError);
    expect(err.message).toMatch(new RegExp(`^${idp.issuer} no longer accepts this login \\(invalid_grant.*\\); run \`parallax login\` again$`));
  });

  it('names the audience when the IdP does not issue tokens for it', async () => {
    const err = await failure(idp.deviceLogin(async () => undefined, { audience: 'urn:not-served-here' }));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).field).toBe('audience');
    expect(err.message).toMatch(/does not issue tokens for the cluster's audience \(invalid_target/);
  });
});

describe('deviceLogin before it talks to any IdP', () => {
  const options = { clientId: CLIENT_ID, audience: AUDIENCE, show: () => expect.unreachable('no code should be shown') };

  it('refuses plain http to a host other than this one', async () => {
    for (const attempt of [
      deviceLogin({ ...options, issuer: 'http://idp.example.com' }),
      refreshLogin({ issuer: 'http://10.0.0.5:8080', clientId: CLIENT_ID, refreshToken: 'x', audience: AUDIENCE }),
    ]) {
      const err = await failure(attempt);
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect(err.message).toMatch(/must use https: plain http is accepted only for 127\.0\.0\.1, ::1 or localhost$/);
    }
  });

  it('says unavailable when the IdP cannot be reached', async () => {
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const err = await failure(deviceLogin({ ...options, issuer }));
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as UnavailableError).exitCode).toBe(7);
    expect(err.message).toBe(`cannot reach the identity provider ${issuer}: ECONNREFUSED`);
  });
});
