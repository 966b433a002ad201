import type { ConfigFile, Env, Target, TargetFlags } from './config.js';

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
  const now = options.now ?? Date.now();
  const expiring = credentials.expiresAt !== undefined && credentials.expiresAt - REFRESH_MARGIN_MS <= now;
  if (credentials.kind === 'oidc' && expiring && credentials.refreshToken !== undefined && credentials.issuer !== undefined && credentials.clientId !== undefined) {
    const { refreshLogin } = await import('./device-login.js');
    const fresh = await refreshLogin({
      issuer: credentials.issuer,
      clientId: credentials.clientId,
      refreshToken: credentials.refreshToken,
      audience: credentials.audience ?? '',
    });
    const next = {
      ...credentials,
      accessToken: fresh.accessToken,
      ...(fresh.refreshToken !== undefined ? { refreshToken: fresh.refreshToken } : {}),
      ...(fresh.expiresAt !== undefined ? { expiresAt: fresh.expiresAt } : {}),
    };
    await store.set(name, next);
    return { token: next.accessToken, from, profile: name, where: store.description };
  }
  return { token: credentials.accessToken, from, profile: name, where: store.description };
}
