import { decodeJwt, decodeProtectedHeader, errors as joseErrors, type JWTPayload, jwtVerify } from 'jose';
import { isParallaxError, UnauthenticatedError } from '../../common/errors.js';
import { IssuerKeys } from './issuer-keys.js';
import { identityFromClaims, type OidcIdentity } from './oidc-identity.js';
import type { OidcSettings } from './oidc-settings.js';

export type { OidcGrant, OidcIdentity } from './oidc-identity.js';
export { type GroupGrant, type OidcSettings, parseOidcSettings } from './oidc-settings.js';

/**
 * Only signatures made with the IdP's private key: never `none`, and never HS*, whose key would be a secret shared
 * with every party that verifies, and which a public key must never be mistaken for.
 */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface OidcVerifierOptions {
  /** The clock, in milliseconds since the epoch. */
  now?: () => number;
  fetch?: typeof fetch;
  /** After a failed discovery or key fetch, how long requests fail at once before the IdP is asked again. */
  retryAfterFailureMs?: number;
  /** The least time between two key fetches caused by tokens naming a key id the coordinator does not hold. */
  jwksCooldownMs?: number;
  /** How long one request to the IdP may take. */
  timeoutMs?: number;
}

/** A claim value from an unverified token, fit for a message: quoted, one line, and short. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);
}

function isoTime(seconds: unknown): string {
  return typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : shown(seconds);
}

/**
 * Verifies the bearer tokens people present: JWTs signed by the configured OpenID provider, for the configured
 * audience, within their lifetime give or take the clock skew. Every refusal is an UnauthenticatedError saying what
 * is wrong with the token (never the token itself); an IdP that cannot be reached is an UnavailableError, since
 * the token may well be good.
 */
export class OidcVerifier {
  readonly #settings: OidcSettings;
  readonly #now: () => number;
  readonly #keys: IssuerKeys;

  constructor(settings: OidcSettings, options: OidcVerifierOptions = {}) {
    this.#settings = settings;
    this.#now = options.now ?? Date.now;
    this.#keys = new IssuerKeys(settings.issuer, {
      now: this.#now,
      fetch: options.fetch ?? fetch,
      retryAfterFailureMs: options.retryAfterFailureMs ?? 5_000,
      jwksCooldownMs: options.jwksCooldownMs ?? 30_000,
      timeoutMs: options.timeoutMs ?? 5_000,
    });
  }

  async verify(token: string): Promise<OidcIdentity> {
    const { issuer, audience, clockSkewSeconds } = this.#settings;
    let alg: unknown;
    let unverified: JWTPayload;
    try {
      alg = decodeProtectedHeader(token).alg;
      unverified = decodeJwt(token);
    } catch {
      throw new UnauthenticatedError('token is not a signed JWT: log in again with `parallax login`');
    }
    // Checked before any key is looked up, so a token that could never pass costs no request to the IdP.
    if (typeof alg !== 'string' || !ALLOWED_ALGORITHMS.includes(alg)) {
      throw new UnauthenticatedError(
        `token algorithm ${typeof alg === 'string' ? alg : shown(alg)} is not allowed: only ${ALLOWED_ALGORITHMS.join(', ')}`,
      );
    }
    if (unverified.iss !== issuer) {
      throw new UnauthenticatedError(
        unverified.iss === undefined
          ? `token has no issuer; the configured issuer is "${issuer}"`
          : `token issuer ${shown(unverified.iss)} is not the configured issuer "${issuer}"`,
      );
    }
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.#keys.getKey, {
        algorithms: ALLOWED_ALGORITHMS,
        issuer,
        audience,
        clockTolerance: clockSkewSeconds,
        currentDate: new Date(this.#now()),
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      throw this.#refusal(err, unverified);
    }
    return identityFromClaims(claims, this.#settings);
  }

  #refusal(err: unknown, claims: JWTPayload): Error {
    if (isParallaxError(err)) return err;
    if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) {
      return new UnauthenticatedError("token signature does not verify against the issuer's keys");
    }
    if (err instanceof joseErrors.JWTExpired) {
      return new UnauthenticatedError(`token expired at ${isoTime(claims.exp)}: log in again with \`parallax login\``);
    }
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      const { audience } = this.#settings;
      if (err.reason === 'missing') return new UnauthenticatedError(`token has no "${err.claim}" claim`);
      switch (err.claim) {
        case 'aud': {
          const aud = Array.isArray(claims.aud) ? claims.aud.map(shown).join(', ') : shown(claims.aud);
          return new UnauthenticatedError(`token is for audience ${aud}, not "${audience}"`);
        }
        case 'nbf':
          return new UnauthenticatedError(`token is not valid before ${isoTime(claims.nbf)}`);
        default:
          return new UnauthenticatedError(`token claim "${err.claim}" is not valid (${err.reason})`);
      }
    }
    if (err instanceof joseErrors.JOSENotSupported || err instanceof joseErrors.JOSEAlgNotAllowed) {
      return new UnauthenticatedError(`token cannot be verified: ${err.message}`);
    }
    if (err instanceof joseErrors.JOSEError) {
      return new UnauthenticatedError(`token is not a valid JWT: ${err.message}`);
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}
