import { InvalidArgumentError, NotFoundError, PermissionDeniedError } from '../../common/errors.js';
import type { ControlHandlers } from '../../common/proto/gen/parallax/v1/Control.js';
import type { Quotas__Output } from '../../common/proto/gen/parallax/v1/Quotas.js';
import type { Clock } from '../../common/time.js';
import { BUILT_IN_ROLES, canGrant, effectivePermissions, type GrantScope } from '../auth/rbac.js';
import { newApiToken } from '../auth/tokens.js';
import type { ReplicatedLog } from '../replication/log.js';
import { roleLookup } from '../state/identity.js';
import { CLUSTER_WIDE, type RoleRecord, type TenantQuotas, type TenantRetention, type TokenRecord } from '../state/identity-records.js';
import * as q from '../state/identity-queries.js';
import type { Caller } from './caller.js';
import { roleToWire, tenantToWire, tokenToWire, userToWire } from './identity-convert.js';
import { readOptions } from './read-options.js';
import { type ApiContext, unary } from './unary.js';
import { validateName, validateRetention } from './validate.js';

type IdentityHandlers = Pick<
  ControlHandlers,
  | 'LoginInfo'
  | 'Whoami'
  | 'CreateTenant'
  | 'GetTenant'
  | 'ListTenants'
  | 'UpdateTenant'
  | 'DeleteTenant'
  | 'ListUsers'
  | 'GetUser'
  | 'GrantRole'
  | 'RevokeRole'
  | 'ListRoles'
  | 'CreateRole'
  | 'DeleteRole'
  | 'CreateToken'
  | 'ListTokens'
  | 'RevokeToken'
>;

/** What `parallax login` needs to know of the identity provider the coordinators trust. */
export interface LoginInfo {
  issuer: string;
  clientId: string;
  audience: string;
}

/** Each quota: its field, and the flag a person sets it with. */
const QUOTAS = [
  ['maxSchedules', 'max-schedules'],
  ['maxRunning', 'max-running'],
  ['maxOutputBytes', 'max-output'],
] as const;
const MAX_TOKEN_TTL_MS = 3 * 365 * 86_400_000;
// Printable, no spaces (\s covers the control characters that matter) and no "/" (it separates keys).
const USER_PATTERN = /^[^\s/]{1,128}$/;

function validateUser(name: string): string {
  const user = name.trim();
  if (!USER_PATTERN.test(user)) {
    throw new InvalidArgumentError(`invalid user "${name}": expected the user's name as the identity provider gives it (1 to 128 characters, no spaces or "/")`, { field: 'user' });
  }
  return user;
}

function quotasOf(wire: Quotas__Output | null): TenantQuotas {
  const quotas: TenantQuotas = {};
  for (const [key, flag] of QUOTAS) {
    const value = wire?.[key] ?? 0;
    if (!Number.isSafeInteger(value) || value < 0) throw new InvalidArgumentError(`invalid --${flag} ${value}: expected a whole number of at least 1`, { field: flag });
    if (value > 0) quotas[key] = value;
  }
  return quotas;
}

/** A tenant's default retention as given (0: not given), checked like a schedule's own. */
function retentionOf(keep: number, keepForMs: number): TenantRetention {
  const checked = validateRetention(keep, keepForMs);
  return { ...(keep > 0 ? { keep: checked.keep } : {}), ...(keepForMs > 0 ? { keepForMs: checked.keepForMs } : {}) };
}

/** The scope a grant or token acts in, checked against what the caller may hand out (no escalation). */
async function checkGrantable(log: ReplicatedLog, caller: Caller, role: string, clusterWide: boolean): Promise<GrantScope> {
  const scope: GrantScope = clusterWide ? 'cluster' : 'tenant';
  if (clusterWide && !caller.clusterWide) throw new PermissionDeniedError(`${caller.name} holds no cluster-wide role, so it cannot grant one`);
  const lookup = await log.read((s) => roleLookup(q.reader(s), clusterWide ? CLUSTER_WIDE : caller.tenant), { stale: true });
  if (lookup(role) === undefined) {
    const known = [...Object.keys(BUILT_IN_ROLES)].join(', ');
    throw new NotFoundError(`role "${role}" not found${clusterWide ? '' : ` in tenant "${caller.tenant}"`}: the built-in roles are ${known}; \`parallax role list\` shows the tenant's own`, { field: 'role' });
  }
  if (scope === 'tenant' && effectivePermissions(role, lookup, 'tenant').size === 0) {
    throw new InvalidArgumentError(`role "${role}" allows only what acts on the whole cluster: grant it with --cluster-wide`, { field: 'role' });
  }
  const verdict = canGrant(caller.permissions, role, lookup, scope);
  if (!verdict.ok) {
    throw new PermissionDeniedError(`${caller.name} cannot grant role "${role}": it allows ${verdict.missing.join(', ')}, which ${caller.name} does not hold`);
  }
  return scope;
}

