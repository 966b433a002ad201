import type { Role } from '../../common/proto/gen/parallax/v1/Role.js';
import type { Tenant } from '../../common/proto/gen/parallax/v1/Tenant.js';
import type { Token } from '../../common/proto/gen/parallax/v1/Token.js';
import type { User } from '../../common/proto/gen/parallax/v1/User.js';
import type { Permission } from '../auth/permissions.js';
import type { RoleDefinition } from '../auth/rbac.js';
import type { TenantRecord, TokenRecord, UserRecord } from '../state/identity-records.js';
import type { TenantCounters } from '../state/records.js';

/** Identity records as the wire has them. A token's hash never leaves the cluster. */

export function tenantToWire(tenant: TenantRecord, counters: TenantCounters): Tenant {
  return {
    name: tenant.name,
    createdAtMs: tenant.createdAt,
    createdBy: tenant.createdBy,
    quotas: { maxSchedules: tenant.quotas.maxSchedules ?? 0, maxRunning: tenant.quotas.maxRunning ?? 0, maxOutputBytes: tenant.quotas.maxOutputBytes ?? 0 },
    schedules: counters.schedules,
    runsActive: counters.runsActive,
    defaultKeep: tenant.retention?.keep ?? 0,
    defaultKeepForMs: tenant.retention?.keepForMs ?? 0,
  };
}

export function userToWire(user: UserRecord): User {
  return { name: user.name, grants: user.grants, createdAtMs: user.createdAt, updatedAtMs: user.updatedAt };
}

export function roleToWire(role: RoleDefinition, builtIn: boolean, permissions: ReadonlySet<Permission>): Role {
  return { name: role.name, inherits: role.inherits, allow: role.allow, deny: role.deny, builtIn, permissions: [...permissions].sort() };
}

export function tokenToWire(token: TokenRecord): Token {
  return {
    name: token.name,
    tenant: token.tenant,
    role: token.role,
    createdAtMs: token.createdAt,
    createdBy: token.createdBy,
    expiresAtMs: token.expiresAt ?? 0,
    revokedAtMs: token.revokedAt ?? 0,
  };
}
