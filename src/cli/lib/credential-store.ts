import { BugError, InvalidArgumentError } from '../../common/errors.js';

/** What `parallax login` keeps for a profile, in the OS keychain or the credentials file. */
export interface StoredCredentials {
  /** an API token (login --with-token) or an OIDC login */
  kind: 'token' | 'oidc';
  accessToken: string;
  refreshToken?: string;
  /** ms since the epoch when the access token expires, when known */
  expiresAt?: number;
  /** the OIDC issuer, client id and audience, to refresh the access token */
  issuer?: string;
  clientId?: string;
  audience?: string;
}

/** Where the CLI keeps credentials, by profile name. */
export interface CredentialStore {
  readonly where: 'keychain' | 'file';
  /** for messages: "the OS keychain (Secret Service)" or the file's path */
  readonly description: string;
  get(profile: string): Promise<StoredCredentials | undefined>;
  set(profile: string, credentials: StoredCredentials): Promise<void>;
  /** whether there was anything to delete */
  delete(profile: string): Promise<boolean>;
}

const OPTIONAL_STRINGS = ['refreshToken', 'issuer', 'clientId', 'audience'] as const;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The credentials in `value`, or why they are not valid. The reason names fields only, never their values: they
 * are secrets, and the reason ends up in error messages.
 */
export function parseStoredCredentials(value: unknown): StoredCredentials | string {
  if (!isRecord(value)) return 'not a JSON object';
  const { kind, accessToken, expiresAt } = value;
  if (kind !== 'token' && kind !== 'oidc') return '"kind" is not "token" or "oidc"';
  if (typeof accessToken !== 'string' || accessToken === '') return '"accessToken" is not a non-empty string';
  const credentials: StoredCredentials = { kind, accessToken };
  for (const field of OPTIONAL_STRINGS) {
    const text = value[field];
    if (text === undefined) continue;
    if (typeof text !== 'string') return `"${field}" is not a string`;
    credentials[field] = text;
  }
  if (expiresAt !== undefined) {
    if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return '"expiresAt" is not a number';
    credentials.expiresAt = expiresAt;
  }
  return credentials;
}

/** An empty name would reach the keychain as no account at all. */
export function checkProfileName(profile: string): void {
  if (profile === '') throw new InvalidArgumentError('the profile name is empty', { field: 'profile' });
}

/** Checks what a caller is about to store, so that nothing is written that could not be read back. */
export function checkedCredentials(profile: string, credentials: StoredCredentials): StoredCredentials {
  checkProfileName(profile);
  const checked = parseStoredCredentials(credentials);
  if (typeof checked === 'string') {
    throw new BugError(`the credentials to store for profile "${profile}" are not valid (${checked})`);
  }
  return checked;
}

/** Parses JSON without ever quoting it: Node's SyntaxError messages include a piece of the text, here a secret. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
