import { InvalidArgumentError } from './errors.js';

/** The hosts that never leave the machine, as URL.hostname spells them. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Checks an OpenID issuer. Tokens and the keys that sign them travel over this URL, so it must be https; plain http
 * is accepted only for an issuer on this machine (a test or development IdP), where no one else can read it.
 */
export function issuerUrl(value: string, field: string): URL {
  const url = URL.parse(value);
  if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InvalidArgumentError(`${field} "${value}" is not a URL: expected the IdP's issuer, such as https://idp.example.com`, {
      field,
    });
  }
  if (url.protocol === 'http:' && !isLoopbackUrl(url)) {
    throw new InvalidArgumentError(
      `${field} "${value}" must use https: plain http is accepted only for 127.0.0.1, ::1 or localhost`,
      { field },
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new InvalidArgumentError(`${field} "${value}" must not have a query, a fragment or credentials`, { field });
  }
  return url;
}
