import { NotFoundError } from '../../common/errors.js';
import { countersKey, rolesKey, TENANT_RECORD_PREFIX, tenantRecordKey, tokenKey, tokensKey, USER_PREFIX, userKey } from '../storage/keys.js';
import { type KvReader, prefixEnd } from '../storage/kv.js';
import type { RoleRecord, TenantRecord, TenantRoles, TenantTokens, TokenRecord, UserRecord } from './identity-records.js';
import type { TenantCounters } from './records.js';

/** Reads of identity records. Like queries.ts, each takes the tenant it reads. */

/** The state as the FSM's helpers read it (JSON records by key). */
export function reader(state: KvReader): { getJson<T>(key: string): Promise<T | undefined> } {
  return {
    async getJson<T>(key: string): Promise<T | undefined> {
      const value = await state.get(key);
      return value === undefined ? undefined : (JSON.parse(value.toString('utf8')) as T);
    },
  };
}

async function scanJson<T>(state: KvReader, prefix: string): Promise<T[]> {
  const found: T[] = [];
  for await (const [, value] of state.scan({ gte: prefix, lt: prefixEnd(prefix) })) found.push(JSON.parse(value.toString('utf8')) as T);
  return found;
}

export async function getTenant(state: KvReader, name: string): Promise<TenantRecord> {
  const tenant = await reader(state).getJson<TenantRecord>(tenantRecordKey(name));
  if (tenant === undefined) throw new NotFoundError(`tenant "${name}" not found`, { field: 'name' });
  return tenant;
}

export function listTenants(state: KvReader): Promise<TenantRecord[]> {
  return scanJson<TenantRecord>(state, TENANT_RECORD_PREFIX);
}

export async function tenantCounters(state: KvReader, tenant: string): Promise<TenantCounters> {
  return (await reader(state).getJson<TenantCounters>(countersKey(tenant))) ?? { schedules: 0, runs: 0, runsActive: 0 };
}

export function listUsers(state: KvReader): Promise<UserRecord[]> {
  return scanJson<UserRecord>(state, USER_PREFIX);
}

export async function getUser(state: KvReader, name: string): Promise<UserRecord> {
  const user = await reader(state).getJson<UserRecord>(userKey(name));
  if (user === undefined) throw new NotFoundError(`user "${name}" not found`, { field: 'user' });
  return user;
}

export async function listRoles(state: KvReader, tenant: string): Promise<RoleRecord[]> {
  const roles = (await reader(state).getJson<TenantRoles>(rolesKey(tenant))) ?? {};
  return Object.values(roles).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A tenant's tokens (or the cluster-wide ones, for '*') in name order, revoked ones included. */
export async function listTokens(state: KvReader, tenant: string): Promise<TokenRecord[]> {
  const names = (await reader(state).getJson<TenantTokens>(tokensKey(tenant))) ?? {};
  const tokens: TokenRecord[] = [];
  for (const name of Object.keys(names).sort()) {
    const token = await reader(state).getJson<TokenRecord>(tokenKey(names[name]!.hash));
    if (token !== undefined) tokens.push(token);
  }
  return tokens;
}
