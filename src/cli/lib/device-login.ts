import * as client from 'openid-client';
import { InvalidArgumentError, UnauthenticatedError } from '../../common/errors.js';
import { issuerUrl } from '../../common/issuer-url.js';
import { idpError } from './idp-errors.js';

export interface DevicePrompt {
  userCode: string;
  verificationUri: string;
  /** The same page with the code filled in, when the IdP offers one (for a link or a QR code). */
  verificationUriComplete?: string;
  expiresInSeconds: number;
}

export interface DeviceLoginOptions {
  issuer: string;
  clientId: string;
  audience: string;
  /** Default 'openid profile offline_access': an ID token to say who logged in, and a refresh token. */
  scope?: string;
  show: (prompt: DevicePrompt) => void;
  /** Aborting it stops the wait; the login then rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface RefreshLoginOptions {
  issuer: string;
  clientId: string;
  refreshToken: string;
  audience: string;
}

export interface LoginTokens {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires by the IdP's word, in milliseconds since the epoch. */
  expiresAt?: number;
  /** The claims of the ID token, checked by openid-client against the IdP's keys, when one came. */
  idTokenClaims?: Record<string, unknown>;
}

const DEFAULT_SCOPE = 'openid profile offline_access';
/** How long past the code's own expiry to keep polling, so the IdP, whose clock decides, can say expired_token. */
const EXPIRY_GRACE_SECONDS = 5;

async function configure(issuer: string, clientId: string): Promise<client.Configuration> {
  const url = issuerUrl(issuer, 'issuer');
  try {
    return await client.discovery(url, clientId, undefined, client.None(), {
      timeout: 20,
      // openid-client refuses plain http; issuerUrl has let it through only for an IdP on this machine.
      execute: url.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
  } catch (err) {
    throw idpError(err, issuer);
  }
}

/**
 * How the audience is asked for at the token endpoint: RFC 8707's `resource`, which oidc-provider's resource
 * indicators need to issue a JWT for that audience (with neither, they give an opaque token for userinfo). It must
 * be an absolute URI there, so an audience that is not one (a Keycloak client id) is not sent as a resource.
 */
function resourceParameters(audience: string): Record<string, string> {
  return URL.canParse(audience) ? { resource: audience } : {};
}

/**
 * The same at the device authorization endpoint, plus `audience`, which Auth0 asks for instead and RFC 8707 IdPs
 * ignore. Okta (custom authorization servers) and Keycloak (audience mappers) fix the audience at the IdP and ignore
 * both.
 */
function authorizationParameters(audience: string, scope: string): Record<string, string> {
  return { scope, audience, ...resourceParameters(audience) };
}

function tokens(response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, keptRefreshToken?: string): LoginTokens {
  if (response.token_type.toLowerCase() !== 'bearer') {
    throw new InvalidArgumentError(
      `the identity provider issued a ${response.token_type} token: Parallax sends bearer tokens, so set the client at the IdP to issue those`,
      { field: 'clientId' },
    );
  }
  const out: LoginTokens = { accessToken: response.access_token };
  // An IdP that does not rotate refresh tokens leaves the one used valid, and sends none back.
  const refreshToken = response.refresh_token ?? keptRefreshToken;
  if (refreshToken !== undefined) out.refreshToken = refreshToken;
  const expiresIn = response.expiresIn();
  if (expiresIn !== undefined) out.expiresAt = Date.now() + expiresIn * 1000;
  const claims = response.claims();
  if (claims !== undefined) out.idTokenClaims = { ...claims };
  return out;
}

/**
 * Logs in with the OAuth 2.0 device authorization grant (RFC 8628): asks the IdP for a code, has `show` tell the
 * person where to enter it, and waits, as often as the IdP allows (openid-client waits its `interval`, and 5 s more
 * after each slow_down), until they approve or deny it or it expires.
 */
export async function deviceLogin(options: DeviceLoginOptions): Promise<LoginTokens> {
  const { issuer, audience } = options;
  const config = await configure(issuer, options.clientId);
  if (config.serverMetadata().device_authorization_endpoint === undefined) {
    throw new InvalidArgumentError(
      `${issuer} does not offer the device authorization grant that \`parallax login\` uses (no device_authorization_endpoint in its discovery document)`,
      { field: 'issuer' },
    );
  }
  let authorization: client.DeviceAuthorizationResponse;
  try {
    authorization = await client.initiateDeviceAuthorization(config, authorizationParameters(audience, options.scope ?? DEFAULT_SCOPE));
  } catch (err) {
    throw idpError(err, issuer);
  }
  options.show({
    userCode: authorization.user_code,
    verificationUri: authorization.verification_uri,
    verificationUriComplete: authorization.verification_uri_complete,
    expiresInSeconds: authorization.expires_in,
  });
  // Given no signal, openid-client stops when the code expires by its own clock; given the caller's, it does not,
  // so that limit is kept here.
  const expiry = AbortSignal.timeout((authorization.expires_in + EXPIRY_GRACE_SECONDS) * 1000);
  const signal = options.signal === undefined ? expiry : AbortSignal.any([options.signal, expiry]);
  try {
    return tokens(await client.pollDeviceAuthorizationGrant(config, authorization, resourceParameters(audience), { signal }));
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (expiry.aborted) throw new UnauthenticatedError('the code expired before it was approved; run `parallax login` again');
    throw idpError(err, issuer);
  }
}

/** A new access token for the same login, from its refresh token. */
export async function refreshLogin(options: RefreshLoginOptions): Promise<LoginTokens> {
  const config = await configure(options.issuer, options.clientId);
  try {
    const response = await client.refreshTokenGrant(config, options.refreshToken, resourceParameters(options.audience));
    return tokens(response, options.refreshToken);
  } catch (err) {
    throw idpError(err, options.issuer);
  }
}
