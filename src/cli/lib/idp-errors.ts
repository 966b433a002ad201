import { ClientError, ResponseBodyError } from 'openid-client';
import { InvalidArgumentError, isParallaxError, type ParallaxError, UnauthenticatedError, UnavailableError } from '../../common/errors.js';

/** openid-client's codes for a response that is not what the protocol allows: the IdP is broken or not an IdP. */
const BROKEN_RESPONSE = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_INVALID_RESPONSE', 'OAUTH_PARSE_ERROR']);

function describeNetworkError(err: TypeError): string {
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return err.message;
}

/** fetch rejects with a TypeError when the request never got an answer; openid-client's own TypeErrors carry a code. */
function isNetworkError(err: unknown): err is TypeError {
  return err instanceof TypeError && !('code' in err && typeof err.code === 'string' && err.code.startsWith('ERR_INVALID_ARG'));
}

/**
 * What went wrong talking to the IdP, as an error a person can act on: the IdP cannot be reached (try again), it
 * refused the client or the audience (the cluster's OIDC settings are wrong), or it refused the user.
 */
export function idpError(err: unknown, issuer: string): ParallaxError | Error {
  if (isParallaxError(err)) return err;
  if (isNetworkError(err)) {
    return new UnavailableError(`cannot reach the identity provider ${issuer}: ${describeNetworkError(err)}`, { cause: err });
  }
  if (err instanceof ResponseBodyError) {
    const said = err.error_description ? `${err.error}: ${err.error_description}` : err.error;
    switch (err.error) {
      case 'access_denied':
        return new UnauthenticatedError(`the login was denied at ${issuer}`, { cause: err });
      case 'expired_token':
        return new UnauthenticatedError('the code expired before it was approved; run `parallax login` again', { cause: err });
      case 'invalid_grant':
        return new UnauthenticatedError(`${issuer} no longer accepts this login (${said}); run \`parallax login\` again`, { cause: err });
      case 'invalid_client':
      case 'unauthorized_client':
        return new InvalidArgumentError(`${issuer} does not accept the client id the cluster gave (${said})`, { field: 'clientId', cause: err });
      case 'invalid_target':
        return new InvalidArgumentError(`${issuer} does not issue tokens for the cluster's audience (${said})`, { field: 'audience', cause: err });
      case 'invalid_scope':
        return new InvalidArgumentError(`${issuer} refused the scopes asked for (${said})`, { field: 'scope', cause: err });
      default:
        if (err.status >= 500) return new UnavailableError(`the identity provider ${issuer} failed (${said})`, { cause: err });
        return new UnauthenticatedError(`the identity provider ${issuer} refused the login (${said})`, { cause: err });
    }
  }
  if (err instanceof ClientError) {
    if (err.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON' && /issuer/.test(err.message)) {
      return new InvalidArgumentError(`the discovery document at ${issuer} names another issuer: use the issuer it names`, {
        field: 'issuer',
        cause: err,
      });
    }
    if (err.code === 'OAUTH_TIMEOUT') {
      return new UnavailableError(`the identity provider ${issuer} did not answer in time`, { cause: err });
    }
    if (err.code !== undefined && BROKEN_RESPONSE.has(err.code)) {
      const status = err.cause instanceof Response ? `, HTTP ${err.cause.status}` : '';
      return new UnavailableError(`the identity provider ${issuer} gave an answer that is not OpenID (${err.message}${status})`, {
        cause: err,
      });
    }
  }
  return err instanceof Error ? err : new Error(String(err));
}
