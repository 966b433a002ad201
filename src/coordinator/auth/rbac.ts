import { AlreadyExistsError, FailedPreconditionError, InvalidArgumentError } from '../../common/errors.js';
import { CLUSTER_PERMISSIONS, expandPattern, isPermission, parsePermissionPattern, type Permission } from './permissions.js';

/** A role: its own allow and deny patterns (see parsePermissionPattern) and the roles whose permissions it adds. */
export interface RoleDefinition {
  name: string;
  inherits: string[];
  allow: string[];
  deny: string[];
}

/** The roles one request can see: the built-ins and the custom roles of the tenant concerned, composed by the caller. */
export type RoleLookup = (name: string) => RoleDefinition | undefined;

/** Where a grant holds: on the whole cluster, or on one tenant. */
export type GrantScope = 'cluster' | 'tenant';

/** Frozen, because every request reads the same built-ins: a caller that changed one would change it for all. */
function builtIn(name: string, allow: string[]): RoleDefinition {
  const frozen = (list: string[]) => Object.freeze(list) as string[];
  return Object.freeze({ name, inherits: frozen([]), allow: frozen(allow), deny: frozen([]) });
}

const READ_SHARED = ['agents:read', 'tenants:read', 'cluster:read'];

/**
 * The roles every installation has. Without a prototype, so a custom role named like an Object method
 * (`constructor`) is never taken for a built-in.
 */
export const BUILT_IN_ROLES: Readonly<Record<string, RoleDefinition>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, RoleDefinition>, {
    admin: builtIn('admin', ['*']),
    'tenant-admin': builtIn('tenant-admin', [
      'schedules:*',
      'runs:*',
      'variables:*',
      'users:*',
      'roles:*',
      'tokens:*',
      'audit:read',
      'audit:verify',
      ...READ_SHARED,
    ]),
    operator: builtIn('operator', ['schedules:*', 'runs:*', 'variables:read', 'variables:write', ...READ_SHARED]),
    // Not variables:read: a variable's value may be a secret, and a viewer is whoever may only look.
    viewer: builtIn('viewer', ['schedules:read', 'runs:read', ...READ_SHARED]),
    auditor: builtIn('auditor', ['audit:read', 'audit:verify', 'tenants:read']),
    agent: builtIn('agent', ['agents:connect']),
  }),
);

/** Built-ins a custom role may not inherit: custom roles live in one tenant, and these two only mean anything cluster-wide. */
const CLUSTER_ONLY_ROLES: readonly string[] = ['admin', 'agent'];

function isBuiltIn(name: string): boolean {
  return Object.hasOwn(BUILT_IN_ROLES, name);
}

/**
 * The role with everything it inherits, each once. Stored roles are not trusted to be acyclic (creation refuses
 * cycles, but data outlives code), so a role already seen is not followed again. Roles the lookup does not know
 * contribute nothing.
 */
function roleChain(role: string, lookup: RoleLookup): RoleDefinition[] {
  const seen = new Set<string>();
  const chain: RoleDefinition[] = [];
  const pending = [role];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const def = lookup(name);
    if (def === undefined) continue;
    chain.push(def);
    pending.push(...def.inherits);
  }
  return chain;
}

/**
 * What holding `role` permits: every allow of the role and of the roles it inherits, less every deny among them (a
 * deny anywhere in the chain wins over any allow). A grant on one tenant never carries CLUSTER_PERMISSIONS, so a
 * tenant's `admin` is not the cluster's.
 */
export function effectivePermissions(role: string, lookup: RoleLookup, scope: GrantScope): ReadonlySet<Permission> {
  const chain = roleChain(role, lookup);
  const allowed = new Set(chain.flatMap((def) => def.allow.flatMap(expandPattern)));
  for (const denied of chain.flatMap((def) => def.deny.flatMap(expandPattern))) allowed.delete(denied);
  if (scope === 'tenant') for (const p of CLUSTER_PERMISSIONS) allowed.delete(p);
  return allowed;
}

