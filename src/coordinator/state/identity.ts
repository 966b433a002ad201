import { AlreadyExistsError, FailedPreconditionError, InvalidArgumentError, NotFoundError } from '../../common/errors.js';
import { BUILT_IN_ROLES, type RoleDefinition, validateRoleDefinition } from '../auth/rbac.js';
import {
  BOOTSTRAPPED_KEY,
  countersKey,
  rolesKey,
  tenantPrefix,
  tenantRecordKey,
  tokenKey,
  tokensKey,
  userKey,
} from '../storage/keys.js';
import {
  CLUSTER_WIDE,
  type Grant,
  type TenantQuotas,
  type TenantRecord,
  type TenantRetention,
  type TenantRoles,
  type TenantTokens,
  type TokenRecord,
  type UserRecord,
} from './identity-records.js';
import type { TenantCounters } from './records.js';
import type { Tx } from './tx.js';

/** The tenant every cluster starts with: where requests go that name none. */
export const DEFAULT_TENANT = 'default';

export async function getTenant(tx: Tx, name: string): Promise<TenantRecord> {
  const tenant = await tx.getJson<TenantRecord>(tenantRecordKey(name));
  if (tenant === undefined) throw new NotFoundError(`tenant "${name}" not found`, { field: 'tenant' });
  return tenant;
}

/** The roles that can be held in `tenant`: the built-in ones and the tenant's own. */
export async function roleLookup(tx: Pick<Tx, 'getJson'>, tenant: string): Promise<(name: string) => RoleDefinition | undefined> {
  const custom = tenant === CLUSTER_WIDE ? {} : ((await tx.getJson<TenantRoles>(rolesKey(tenant))) ?? {});
  return (name) => BUILT_IN_ROLES[name] ?? custom[name];
}

async function checkGrant(tx: Tx, grant: Grant): Promise<void> {
  if (grant.tenant !== CLUSTER_WIDE) await getTenant(tx, grant.tenant);
  const lookup = await roleLookup(tx, grant.tenant);
  if (lookup(grant.role) === undefined) {
    throw new NotFoundError(`role "${grant.role}" not found in tenant "${grant.tenant}"`, { field: 'role' });
  }
}

export async function bootstrap(tx: Tx, hash: string, now: number): Promise<{ created: boolean }> {
  if ((await tx.get(BOOTSTRAPPED_KEY)) !== undefined) return { created: false };
  const token: TokenRecord = { hash, name: 'bootstrap', tenant: CLUSTER_WIDE, role: 'admin', createdAt: now, createdBy: 'parallax-coordinator init', expiresAt: null };
  tx.putJson(tokenKey(hash), token);
  tx.putJson(tokensKey(CLUSTER_WIDE), { [token.name]: { hash } } satisfies TenantTokens);
  if ((await tx.get(tenantRecordKey(DEFAULT_TENANT))) === undefined) {
    tx.putJson(tenantRecordKey(DEFAULT_TENANT), { name: DEFAULT_TENANT, createdAt: now, createdBy: 'parallax-coordinator init', quotas: {} } satisfies TenantRecord);
  }
  tx.putJson(BOOTSTRAPPED_KEY, { at: now });
  return { created: true };
}

export async function createTenant(tx: Tx, name: string, quotas: TenantQuotas, retention: TenantRetention, by: string, now: number): Promise<TenantRecord> {
  if ((await tx.get(tenantRecordKey(name))) !== undefined) throw new AlreadyExistsError(`tenant "${name}" already exists`, { field: 'name' });
  const tenant: TenantRecord = { name, createdAt: now, createdBy: by, quotas, ...(Object.keys(retention).length > 0 ? { retention } : {}) };
  tx.putJson(tenantRecordKey(name), tenant);
  return tenant;
}

/** `current` with the values `changes` gives set, those it gives as null removed, and the rest as they were. */
function merged<T extends object>(current: T, changes: Partial<Record<keyof T, number | null | undefined>>): T {
  const given = Object.entries(changes).filter(([, value]) => value !== undefined);
  const untouched = Object.entries(current).filter(([key]) => !given.some(([changed]) => changed === key));
  return Object.fromEntries([...untouched, ...given.filter(([, value]) => value !== null)]) as T;
}

/** The limits and defaults to set; one given as null is removed. */
export async function updateTenant(
  tx: Tx,
  name: string,
  quotas: Record<keyof TenantQuotas, number | null | undefined>,
  retention: Partial<Record<keyof TenantRetention, number | null | undefined>> = {},
): Promise<TenantRecord> {
  const tenant = await getTenant(tx, name);
  const next: TenantRecord = { ...tenant, quotas: merged(tenant.quotas, quotas) };
  const kept = merged(tenant.retention ?? {}, retention);
  if (Object.keys(kept).length > 0) next.retention = kept;
  else delete next.retention;
  tx.putJson(tenantRecordKey(name), next);
  return next;
}

/**
 * Deletes a tenant. It must hold no schedules unless `force`, and no active runs even then (their agents would be
 * left reporting into nothing): with force, everything the tenant stores goes with it, its tokens revoked.
 */
