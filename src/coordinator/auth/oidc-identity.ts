import type { JWTPayload } from 'jose';
import { UnauthenticatedError } from '../../common/errors.js';
import { ADMIN_ROLE, CLUSTER_WIDE, type OidcSettings } from './oidc-settings.js';

export interface OidcGrant {
  tenant: string;
  role: string;
}

/** Who a verified token names, and what their groups at the IdP grant them. */
export interface OidcIdentity {
  user: string;
  grants: OidcGrant[];
  /** When the token expires, in milliseconds since the epoch like every time in Parallax. */
  expiresAt: number;
  /** How the user authenticated (RFC 8176 values such as pwd, otp, mfa); empty when the token does not say. */
  amr: string[];
}

function stringList(claims: JWTPayload, claim: string): string[] | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  // Some IdPs send a one-element list as a plain string.
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new UnauthenticatedError(`token claim "${claim}" is not a list of strings`);
}

/** Maps the claims of a token whose signature, issuer, audience and times have been checked. */
export function identityFromClaims(claims: JWTPayload, settings: OidcSettings): OidcIdentity {
  const user = claims[settings.userClaim];
  if (typeof user !== 'string' || user === '') {
    throw new UnauthenticatedError(
      `token has no "${settings.userClaim}" claim to name the user: have the IdP put it in access tokens, or set oidc.userClaim to a claim they carry (such as sub)`,
    );
  }
  const groups = new Set(stringList(claims, settings.groupsClaim) ?? []);
  const amr = stringList(claims, 'amr') ?? [];
  const grants: OidcGrant[] = [];
  for (const { group, tenant, role } of settings.groups) {
    if (!groups.has(group)) continue;
    const clusterAdmin = tenant === CLUSTER_WIDE && role === ADMIN_ROLE;
    if (clusterAdmin && settings.adminAmr !== undefined && !amr.includes(settings.adminAmr)) continue;
    if (grants.some((g) => g.tenant === tenant && g.role === role)) continue;
    grants.push({ tenant, role });
  }
  return { user, grants, expiresAt: (claims.exp ?? 0) * 1000, amr };
}
