import { FailedPreconditionError } from '../../common/errors.js';
import {
  checkedCredentials,
  checkProfileName,
  type CredentialStore,
  parseJson,
  parseStoredCredentials,
  type StoredCredentials,
} from './credential-store.js';
import { deleteFromCredentialsFile, readFromCredentialsFile } from './credentials-file.js';
import { KEYCHAIN_DESCRIPTION, KEYCHAIN_SERVICE, keychainFailed, type Keytar } from './keychain.js';

/**
 * Credentials in the OS keychain: service "parallax", the profile as the account, the JSON of the credentials as the
 * secret. The credentials file is a second place to look: a profile logged in before this machine had a working
 * keychain stays logged in.
 */
export class KeychainCredentialStore implements CredentialStore {
  readonly where = 'keychain';
  readonly description = KEYCHAIN_DESCRIPTION;

  constructor(
    private readonly keytar: Keytar,
    private readonly filePath: string,
  ) {}

  async get(profile: string): Promise<StoredCredentials | undefined> {
    checkProfileName(profile);
    const text = await this.call(() => this.keytar.getPassword(KEYCHAIN_SERVICE, profile));
    if (text === null) return readFromCredentialsFile(this.filePath, profile);
    const parsed = parseJson(text);
    const credentials = parsed.ok ? parseStoredCredentials(parsed.value) : 'not JSON';
    if (typeof credentials === 'string') {
      throw new FailedPreconditionError(
        `the credentials of profile "${profile}" in ${this.description} (service "${KEYCHAIN_SERVICE}", ` +
          `account "${profile}") are not valid (${credentials}): log in again to replace them`,
        { field: 'credentials' },
      );
    }
    return credentials;
  }

  async set(profile: string, credentials: StoredCredentials): Promise<void> {
    const checked = checkedCredentials(profile, credentials);
    await this.call(() => this.keytar.setPassword(KEYCHAIN_SERVICE, profile, JSON.stringify(checked)));
    // An older copy in the file would be a stale secret left on disk.
    deleteFromCredentialsFile(this.filePath, profile);
  }

  async delete(profile: string): Promise<boolean> {
    checkProfileName(profile);
    const fromKeychain = await this.call(() => this.keytar.deletePassword(KEYCHAIN_SERVICE, profile));
    const fromFile = deleteFromCredentialsFile(this.filePath, profile);
    return fromKeychain || fromFile;
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      throw keychainFailed(err);
    }
  }
}
