import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { formatHostPort, parseHostPort } from '../../common/address.js';
import { InvalidArgumentError } from '../../common/errors.js';
import { writePrivateFile } from './private-file.js';

export interface Profile {
  coordinator?: string;
  insecure?: boolean;
  /** the tenant commands act in when --tenant and PARALLAX_TENANT are not given */
  tenant?: string;
}

export interface ConfigFile {
  current?: string;
  profiles: Record<string, Profile>;
}

export type Env = Record<string, string | undefined>;

/** Where profiles live: $PARALLAX_CONFIG_DIR, else ~/.config/parallax. */
export function configDir(env: Env = process.env): string {
  const dir = env.PARALLAX_CONFIG_DIR;
  return dir !== undefined && dir !== '' ? dir : join(homedir(), '.config', 'parallax');
}

export function configPath(dir: string): string {
  return join(dir, 'config.json');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(path: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`${path} is not a valid Parallax config (${why}): fix it or delete it`, {
    field: 'config',
  });
}

/** The config in `dir`; a missing file is an empty config, a malformed one an error naming the file. */
export function readConfig(dir: string): ConfigFile {
  const path = configPath(dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid(path, 'not JSON');
  }
  if (!isRecord(data)) throw invalid(path, 'not a JSON object');
  const { current, profiles = {} } = data;
  if (current !== undefined && typeof current !== 'string') throw invalid(path, '"current" is not a string');
  if (!isRecord(profiles)) throw invalid(path, '"profiles" is not an object');
  const out: ConfigFile = { profiles: {} };
  if (current !== undefined) out.current = current;
  for (const [name, raw] of Object.entries(profiles)) {
    if (!isRecord(raw)) throw invalid(path, `profile "${name}" is not an object`);
    const profile: Profile = {};
    if (raw.coordinator !== undefined) {
      if (typeof raw.coordinator !== 'string') throw invalid(path, `profile "${name}": "coordinator" is not a string`);
      profile.coordinator = raw.coordinator;
    }
    if (raw.insecure !== undefined) {
      if (typeof raw.insecure !== 'boolean') throw invalid(path, `profile "${name}": "insecure" is not true or false`);
      profile.insecure = raw.insecure;
    }
    if (raw.tenant !== undefined) {
      if (typeof raw.tenant !== 'string') throw invalid(path, `profile "${name}": "tenant" is not a string`);
      profile.tenant = raw.tenant;
    }
    out.profiles[name] = profile;
  }
  return out;
}

/** Writes the config readable by its owner only, atomically (see writePrivateFile). */
export function writeConfig(dir: string, config: ConfigFile): void {
  writePrivateFile(configPath(dir), JSON.stringify(config, null, 2) + '\n');
}

/** Adds or replaces a profile and, with makeCurrent, selects it. */
export function saveProfile(dir: string, name: string, profile: Profile, makeCurrent: boolean): ConfigFile {
  const config = readConfig(dir);
  config.profiles[name] = profile;
  if (makeCurrent) config.current = name;
  writeConfig(dir, config);
  return config;
}

export interface TargetFlags {
  coordinator?: string | undefined;
  insecure?: boolean | undefined;
  profile?: string | undefined;
}

/** The coordinator a command talks to, and where that choice came from (for messages). */
export interface Target {
  address: string;
  insecure: boolean;
  source: 'flag' | 'env' | 'profile';
  profile?: string;
}

export const NO_COORDINATOR_MESSAGE =
  'no coordinator configured: pass --coordinator HOST:PORT, set PARALLAX_ADDR, or run "parallax dev"';
export const NO_TLS_MESSAGE =
  'TLS is not available yet: pass --insecure (or use a profile that sets it) to talk plaintext gRPC';

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * --coordinator beats PARALLAX_ADDR beats the profile named by --profile / PARALLAX_PROFILE beats the current
 * profile. A profile's `insecure` only counts when its address is the one used: it describes that coordinator.
 */
export function resolveTarget(
  flags: TargetFlags,
  env: Env,
  loadConfig: () => ConfigFile,
  configFile = 'the config',
): Target {
  const insecureAsked = flags.insecure === true || truthy(env.PARALLAX_INSECURE);
  let target: Target;
  const flagAddress = nonEmpty(flags.coordinator);
  const envAddress = nonEmpty(env.PARALLAX_ADDR);
  if (flagAddress !== undefined) {
    target = { address: normalize(flagAddress, '--coordinator'), insecure: insecureAsked, source: 'flag' };
  } else if (envAddress !== undefined) {
    target = { address: normalize(envAddress, 'PARALLAX_ADDR'), insecure: insecureAsked, source: 'env' };
  } else {
    // Read only here, so a broken config file does not get in the way of an explicit address.
    const config = loadConfig();
    const named = nonEmpty(flags.profile) ?? nonEmpty(env.PARALLAX_PROFILE);
    const name = named ?? config.current;
    if (name === undefined) throw new InvalidArgumentError(NO_COORDINATOR_MESSAGE, { field: 'coordinator' });
    const profile = config.profiles[name];
    if (profile === undefined) {
      const known = Object.keys(config.profiles).sort();
      throw new InvalidArgumentError(
        `profile "${name}" is not in ${configFile}` +
          (known.length > 0 ? `: known profiles are ${known.join(', ')}` : `: ${NO_COORDINATOR_MESSAGE}`),
        { field: 'profile' },
      );
    }
    if (profile.coordinator === undefined || profile.coordinator === '') {
      throw new InvalidArgumentError(`profile "${name}" has no coordinator: ${NO_COORDINATOR_MESSAGE}`, {
        field: 'profile',
      });
    }
    target = {
      address: normalize(profile.coordinator, `coordinator of profile "${name}"`),
      insecure: insecureAsked || profile.insecure === true,
      source: 'profile',
      profile: name,
    };
  }
  if (!target.insecure) throw new InvalidArgumentError(NO_TLS_MESSAGE, { field: 'insecure' });
  return target;
}

/** HOST:PORT, or several separated by commas (the coordinators of a cluster: any of them takes any request). */
function normalize(addresses: string, field: string): string {
  return addresses
    .split(',')
    .map((address) => formatHostPort(parseHostPort(address, field)))
    .join(',');
}
