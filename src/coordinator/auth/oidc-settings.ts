import { InvalidArgumentError } from '../../common/errors.js';
import { issuerUrl } from '../../common/issuer-url.js';
import { NAME_PATTERN } from '../../common/names.js';
import { closest } from '../../common/closest.js';

/** What a group at the IdP grants: a role in one tenant, or in every tenant with tenant '*'. */
export interface GroupGrant {
  group: string;
  tenant: string;
  role: string;
}

/** How the coordinator trusts an OpenID provider: the `oidc` section of its config. */
export interface OidcSettings {
  /** Compared with each token's `iss` exactly, so it is kept as written. https, or http on a loopback host. */
  issuer: string;
  /** The CLI's public client at the IdP; the coordinator only tells it to the CLI for `parallax login`. */
  clientId: string;
  /** What an access token's `aud` must hold. */
  audience: string;
  /**
   * The claim that names the user. There is no fallback to `sub` when it is missing: a person would then appear under
   * two names, depending on which of their tokens carried the claim. A token without it is refused, saying which claim
   * to configure instead.
   */
  userClaim: string;
  groupsClaim: string;
  groups: GroupGrant[];
  /** When set, a cluster-wide admin grant (tenant '*', role 'admin') counts only if the token's `amr` holds it. */
  adminAmr?: string;
  clockSkewSeconds: number;
}

export const CLUSTER_WIDE = '*';
export const ADMIN_ROLE = 'admin';
const MAX_CLOCK_SKEW_SECONDS = 300;

const FIELDS = ['issuer', 'clientId', 'audience', 'userClaim', 'groupsClaim', 'groups', 'adminAmr', 'clockSkewSeconds'];
const GROUP_FIELDS = ['group', 'tenant', 'role'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the `oidc` section of a coordinator's config (YAML or JSON, already parsed). `source` names where it came
 * from (a file), so a mistake is reported with the place and the field to fix.
 */
export function parseOidcSettings(raw: unknown, source: string): OidcSettings {
  const fail = (field: string, why: string): never => {
    throw new InvalidArgumentError(`${source}: oidc.${field} ${why}`, { field: `oidc.${field}` });
  };
  const text = (record: Record<string, unknown>, key: string, path: string, fallback?: string): string => {
    const value = record[key];
    if (value === undefined && fallback !== undefined) return fallback;
    if (typeof value !== 'string' || value.trim() === '') return fail(path, 'is required: a non-empty string');
    return value;
  };
  if (!isRecord(raw)) {
    throw new InvalidArgumentError(`${source}: oidc must be a mapping with issuer, clientId and audience`, { field: 'oidc' });
  }
  for (const key of Object.keys(raw)) {
    if (FIELDS.includes(key)) continue;
    const meant = closest(key, FIELDS);
    fail(key, `is not a setting${meant === undefined ? '' : ` (did you mean ${meant}?)`}: expected one of ${FIELDS.join(', ')}`);
  }

  const issuer = text(raw, 'issuer', 'issuer');
  try {
    issuerUrl(issuer, 'oidc.issuer');
  } catch (err) {
    throw new InvalidArgumentError(`${source}: ${(err as Error).message}`, { field: 'oidc.issuer' });
  }

  const groups: GroupGrant[] = [];
  const rawGroups = raw.groups ?? [];
  if (!Array.isArray(rawGroups)) fail('groups', 'must be a list of { group, tenant, role }');
  (rawGroups as unknown[]).forEach((entry, i) => {
    const path = `groups[${i}]`;
    if (!isRecord(entry)) return fail(path, 'must be a mapping { group, tenant, role }');
    for (const key of Object.keys(entry)) {
      if (!GROUP_FIELDS.includes(key)) fail(`${path}.${key}`, `is not a setting: expected group, tenant and role`);
    }
    const tenant = text(entry, 'tenant', `${path}.tenant`);
    if (tenant !== CLUSTER_WIDE && !NAME_PATTERN.test(tenant)) {
      fail(`${path}.tenant`, `"${tenant}" is not a tenant name: use a tenant's name, or "*" for every tenant`);
    }
    const role = text(entry, 'role', `${path}.role`);
    if (!NAME_PATTERN.test(role)) fail(`${path}.role`, `"${role}" is not a role name, such as admin`);
    groups.push({ group: text(entry, 'group', `${path}.group`), tenant, role });
  });

  const skew = raw.clockSkewSeconds ?? 30;
  if (typeof skew !== 'number' || !Number.isInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) {
    fail('clockSkewSeconds', `must be a whole number of seconds from 0 to ${MAX_CLOCK_SKEW_SECONDS}`);
  }

  const settings: OidcSettings = {
    issuer,
    clientId: text(raw, 'clientId', 'clientId'),
    audience: text(raw, 'audience', 'audience'),
    userClaim: text(raw, 'userClaim', 'userClaim', 'preferred_username'),
    groupsClaim: text(raw, 'groupsClaim', 'groupsClaim', 'groups'),
    groups,
    clockSkewSeconds: skew as number,
  };
  if (raw.adminAmr !== undefined) settings.adminAmr = text(raw, 'adminAmr', 'adminAmr');
  return settings;
}
