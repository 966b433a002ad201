import { closeSync, fstatSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FailedPreconditionError } from '../../common/errors.js';
import {
  checkedCredentials,
  checkProfileName,
  type CredentialStore,
  isRecord,
  parseJson,
  parseStoredCredentials,
  type StoredCredentials,
} from './credential-store.js';
import { writePrivateFile } from './private-file.js';

type Profiles = Record<string, StoredCredentials>;

export function credentialsPath(configDir: string): string {
  return join(configDir, 'credentials.json');
}

function invalid(path: string, why: string): FailedPreconditionError {
  return new FailedPreconditionError(
    `${path} is not a valid Parallax credentials file (${why}): fix it, or delete it and log in again`,
    { field: 'credentials' },
  );
}

/**
 * A file that others can read or change is refused, not tightened: its tokens may already have been read, which the
 * person should know (to revoke them), and someone who could change it could have pointed a profile at an issuer of
 * their own to collect its refresh token. ssh treats private keys the same way.
 */
function checkPrivate(path: string, mode: number): void {
  if (process.platform === 'win32' || (mode & 0o077) === 0) return;
  const octal = (mode & 0o777).toString(8).padStart(3, '0');
  throw new FailedPreconditionError(
    `${path} can be read or changed by other users (mode ${octal}): run "chmod 600 ${path}", ` +
      'and log in again if someone else may have read it',
    { field: 'credentials' },
  );
}

/** The profiles in the file, or undefined when there is no file. */
function readProfiles(path: string): Profiles | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let text: string;
  try {
    // The mode of the file that is read, not of whatever is at that path a moment before or after.
    checkPrivate(path, fstatSync(fd).mode);
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw invalid(path, 'not JSON');
  if (!isRecord(parsed.value)) throw invalid(path, 'not a JSON object');
  const { profiles = {} } = parsed.value;
  if (!isRecord(profiles)) throw invalid(path, '"profiles" is not an object');
  // Without a prototype, a profile named like a property of Object ("constructor", "__proto__") is just a name.
  const out: Profiles = Object.create(null) as Profiles;
  for (const [name, raw] of Object.entries(profiles)) {
    const credentials = parseStoredCredentials(raw);
    if (typeof credentials === 'string') throw invalid(path, `profile "${name}": ${credentials}`);
    out[name] = credentials;
  }
  return out;
}

function writeProfiles(path: string, profiles: Profiles): void {
  // No file rather than an empty one: after the last logout nothing is left, and the next login says again where
  // its credentials go.
  if (Object.keys(profiles).length === 0) rmSync(path, { force: true });
  else writePrivateFile(path, JSON.stringify({ profiles }, null, 2) + '\n');
}

/** The credentials of a profile in the file at `path`, if any. */
export function readFromCredentialsFile(path: string, profile: string): StoredCredentials | undefined {
  checkProfileName(profile);
  const profiles = readProfiles(path);
  return profiles !== undefined && Object.hasOwn(profiles, profile) ? profiles[profile] : undefined;
}

/** Removes a profile from the file at `path`; whether it was there. */
export function deleteFromCredentialsFile(path: string, profile: string): boolean {
  checkProfileName(profile);
  const profiles = readProfiles(path);
  if (profiles === undefined || !Object.hasOwn(profiles, profile)) return false;
  writeProfiles(path, Object.fromEntries(Object.entries(profiles).filter(([name]) => name !== profile)));
  return true;
}

/** Credentials in `<configDir>/credentials.json`, 0600, for machines without a usable OS keychain. */
export class FileCredentialStore implements CredentialStore {
  readonly where = 'file';
  readonly description: string;

  /** `whyNoKeychain` is the short reason the warning gives when the file is first created. */
  constructor(
    readonly path: string,
    private readonly whyNoKeychain: string,
    private readonly warn: (message: string) => void,
  ) {
    this.description = path;
  }

  async get(profile: string): Promise<StoredCredentials | undefined> {
    return readFromCredentialsFile(this.path, profile);
  }

  async set(profile: string, credentials: StoredCredentials): Promise<void> {
    const checked = checkedCredentials(profile, credentials);
    const existing = readProfiles(this.path);
    writeProfiles(this.path, { ...existing, [profile]: checked });
    if (existing === undefined) {
      this.warn(
        `No OS keychain is available (${this.whyNoKeychain}); credentials are stored in ${this.path}, readable only by you.`,
      );
    }
  }

  async delete(profile: string): Promise<boolean> {
    return deleteFromCredentialsFile(this.path, profile);
  }
}
