/** What the FSM stores about who may do what: tenants, users, custom roles, API tokens (see storage/keys.ts). */

/** Limits of a tenant, enforced by the FSM; absent: no limit. */
export interface TenantQuotas {
  maxSchedules?: number;
  maxRunning?: number;
  maxOutputBytes?: number;
}

/** What a schedule of the tenant keeps when it is created without --keep / --keep-for; absent: the built-in defaults. */
export interface TenantRetention {
  keep?: number;
  keepForMs?: number;
}

export interface TenantRecord {
  name: string;
  createdAt: number;
  createdBy: string;
  quotas: TenantQuotas;
  retention?: TenantRetention;
}

/** A role held in a tenant, or in every tenant and over the cluster itself when `tenant` is CLUSTER_WIDE. */
export interface Grant {
  tenant: string;
  role: string;
}

export const CLUSTER_WIDE = '*';

/** A person known to the cluster by the grants given to them by name (an identity provider's groups add more). */
export interface UserRecord {
  name: string;
  grants: Grant[];
  createdAt: number;
  updatedAt: number;
}

export interface RoleRecord {
  name: string;
  inherits: string[];
  allow: string[];
  deny: string[];
  createdAt: number;
  createdBy: string;
}

/** A tenant's custom roles, one record per tenant so a change sees all of them at once (cycles, inheritance). */
export type TenantRoles = Record<string, RoleRecord>;

/**
 * An API token. Only the SHA-256 of the secret is kept: the token itself is shown once, when it is made. A token of
 * 256 random bits needs no slow hash, since no dictionary can guess it.
 */
export interface TokenRecord {
  hash: string;
  name: string;
  tenant: string;
  role: string;
  createdAt: number;
  createdBy: string;
  /** null: never expires (the bootstrap token, until revoked) */
  expiresAt: number | null;
  revokedAt?: number;
  revokedBy?: string;
}

/** A tenant's tokens by name, so one can be listed and revoked by its name. */
export type TenantTokens = Record<string, { hash: string }>;
