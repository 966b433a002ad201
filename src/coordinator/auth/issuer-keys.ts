import { createRemoteJWKSet, customFetch, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import { UnavailableError } from '../../common/errors.js';
import { issuerUrl } from '../../common/issuer-url.js';

export interface IssuerKeysOptions {
  /** Milliseconds since the epoch. */
  now: () => number;
  fetch: typeof fetch;
  /** How long after a failed discovery or key fetch calls fail at once, before the IdP is asked again. */
  retryAfterFailureMs: number;
  /** The least time between two key fetches that tokens with an unknown key id cause (jose's cooldown). */
  jwksCooldownMs: number;
  timeoutMs: number;
}

type KeyLike = Awaited<ReturnType<JWTVerifyGetKey>>;

/** jose's errors that mean the key set could not be fetched or read, as opposed to a token it has no key for. */
const FETCH_FAILURES = new Set([joseErrors.JOSEError.code, joseErrors.JWKSInvalid.code, joseErrors.JWKSTimeout.code]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err instanceof joseErrors.JWKSTimeout)) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return err instanceof Error ? err.message : String(err);
}

/**
 * The issuer's signing keys. Where they are is found from the issuer's discovery document on first use and kept;
 * the keys themselves are jose's remote key set, which keeps them for ten minutes and fetches them again early
 * when a token names a key it does not hold (at most once per cooldown, so tokens with made-up key ids cannot make
 * the coordinator hammer the IdP). Ten minutes is how soon a key the IdP withdraws stops being trusted; the price is
 * that an IdP down for longer than that makes logins unavailable. A failure is remembered for a while, so an IdP
 * that is down is not asked again by every request, and asked again once that while has passed.
 */
export class IssuerKeys {
  readonly #issuer: string;
  readonly #options: IssuerKeysOptions;
  #keySet: JWTVerifyGetKey | undefined;
  #discovering: Promise<JWTVerifyGetKey> | undefined;
  #failure: { error: UnavailableError; at: number } | undefined;

  constructor(issuer: string, options: IssuerKeysOptions) {
    this.#issuer = issuer;
    this.#options = options;
  }

  /** For jose's jwtVerify. Throws UnavailableError when the IdP cannot be asked. */
  readonly getKey = async (...[header, token]: Parameters<JWTVerifyGetKey>): Promise<KeyLike> => {
    const failure = this.#failure;
    if (failure !== undefined && this.#options.now() - failure.at < this.#options.retryAfterFailureMs) {
      throw failure.error;
    }
    const keySet = await this.#getKeySet();
    try {
      const key = await keySet(header, token);
      this.#failure = undefined;
      return key;
    } catch (err) {
      if (err instanceof TypeError || (err instanceof joseErrors.JOSEError && FETCH_FAILURES.has(err.code))) {
        throw this.#failed(`cannot fetch the signing keys of the identity provider ${this.#issuer}: ${describeFetchError(err, this.#options.timeoutMs)}`, err);
      }
      throw err;
    }
  };

  #getKeySet(): Promise<JWTVerifyGetKey> {
    if (this.#keySet !== undefined) return Promise.resolve(this.#keySet);
    // Concurrent first requests share one discovery.
    this.#discovering ??= this.#discover().then(
      (keySet) => {
        this.#keySet = keySet;
        this.#discovering = undefined;
        return keySet;
      },
      (err: unknown) => {
        this.#discovering = undefined;
        throw err;
      },
    );
    return this.#discovering;
  }

  async #discover(): Promise<JWTVerifyGetKey> {
    // OpenID Connect Discovery 1.0, section 4: the issuer without its trailing slash, then the well-known path.
    const url = `${this.#issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await this.#options.fetch(url, {
        headers: { accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (err) {
      throw this.#failed(`cannot reach the identity provider ${this.#issuer} (${url}): ${describeFetchError(err, this.#options.timeoutMs)}`, err);
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      throw this.#failed(`the identity provider ${this.#issuer} answered HTTP ${response.status} for ${url}`);
    }
    let document: unknown;
    try {
      document = await response.json();
    } catch (err) {
      throw this.#failed(`the identity provider ${this.#issuer} answered ${url} with something other than JSON`, err);
    }
    if (!isRecord(document) || document.issuer !== this.#issuer) {
      const named = isRecord(document) ? JSON.stringify(document.issuer) : 'none';
      throw this.#failed(
        `${url} names the issuer ${named}, not "${this.#issuer}": set oidc.issuer to exactly the issuer the IdP names`,
      );
    }
    let jwksUri: URL;
    try {
      jwksUri = issuerUrl(typeof document.jwks_uri === 'string' ? document.jwks_uri : '', 'jwks_uri');
    } catch (err) {
      throw this.#failed(`the discovery document of ${this.#issuer} has no usable jwks_uri: ${(err as Error).message}`, err);
    }
    return createRemoteJWKSet(jwksUri, {
      timeoutDuration: this.#options.timeoutMs,
      cooldownDuration: this.#options.jwksCooldownMs,
      [customFetch]: this.#options.fetch,
    });
  }

  #failed(message: string, cause?: unknown): UnavailableError {
    const error = new UnavailableError(message, cause === undefined ? undefined : { cause });
    this.#failure = { error, at: this.#options.now() };
    return error;
  }
}
