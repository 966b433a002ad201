import { join } from 'node:path';
import type { ConfigFile, Env, Target, TargetFlags } from './config.js';
import type { StoredCredentials } from './credential-store.js';

/** Where the credential of a command comes from, for `whoami` and for messages. */
export interface AuthSource {
  /** the bearer token to send (undefined: none; the coordinator answers that a login is needed) */
  token: string | undefined;
  from: 'PARALLAX_TOKEN' | 'keychain' | 'file' | 'none';
  /** the profile whose credentials these are */
  profile: string;
  /** where stored credentials live, for messages */
  where?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** The profile a login belongs to: --profile, PARALLAX_PROFILE, the current one, else "default". */
export function profileName(flags: TargetFlags, env: Env, config: () => ConfigFile): string {
  return nonEmpty(flags.profile) ?? nonEmpty(env.PARALLAX_PROFILE) ?? config().current ?? 'default';
}

/** Refresh an identity provider's access token this long before it expires, so it does not expire on the way. */
const REFRESH_MARGIN_MS = 30_000;
/** Taken while refreshing, in the config dir: one lock for every profile, since refreshes are rare and short. */
const REFRESH_LOCK = 'refresh.lock';
/**
 * How long a command waits for another one's refresh, and how old a lock must be to count as left behind: longer than
 * a refresh can take (discovery and the token request, each bounded by device-login.ts's 20 s timeout).
 */
const REFRESH_WAIT_MS = 60_000;

/**
 * The credential for a command. PARALLAX_TOKEN wins (CI). Stored credentials are used only for the coordinator of
 * their profile: a token is never sent to an address given by --coordinator or PARALLAX_ADDR that is not the
 * profile's, which might be anyone's. An expired access token is refreshed with the stored refresh token.
 */
export async function resolveAuth(options: {
  target: Target;
  flags: TargetFlags;
  env: Env;
  config: () => ConfigFile;
  configDir: string;
  warn: (message: string) => void;
  now?: number;
}): Promise<AuthSource> {
  const { target, flags, env, config } = options;
  const profile = profileName(flags, env, config);
  const fromEnv = nonEmpty(env.PARALLAX_TOKEN);
  if (fromEnv !== undefined) return { token: fromEnv, from: 'PARALLAX_TOKEN', profile };
  const stored = target.source === 'profile' ? target.profile : undefined;
  const sameAddress = stored === undefined && config().profiles[profile]?.coordinator === target.address;
  if (stored === undefined && !sameAddress) return { token: undefined, from: 'none', profile };
  const { openCredentialStore } = await import('./credentials.js');
  const store = await openCredentialStore({ configDir: options.configDir, env, warn: options.warn });
  const name = stored ?? profile;
  const credentials = await store.get(name);
  const from = store.where === 'keychain' ? 'keychain' : 'file';
  if (credentials === undefined) return { token: undefined, from: 'none', profile: name, where: store.description };
  const now = () => options.now ?? Date.now();
  if (!refreshable(credentials, now())) return { token: credentials.accessToken, from, profile: name, where: store.description };
  const { withLockFile } = await import('./lock-file.js');
  // One refresh at a time: IdPs that rotate refresh tokens take one presented twice for a stolen one and end the
  // login, so commands started together must not each refresh with the token they read.
  const token = await withLockFile(
    join(options.configDir, REFRESH_LOCK),
    async () => {
      // Read again under the lock: another command may have refreshed while this one waited, spending the refresh
      // token read above.
      const current = await store.get(name);
      if (current === undefined || !refreshable(current, now())) return current?.accessToken;
      const { refreshLogin } = await import('./device-login.js');
      const fresh = await refreshLogin({
        issuer: current.issuer,
        clientId: current.clientId,
        refreshToken: current.refreshToken,
        audience: current.audience ?? '',
      });
      await store.set(name, {
        ...current,
        accessToken: fresh.accessToken,
        ...(fresh.refreshToken !== undefined ? { refreshToken: fresh.refreshToken } : {}),
        ...(fresh.expiresAt !== undefined ? { expiresAt: fresh.expiresAt } : {}),
      });
      return fresh.accessToken;
    },
    { timeoutMs: REFRESH_WAIT_MS, staleMs: REFRESH_WAIT_MS, purpose: 'refreshing a login' },
  );
  return { token, from: token === undefined ? 'none' : from, profile: name, where: store.description };
}

type Refreshable = StoredCredentials & Required<Pick<StoredCredentials, 'refreshToken' | 'issuer' | 'clientId'>>;

/** An OIDC login whose access token expires within the margin, and that holds what a refresh needs. */
function refreshable(credentials: StoredCredentials, now: number): credentials is Refreshable {
  return (
    credentials.kind === 'oidc' &&
    credentials.expiresAt !== undefined &&
    credentials.expiresAt - REFRESH_MARGIN_MS <= now &&
    credentials.refreshToken !== undefined &&
    credentials.issuer !== undefined &&
    credentials.clientId !== undefined
  );
}
