import { InvalidArgumentError } from '../../common/errors.js';
import type { CredentialStore } from './credential-store.js';
import { credentialsPath, FileCredentialStore } from './credentials-file.js';
import { KeychainCredentialStore } from './credentials-keychain.js';
import { keychain } from './keychain.js';

export type { CredentialStore, StoredCredentials } from './credential-store.js';

export interface OpenCredentialStoreOptions {
  /** the CLI's config dir (configDir() of config.ts); the credentials file goes there when there is no keychain */
  configDir: string;
  /** read for PARALLAX_KEYCHAIN only; process.env when not given */
  env?: Record<string, string | undefined>;
  /** told once, when credentials are first written to a file instead of a keychain */
  warn: (message: string) => void;
}

/**
 * Where this process keeps credentials: the OS keychain when one works, else `<configDir>/credentials.json` (0600).
 * PARALLAX_KEYCHAIN=off skips the keychain and uses the file: for servers and CI, where no keychain is wanted and a
 * broken D-Bus would make every command wait for its timeout before falling back, and for tests, which must not
 * touch the keychain of whoever runs them.
 */
export async function openCredentialStore(options: OpenCredentialStoreOptions): Promise<CredentialStore> {
  const path = credentialsPath(options.configDir);
  const setting = (options.env ?? process.env).PARALLAX_KEYCHAIN;
  if (setting === 'off') return new FileCredentialStore(path, 'PARALLAX_KEYCHAIN=off', options.warn);
  if (setting !== undefined && setting !== '') {
    throw new InvalidArgumentError(`PARALLAX_KEYCHAIN is "${setting}": set it to "off" or leave it unset`, {
      field: 'PARALLAX_KEYCHAIN',
    });
  }
  const keytar = await keychain();
  if (typeof keytar === 'string') return new FileCredentialStore(path, keytar, options.warn);
  return new KeychainCredentialStore(keytar, path);
}