/** Users, tenants, roles and tokens: who may do what, changed through the FSM like everything else. */
export function identityHandlers(deps: { log: ReplicatedLog; clock: Clock; api: ApiContext; loginInfo: LoginInfo }): IdentityHandlers {
  const { log, clock, api } = deps;

  const visibleTenant = (caller: Caller, name: string): string => {
    const tenant = validateName(name.trim(), 'tenant');
    // Another tenant's existence is nobody else's business: the same answer as for one that does not exist.
    if (!caller.clusterWide && !caller.grants.some((g) => g.tenant === tenant)) throw new NotFoundError(`tenant "${tenant}" not found`, { field: 'name' });
    return tenant;
  };

  return {
    LoginInfo: unary(api, 'Control.LoginInfo', async () => deps.loginInfo),

    Whoami: unary(api, 'Control.Whoami', async (_req, caller) => ({
      name: caller.name,
      kind: caller.kind,
      tenant: caller.tenant,
      grants: caller.grants,
      permissions: [...caller.permissions].sort(),
      expiresAtMs: caller.expiresAt ?? 0,
    })),

    CreateTenant: unary(api, 'Control.CreateTenant', async (req, caller) => {
      const name = validateName(req.name.trim(), 'tenant');
      const quotas = quotasOf(req.quotas);
      const retention = retentionOf(req.defaultKeep, req.defaultKeepForMs);
      const tenant = await log.propose({ type: 'tenant.create', name, quotas, retention, by: caller.name, now: clock.now(), audit: caller.audit(`tenant/${name}`) });
      return tenantToWire(tenant, { schedules: 0, runs: 0, runsActive: 0 });
    }),

    GetTenant: unary(api, 'Control.GetTenant', async (req, caller, call) => {
      const name = visibleTenant(caller, req.name);
      const [tenant, counters] = await log.read(async (s) => [await q.getTenant(s, name), await q.tenantCounters(s, name)] as const, readOptions(call));
      return tenantToWire(tenant, counters);
    }),

    ListTenants: unary(api, 'Control.ListTenants', async (_req, caller, call) => {
      const tenants = await log.read(async (s) => {
        const all = await q.listTenants(s);
        const mine = all.filter((t) => caller.clusterWide || caller.grants.some((g) => g.tenant === t.name));
        return Promise.all(mine.map(async (t) => tenantToWire(t, await q.tenantCounters(s, t.name))));
      }, readOptions(call));
      return { tenants };
    }),

    UpdateTenant: unary(api, 'Control.UpdateTenant', async (req, caller) => {
      const name = visibleTenant(caller, req.name);
      const given = quotasOf(req.quotas);
      const quotas: Record<keyof TenantQuotas, number | null | undefined> = { maxSchedules: given.maxSchedules, maxRunning: given.maxRunning, maxOutputBytes: given.maxOutputBytes };
      const defaults = retentionOf(req.defaultKeep, req.defaultKeepForMs);
      const retention: Record<keyof TenantRetention, number | null | undefined> = { keep: defaults.keep, keepForMs: defaults.keepForMs };
      for (const field of req.clear.map((f) => f.trim())) {
        const quota = QUOTAS.find(([, flag]) => flag === field);
        if (quota !== undefined) quotas[quota[0]] = null;
        else if (field === 'keep') retention.keep = null;
        else if (field === 'keep-for') retention.keepForMs = null;
        else throw new InvalidArgumentError(`invalid "${field}" to clear: expected ${[...QUOTAS.map(([, f]) => f), 'keep', 'keep-for'].join(', ')}`, { field: 'clear' });
      }
      const tenant = await log.propose({ type: 'tenant.update', name, quotas, retention, audit: caller.audit(`tenant/${name}`) });
      const counters = await log.read((s) => q.tenantCounters(s, name));
      return tenantToWire(tenant, counters);
    }),

    DeleteTenant: unary(api, 'Control.DeleteTenant', async (req, caller) => {
      const name = visibleTenant(caller, req.name);
      await log.propose({ type: 'tenant.delete', name, force: req.force, audit: caller.audit(`tenant/${name}`) });
      return {};
    }),

    ListUsers: unary(api, 'Control.ListUsers', async (_req, caller, call) => {
      const users = await log.read((s) => q.listUsers(s), readOptions(call));
      // A tenant's administrator sees its own tenant's grants only; a cluster-wide one sees everyone's.
      const shown = users
        .map((u) => ({ ...u, grants: u.grants.filter((g) => caller.clusterWide || g.tenant === caller.tenant) }))
        .filter((u) => u.grants.length > 0 || caller.clusterWide);
      return { users: shown.map(userToWire) };
    }),

    GetUser: unary(api, 'Control.GetUser', async (req, caller, call) => {
      const name = validateUser(req.name);
      const user = await log.read((s) => q.getUser(s, name), readOptions(call));
      const grants = user.grants.filter((g) => caller.clusterWide || g.tenant === caller.tenant);
      if (grants.length === 0 && !caller.clusterWide) throw new NotFoundError(`user "${name}" not found`, { field: 'user' });
      return userToWire({ ...user, grants });
    }),

    GrantRole: unary(api, 'Control.GrantRole', async (req, caller) => {
      const user = validateUser(req.user);
      const role = req.role.trim();
      const scope = await checkGrantable(log, caller, role, req.clusterWide);
      const tenant = scope === 'cluster' ? CLUSTER_WIDE : caller.tenant;
      const record = await log.propose({ type: 'user.grant', user, grant: { tenant, role }, now: clock.now(), audit: caller.audit(`user/${user}`) });
      return userToWire({ ...record, grants: record.grants.filter((g) => caller.clusterWide || g.tenant === caller.tenant) });
    }),

    RevokeRole: unary(api, 'Control.RevokeRole', async (req, caller) => {
      const user = validateUser(req.user);
      const role = req.role.trim();
      if (req.clusterWide && !caller.clusterWide) throw new PermissionDeniedError(`${caller.name} holds no cluster-wide role, so it cannot revoke one`);
      const tenant = req.clusterWide ? CLUSTER_WIDE : caller.tenant;
      const record = await log.propose({ type: 'user.revoke', user, grant: { tenant, role }, now: clock.now(), audit: caller.audit(`user/${user}`) });
      return userToWire({ ...record, grants: record.grants.filter((g) => caller.clusterWide || g.tenant === caller.tenant) });
    }),

    ListRoles: unary(api, 'Control.ListRoles', async (_req, caller, call) => {
      const { lookup, custom } = await log.read(async (s) => ({ lookup: await roleLookup(q.reader(s), caller.tenant), custom: await q.listRoles(s, caller.tenant) }), readOptions(call));
      const builtIn = Object.values(BUILT_IN_ROLES).map((r) => roleToWire(r, true, effectivePermissions(r.name, lookup, 'tenant')));
      return { roles: [...builtIn, ...custom.map((r) => roleToWire(r, false, effectivePermissions(r.name, lookup, 'tenant')))] };
    }),

    CreateRole: unary(api, 'Control.CreateRole', async (req, caller) => {
      const trim = (list: string[]) => list.map((s) => s.trim()).filter((s) => s !== '');
      const role: RoleRecord = {
        name: req.name.trim(),
        inherits: trim(req.inherits),
        allow: trim(req.allow),
        deny: trim(req.deny),
        createdAt: clock.now(),
        createdBy: caller.name,
      };
      const created = await log.propose({ type: 'role.create', tenant: caller.tenant, role, audit: caller.audit(`role/${role.name}`) });
      const lookup = await log.read((s) => roleLookup(q.reader(s), caller.tenant));
      return roleToWire(created, false, effectivePermissions(created.name, lookup, 'tenant'));
    }),

    DeleteRole: unary(api, 'Control.DeleteRole', async (req, caller) => {
      const name = req.name.trim();
      await log.propose({ type: 'role.delete', tenant: caller.tenant, name, audit: caller.audit(`role/${name}`, 'roles:delete') });
      return {};
    }),

    CreateToken: unary(api, 'Control.CreateToken', async (req, caller) => {
      const name = validateName(req.name.trim(), 'token');
      const role = req.role.trim();
      if (role === '') throw new InvalidArgumentError('a token needs a role: pass --role (such as operator or viewer)', { field: 'role' });
      if (!Number.isSafeInteger(req.ttlMs) || req.ttlMs < 0 || req.ttlMs > MAX_TOKEN_TTL_MS) {
        throw new InvalidArgumentError('invalid --ttl: expected a duration of at most 3 years, such as 90d', { field: 'ttl' });
      }
      const scope = await checkGrantable(log, caller, role, req.clusterWide);
      const now = clock.now();
      const { token, hash } = newApiToken();
      const record: TokenRecord = {
        hash,
        name,
        tenant: scope === 'cluster' ? CLUSTER_WIDE : caller.tenant,
        role,
        createdAt: now,
        createdBy: caller.name,
        expiresAt: req.ttlMs === 0 ? null : now + req.ttlMs,
      };
      const created = await log.propose({ type: 'token.create', token: record, audit: caller.audit(`token/${name}`) });
      return { token: tokenToWire(created), secret: token };
    }),

    ListTokens: unary(api, 'Control.ListTokens', async (req, caller, call) => {
      if (req.clusterWide && !caller.clusterWide) throw new PermissionDeniedError(`${caller.name} holds no cluster-wide role, so it cannot see cluster-wide tokens`);
      const tokens = await log.read((s) => q.listTokens(s, req.clusterWide ? CLUSTER_WIDE : caller.tenant), readOptions(call));
      return { tokens: tokens.map(tokenToWire) };
    }),

    RevokeToken: unary(api, 'Control.RevokeToken', async (req, caller) => {
      if (req.clusterWide && !caller.clusterWide) throw new PermissionDeniedError(`${caller.name} holds no cluster-wide role, so it cannot revoke cluster-wide tokens`);
      const name = req.name.trim();
      const tenant = req.clusterWide ? CLUSTER_WIDE : caller.tenant;
      const revoked = await log.propose({ type: 'token.revoke', tenant, name, by: caller.name, now: clock.now(), audit: caller.audit(`token/${name}`) });
      return tokenToWire(revoked);
    }),
  };
}