/**
 * Whether the roles held in one scope permit `permission`. Each role is judged on its own: a deny in one role
 * takes nothing away from another role held beside it.
 */
export function isAllowed(grants: readonly string[], permission: Permission, lookup: RoleLookup, scope: GrantScope): boolean {
  return grants.some((role) => effectivePermissions(role, lookup, scope).has(permission));
}

const ROLE_NAME = /^[a-z][a-z0-9-]{0,62}$/;

/**
 * Checks a custom role before it is stored. It is also right for a changed role: the definition given stands in
 * for the stored one of that name, so a change that would close a cycle is refused. Whether a custom role of that
 * name already exists is for the store to say; a built-in name is refused here.
 */
export function validateRoleDefinition(def: RoleDefinition, lookup: RoleLookup): void {
  if (!ROLE_NAME.test(def.name)) {
    throw new InvalidArgumentError(
      `invalid role name "${def.name}": use 1 to 63 lowercase letters, digits and dashes, starting with a letter`,
      { field: 'name' },
    );
  }
  if (isBuiltIn(def.name)) {
    throw new AlreadyExistsError(`role "${def.name}" is built in: choose another name for a custom role`, { field: 'name' });
  }
  for (const parent of def.inherits) {
    if (CLUSTER_ONLY_ROLES.includes(parent)) {
      throw new InvalidArgumentError(
        `a custom role cannot inherit "${parent}": custom roles live in a tenant, and ${CLUSTER_ONLY_ROLES.join(' and ')} are cluster-wide`,
        { field: 'inherits' },
      );
    }
    if (parent !== def.name && lookup(parent) === undefined) {
      const inheritable = Object.keys(BUILT_IN_ROLES).filter((name) => !CLUSTER_ONLY_ROLES.includes(name));
      throw new InvalidArgumentError(
        `unknown role "${parent}" in --inherits: known roles are the built-in ${inheritable.join(', ')} and this tenant's custom roles`,
        { field: 'inherits' },
      );
    }
  }
  const cycle = findCycle(def, lookup);
  if (cycle !== undefined) {
    throw new FailedPreconditionError(`role "${def.name}" would inherit itself: ${cycle.join(' → ')}`, { field: 'inherits' });
  }
  for (const pattern of def.allow) {
    const normal = parsePermissionPattern(pattern, 'allow');
    if (isPermission(normal) && CLUSTER_PERMISSIONS.has(normal)) {
      throw new InvalidArgumentError(
        `--allow ${normal} is cluster-wide: a custom role lives in a tenant and cannot hold it; only built-in roles granted on the whole cluster do`,
        { field: 'allow' },
      );
    }
  }
  for (const pattern of def.deny) parsePermissionPattern(pattern, 'deny');
}

/** The path from `def` back to itself through what it inherits, if there is one. */
function findCycle(def: RoleDefinition, lookup: RoleLookup): string[] | undefined {
  const resolve = (name: string): RoleDefinition | undefined => (name === def.name ? def : lookup(name));
  const finished = new Set<string>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (name === def.name && path.length > 0) return [...path, name];
    if (finished.has(name)) return undefined;
    finished.add(name);
    for (const parent of resolve(name)?.inherits ?? []) {
      const found = visit(parent, [...path, name]);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(def.name, []);
}

/**
 * Whether a caller holding `granter` may grant `role` in `scope`, or make a token with it: only when it holds every
 * permission the role would give, so no one hands out more than they have. A role that does not exist gives
 * nothing, and so passes here; refusing it is the caller's part.
 */
export function canGrant(
  granter: ReadonlySet<Permission>,
  role: string,
  lookup: RoleLookup,
  scope: GrantScope,
): { ok: true } | { ok: false; missing: Permission[] } {
  const missing = [...effectivePermissions(role, lookup, scope)].filter((p) => !granter.has(p)).sort();
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}