export async function deleteTenant(tx: Tx, name: string, force: boolean): Promise<void> {
  await getTenant(tx, name);
  if (name === DEFAULT_TENANT) throw new FailedPreconditionError(`tenant "${DEFAULT_TENANT}" cannot be deleted`, { field: 'name' });
  const counters = (await tx.getJson<TenantCounters>(countersKey(name))) ?? { schedules: 0, runs: 0, runsActive: 0 };
  if (counters.schedules > 0 && !force) {
    throw new FailedPreconditionError(`tenant "${name}" holds ${counters.schedules} schedule(s): delete them first, or pass --force to delete them with it`, { field: 'name' });
  }
  if (counters.runsActive > 0) {
    const runs = counters.runsActive === 1 ? 'a run that has not ended' : `${counters.runsActive} runs that have not ended`;
    throw new FailedPreconditionError(
      `tenant "${name}" has ${runs}: cancel ${counters.runsActive === 1 ? 'it' : 'them'} first (parallax run list --tenant ${name} --state queued,leased,running)`,
      { field: 'name' },
    );
  }
  const tokens = (await tx.getJson<TenantTokens>(tokensKey(name))) ?? {};
  for (const { hash } of Object.values(tokens)) tx.del(tokenKey(hash));
  for (const key of await tx.keys(tenantPrefix(name))) tx.del(key);
  tx.del(tenantRecordKey(name));
}

export async function grantRole(tx: Tx, user: string, grant: Grant, now: number): Promise<UserRecord> {
  await checkGrant(tx, grant);
  const current = await tx.getJson<UserRecord>(userKey(user));
  const record: UserRecord = current ?? { name: user, grants: [], createdAt: now, updatedAt: now };
  if (record.grants.some((g) => g.tenant === grant.tenant && g.role === grant.role)) return record;
  const next: UserRecord = { ...record, grants: [...record.grants, grant], updatedAt: now };
  tx.putJson(userKey(user), next);
  return next;
}

export async function revokeRole(tx: Tx, user: string, grant: Grant, now: number): Promise<UserRecord> {
  const current = await tx.getJson<UserRecord>(userKey(user));
  if (current === undefined) throw new NotFoundError(`user "${user}" not found`, { field: 'user' });
  const grants = current.grants.filter((g) => !(g.tenant === grant.tenant && g.role === grant.role));
  if (grants.length === current.grants.length) {
    throw new NotFoundError(`user "${user}" does not hold role "${grant.role}" in tenant "${grant.tenant}"`, { field: 'role' });
  }
  const next: UserRecord = { ...current, grants, updatedAt: now };
  tx.putJson(userKey(user), next);
  return next;
}

export async function createRole(tx: Tx, tenant: string, role: TenantRoles[string]): Promise<TenantRoles[string]> {
  await getTenant(tx, tenant);
  const roles = (await tx.getJson<TenantRoles>(rolesKey(tenant))) ?? {};
  if (roles[role.name] !== undefined) throw new AlreadyExistsError(`role "${role.name}" already exists in tenant "${tenant}"`, { field: 'name' });
  validateRoleDefinition(role, await roleLookup(tx, tenant));
  tx.putJson(rolesKey(tenant), { ...roles, [role.name]: role });
  return role;
}

export async function deleteRole(tx: Tx, tenant: string, name: string): Promise<void> {
  const roles = (await tx.getJson<TenantRoles>(rolesKey(tenant))) ?? {};
  if (roles[name] === undefined) {
    throw BUILT_IN_ROLES[name] !== undefined
      ? new InvalidArgumentError(`role "${name}" is built in and cannot be deleted`, { field: 'name' })
      : new NotFoundError(`role "${name}" not found in tenant "${tenant}"`, { field: 'name' });
  }
  const heirs = Object.values(roles).filter((r) => r.inherits.includes(name)).map((r) => `"${r.name}"`);
  if (heirs.length > 0) throw new FailedPreconditionError(`role "${name}" is inherited by ${heirs.join(', ')}: change those first`, { field: 'name' });
  tx.putJson(rolesKey(tenant), Object.fromEntries(Object.entries(roles).filter(([role]) => role !== name)));
}

export async function createToken(tx: Tx, token: TokenRecord): Promise<TokenRecord> {
  await checkGrant(tx, { tenant: token.tenant, role: token.role });
  const tokens = (await tx.getJson<TenantTokens>(tokensKey(token.tenant))) ?? {};
  if (tokens[token.name] !== undefined) throw new AlreadyExistsError(`token "${token.name}" already exists in tenant "${token.tenant}"`, { field: 'name' });
  tx.putJson(tokenKey(token.hash), token);
  tx.putJson(tokensKey(token.tenant), { ...tokens, [token.name]: { hash: token.hash } });
  return token;
}

/** Revokes a token: it is kept (listed as revoked) so its name is not reused by mistake and the record tells when. */
export async function revokeToken(tx: Tx, tenant: string, name: string, by: string, now: number): Promise<TokenRecord> {
  const tokens = (await tx.getJson<TenantTokens>(tokensKey(tenant))) ?? {};
  const entry = tokens[name];
  const token = entry === undefined ? undefined : await tx.getJson<TokenRecord>(tokenKey(entry.hash));
  if (token === undefined) throw new NotFoundError(`token "${name}" not found in tenant "${tenant}"`, { field: 'name' });
  if (token.revokedAt !== undefined) return token;
  const next: TokenRecord = { ...token, revokedAt: now, revokedBy: by };
  tx.putJson(tokenKey(token.hash), next);
  return next;
}
