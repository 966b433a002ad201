import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, FailedPreconditionError, InvalidArgumentError, type ParallaxError } from '../../src/common/errors.js';
import {
  ALL_PERMISSIONS,
  CLUSTER_PERMISSIONS,
  expandPattern,
  isPermission,
  parsePermissionPattern,
  type Permission,
} from '../../src/coordinator/auth/permissions.js';
import {
  BUILT_IN_ROLES,
  canGrant,
  effectivePermissions,
  isAllowed,
  validateRoleDefinition,
  type GrantScope,
  type RoleDefinition,
  type RoleLookup,
} from '../../src/coordinator/auth/rbac.js';

/** Allowed with a grant on the cluster and with a grant on a tenant. */
const Y = 'both';
/** Allowed only with a grant on the whole cluster. */
const C = 'cluster';
/** Never allowed. */
const N = 'none';
type Cell = typeof Y | typeof C | typeof N;

const ROLES = ['admin', 'tenant-admin', 'operator', 'viewer', 'auditor', 'agent'] as const;

// Written out by hand on purpose: a change to a built-in role or to the catalogue must show up here as a failure.
const MATRIX: Record<Permission, readonly [Cell, Cell, Cell, Cell, Cell, Cell]> = {
  //                    admin  tenant-admin  operator  viewer  auditor  agent
  'schedules:read':    [Y,     Y,            Y,        Y,      N,       N],
  'schedules:create':  [Y,     Y,            Y,        N,      N,       N],
  'schedules:update':  [Y,     Y,            Y,        N,      N,       N],
  'schedules:delete':  [Y,     Y,            Y,        N,      N,       N],
  'schedules:trigger': [Y,     Y,            Y,        N,      N,       N],
  'runs:read':         [Y,     Y,            Y,        Y,      N,       N],
  'runs:cancel':       [Y,     Y,            Y,        N,      N,       N],
  'variables:read':    [Y,     Y,            Y,        N,      N,       N],
  'variables:write':   [Y,     Y,            Y,        N,      N,       N],
  'agents:read':       [Y,     Y,            Y,        Y,      N,       N],
  'agents:drain':      [C,     N,            N,        N,      N,       N],
  'agents:remove':     [C,     N,            N,        N,      N,       N],
  'agents:connect':    [C,     N,            N,        N,      N,       C],
  'cluster:read':      [Y,     Y,            Y,        Y,      N,       N],
  'cluster:manage':    [C,     N,            N,        N,      N,       N],
  'tenants:read':      [Y,     Y,            Y,        Y,      Y,       N],
  'tenants:create':    [C,     N,            N,        N,      N,       N],
  'tenants:update':    [C,     N,            N,        N,      N,       N],
  'tenants:delete':    [C,     N,            N,        N,      N,       N],
  'users:read':        [Y,     Y,            N,        N,      N,       N],
  'users:grant':       [Y,     Y,            N,        N,      N,       N],
  'users:revoke':      [Y,     Y,            N,        N,      N,       N],
  'roles:read':        [Y,     Y,            N,        N,      N,       N],
  'roles:write':       [Y,     Y,            N,        N,      N,       N],
  'tokens:read':       [Y,     Y,            N,        N,      N,       N],
  'tokens:create':     [Y,     Y,            N,        N,      N,       N],
  'tokens:revoke':     [Y,     Y,            N,        N,      N,       N],
  'audit:read':        [Y,     Y,            N,        N,      Y,       N],
  'audit:verify':      [Y,     Y,            N,        N,      Y,       N],
};

const CLUSTER_ONLY = ['agents:connect', 'agents:drain', 'agents:remove', 'cluster:manage', 'tenants:create', 'tenants:delete', 'tenants:update'];

const builtIns: RoleLookup = (name) => BUILT_IN_ROLES[name];

function role(name: string, parts: Partial<Omit<RoleDefinition, 'name'>>): RoleDefinition {
  return { name, inherits: [], allow: [], deny: [], ...parts };
}

function lookupWith(...custom: RoleDefinition[]): RoleLookup {
  const byName = new Map(custom.map((def) => [def.name, def]));
  return (name) => BUILT_IN_ROLES[name] ?? byName.get(name);
}

function sorted(permissions: Iterable<Permission>): Permission[] {
  return [...permissions].sort();
}

function refusal(action: () => unknown): ParallaxError {
  try {
    action();
  } catch (err) {
    return err as ParallaxError;
  }
  throw new Error('expected a refusal, but it was accepted');
}

describe('the permission catalogue', () => {
  it('is exactly the permissions of the matrix, in catalogue order', () => {
    expect(ALL_PERMISSIONS).toEqual(Object.keys(MATRIX));
    expect(ALL_PERMISSIONS).toHaveLength(29);
  });

  it('keeps cluster-wide only what acts on what all tenants share', () => {
    expect(sorted(CLUSTER_PERMISSIONS)).toEqual(CLUSTER_ONLY);
  });

  it('knows a permission from a pattern or a near miss', () => {
    for (const p of ALL_PERMISSIONS) expect(isPermission(p)).toBe(true);
    for (const text of ['*', 'schedules:*', 'Schedules:read', 'schedule:read', 'schedules:run', '', ' runs:read']) {
      expect(isPermission(text)).toBe(false);
    }
  });
});

describe('built-in roles', () => {
  it('are exactly admin, tenant-admin, operator, viewer, auditor and agent', () => {
    expect(Object.keys(BUILT_IN_ROLES)).toEqual([...ROLES]);
    for (const name of ROLES) expect(BUILT_IN_ROLES[name]!.name).toBe(name);
  });

  it('cannot be changed by a caller', () => {
    expect(() => BUILT_IN_ROLES.viewer!.allow.push('variables:read')).toThrow(TypeError);
    expect(() => {
      (BUILT_IN_ROLES as Record<string, RoleDefinition>).viewer = role('viewer', { allow: ['*'] });
    }).toThrow(TypeError);
    expect(isAllowed(['viewer'], 'variables:read', builtIns, 'cluster')).toBe(false);
  });

  it('do not include what every object has (a custom role may be called "constructor")', () => {
    expect(BUILT_IN_ROLES['constructor']).toBeUndefined();
    expect(BUILT_IN_ROLES['toString']).toBeUndefined();
  });

  const cases = ROLES.flatMap((name, column) => (['cluster', 'tenant'] as const).map((scope) => ({ name, column, scope })));

  it.each(cases)('$name granted on the $scope: every permission as the matrix says', ({ name, column, scope }) => {
    const expected = Object.fromEntries(
      ALL_PERMISSIONS.map((p) => {
        const cell = MATRIX[p][column]!;
        return [p, cell === Y || (cell === C && scope === 'cluster')];
      }),
    );
    const actual = Object.fromEntries(ALL_PERMISSIONS.map((p) => [p, isAllowed([name], p, builtIns, scope)]));
    expect(actual).toEqual(expected);
    const granted = ALL_PERMISSIONS.filter((p) => expected[p]);
    expect(sorted(effectivePermissions(name, builtIns, scope))).toEqual(sorted(granted));
  });

  it('a grant of admin on a tenant is not cluster admin', () => {
    for (const p of CLUSTER_PERMISSIONS) {
      expect(isAllowed(['admin'], p, builtIns, 'tenant')).toBe(false);
      expect(isAllowed(['admin'], p, builtIns, 'cluster')).toBe(true);
    }
  });

  it('a tenant grant of admin gives exactly what tenant-admin gives', () => {
    expect(sorted(effectivePermissions('admin', builtIns, 'tenant'))).toEqual(
      sorted(effectivePermissions('tenant-admin', builtIns, 'tenant')),
    );
  });
});

describe('custom roles', () => {
  const deployer = role('deployer', { inherits: ['viewer'], allow: ['schedules:trigger', 'runs:cancel'] });
  const releaser = role('releaser', { inherits: ['deployer'], allow: ['variables:read'] });
  const noCancel = role('no-cancel', { inherits: ['operator'], deny: ['runs:cancel'] });
  const keepers = role('keepers', { allow: ['schedules:*'], deny: ['schedules:delete'] });
  const restricted = role('restricted', { deny: ['schedules:delete', 'variables:*'] });
  const underRestriction = role('under-restriction', { inherits: ['restricted'], allow: ['schedules:*', 'variables:read', 'runs:read'] });
  const allButAccess = role('all-but-access', { allow: ['*'], deny: ['users:*', 'roles:*', 'tokens:*'] });
  const nothing = role('nothing', { inherits: ['operator'], allow: ['audit:read'], deny: ['*'] });
  const cycleA = role('cycle-a', { inherits: ['cycle-b'], allow: ['schedules:read'] });
  const cycleB = role('cycle-b', { inherits: ['cycle-c'], allow: ['runs:read'] });
  const cycleC = role('cycle-c', { inherits: ['cycle-a'], allow: ['audit:read'], deny: ['runs:read'] });
  const selfish = role('selfish', { inherits: ['selfish'], allow: ['tenants:read'] });
  const orphan = role('orphan', { inherits: ['deleted-role'], allow: ['runs:read'] });
  const garbage = role('garbage', { allow: ['schedule:read', 'nonsense', 'runs:read', 'bogus:*', 'runs:*:*'], deny: ['nope:*'] });
  const lookup = lookupWith(deployer, releaser, noCancel, keepers, restricted, underRestriction, allButAccess, nothing, cycleA, cycleB, cycleC, selfish, orphan, garbage);

  const effective = (name: string, scope: GrantScope = 'tenant') => sorted(effectivePermissions(name, lookup, scope));

  it('add their own allows to what they inherit', () => {
    expect(effective('deployer')).toEqual(sorted(['schedules:read', 'runs:read', 'agents:read', 'tenants:read', 'cluster:read', 'schedules:trigger', 'runs:cancel']));
  });

  it('inherit through more than one level', () => {
    expect(effective('releaser')).toEqual(
      sorted(['schedules:read', 'runs:read', 'agents:read', 'tenants:read', 'cluster:read', 'schedules:trigger', 'runs:cancel', 'variables:read']),
    );
  });

  it('a deny wins over an inherited allow', () => {
    expect(effective('no-cancel')).toEqual(effective('operator').filter((p) => p !== 'runs:cancel'));
    expect(isAllowed(['no-cancel'], 'runs:cancel', lookup, 'tenant')).toBe(false);
  });

  it("a deny wins over the role's own allow", () => {
    expect(effective('keepers')).toEqual(sorted(['schedules:read', 'schedules:create', 'schedules:update', 'schedules:trigger']));
  });

  it('a deny in an inherited role wins over the allow of the role that inherits it', () => {
    expect(effective('under-restriction')).toEqual(sorted(['schedules:read', 'schedules:create', 'schedules:update', 'schedules:trigger', 'runs:read']));
  });

  it('* and resource:* expand in allow and in deny', () => {
    const access = ['users:read', 'users:grant', 'users:revoke', 'roles:read', 'roles:write', 'tokens:read', 'tokens:create', 'tokens:revoke'];
    expect(effective('all-but-access', 'cluster')).toEqual(sorted(ALL_PERMISSIONS.filter((p) => !access.includes(p))));
    expect(effective('all-but-access', 'tenant')).toEqual(sorted(ALL_PERMISSIONS.filter((p) => !access.includes(p) && !CLUSTER_ONLY.includes(p))));
    expect(effective('nothing', 'cluster')).toEqual([]);
  });

  it('a role held beside a deny is judged on its own', () => {
    expect(isAllowed(['no-cancel', 'operator'], 'runs:cancel', lookup, 'tenant')).toBe(true);
    expect(isAllowed(['nothing', 'viewer'], 'runs:read', lookup, 'tenant')).toBe(true);
    expect(isAllowed(['nothing', 'viewer'], 'runs:cancel', lookup, 'tenant')).toBe(false);
  });

  it('a cycle in stored roles ends, with every role of it taken once', () => {
    expect(effective('cycle-a')).toEqual(sorted(['schedules:read', 'audit:read']));
    expect(effective('cycle-b')).toEqual(effective('cycle-a'));
    expect(effective('selfish')).toEqual(['tenants:read']);
  });

  it('an unknown role gives nothing, and an unknown parent adds nothing', () => {
    expect(effective('nobody', 'cluster')).toEqual([]);
    expect(isAllowed(['nobody'], 'schedules:read', lookup, 'cluster')).toBe(false);
    expect(isAllowed([], 'schedules:read', lookup, 'cluster')).toBe(false);
    expect(effective('orphan')).toEqual(['runs:read']);
  });

  it('stored patterns that name nothing known give nothing, and take nothing away', () => {
    expect(effective('garbage')).toEqual(['runs:read']);
  });

  it('any held role that allows is enough', () => {
    expect(isAllowed(['auditor', 'viewer'], 'audit:verify', lookup, 'tenant')).toBe(true);
    expect(isAllowed(['auditor', 'viewer'], 'runs:read', lookup, 'tenant')).toBe(true);
    expect(isAllowed(['auditor', 'viewer'], 'runs:cancel', lookup, 'tenant')).toBe(false);
  });
});

describe('validateRoleDefinition', () => {
  const stored = lookupWith(
    role('deployer', { inherits: ['viewer'], allow: ['schedules:trigger'] }),
    role('waits-for-y', { inherits: ['y'] }),
    role('p', { inherits: ['q'] }),
    role('q', {}),
    role('loop-1', { inherits: ['loop-2'] }),
    role('loop-2', { inherits: ['loop-1'] }),
  );

  it('accepts a well-formed custom role', () => {
    expect(() =>
      validateRoleDefinition(
        role('release-manager', {
          inherits: ['deployer', 'operator', 'auditor'],
          allow: ['tokens:read', 'users:*', '*', ' Roles:Read '],
          deny: ['variables:write', 'agents:drain', 'tenants:*'],
        }),
        stored,
      ),
    ).not.toThrow();
    expect(() => validateRoleDefinition(role('a', {}), stored)).not.toThrow();
    expect(() => validateRoleDefinition(role(`a${'b'.repeat(62)}`, {}), stored)).not.toThrow();
    expect(() => validateRoleDefinition(role('constructor', { inherits: ['tenant-admin'] }), stored)).not.toThrow();
  });

  it('accepts a role that inherits from a cycle it is not part of', () => {
    expect(() => validateRoleDefinition(role('above-loop', { inherits: ['loop-1'] }), stored)).not.toThrow();
  });

  it.each(['', 'Ops', '1ops', '-ops', 'ops_team', 'ops team', 'öps', `a${'b'.repeat(63)}`])('refuses the name %j', (name) => {
    const err = refusal(() => validateRoleDefinition(role(name, {}), stored));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.field).toBe('name');
    expect(err.message).toBe(`invalid role name "${name}": use 1 to 63 lowercase letters, digits and dashes, starting with a letter`);
  });

  it.each([...ROLES])('refuses the built-in name %s', (name) => {
    const err = refusal(() => validateRoleDefinition(role(name, {}), stored));
    expect(err).toBeInstanceOf(AlreadyExistsError);
    expect(err.field).toBe('name');
    expect(err.message).toBe(`role "${name}" is built in: choose another name for a custom role`);
  });

  it('refuses to inherit a role that does not exist, naming those that do', () => {
    const err = refusal(() => validateRoleDefinition(role('x', { inherits: ['viewer', 'veiwer'] }), stored));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.field).toBe('inherits');
    expect(err.message).toBe(
      `unknown role "veiwer" in --inherits: known roles are the built-in tenant-admin, operator, viewer, auditor and this tenant's custom roles`,
    );
  });

  it.each(['admin', 'agent'])('refuses to inherit %s, which is cluster-wide', (parent) => {
    const err = refusal(() => validateRoleDefinition(role('x', { inherits: ['viewer', parent] }), stored));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.field).toBe('inherits');
    expect(err.message).toBe(`a custom role cannot inherit "${parent}": custom roles live in a tenant, and admin and agent are cluster-wide`);
  });

  it.each([
    ['a role that inherits itself', role('z', { inherits: ['z'] }), 'z → z'],
    ['a new role that a stored one already names', role('y', { inherits: ['viewer', 'waits-for-y'] }), 'y → waits-for-y → y'],
    ['a change that closes a loop', role('q', { inherits: ['p'] }), 'q → p → q'],
  ])('refuses a cycle: %s', (_, def, path) => {
    const err = refusal(() => validateRoleDefinition(def, stored));
    expect(err).toBeInstanceOf(FailedPreconditionError);
    expect(err.field).toBe('inherits');
    expect(err.message).toBe(`role "${def.name}" would inherit itself: ${path}`);
  });

  it.each([
    ['allow', role('x', { allow: ['runs:read', 'run:read'] })],
    ['deny', role('x', { allow: ['runs:*'], deny: ['runs:kill'] })],
  ])('refuses a bad %s pattern, naming the field', (field, def) => {
    const err = refusal(() => validateRoleDefinition(def, stored));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(new RegExp(`^unknown permission "runs?:(read|kill)" for --${field}: `));
  });

  it.each(CLUSTER_ONLY)('refuses to allow %s, which is cluster-wide', (permission) => {
    const err = refusal(() => validateRoleDefinition(role('x', { allow: [permission] }), stored));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.field).toBe('allow');
    expect(err.message).toBe(`--allow ${permission} is cluster-wide: a custom role lives in a tenant and cannot hold it; only built-in roles granted on the whole cluster do`);
  });
});

describe('canGrant', () => {
  const custom = lookupWith(
    role('deployer', { inherits: ['viewer'], allow: ['schedules:trigger'] }),
    role('people-reader', { inherits: ['viewer'], allow: ['users:read'] }),
    role('no-cancel', { inherits: ['operator'], deny: ['runs:cancel'] }),
  );
  const holds = (name: string, scope: GrantScope) => effectivePermissions(name, custom, scope);

  it('lets a cluster admin grant any role in any scope', () => {
    for (const name of [...ROLES, 'deployer', 'people-reader']) {
      for (const scope of ['cluster', 'tenant'] as const) expect(canGrant(holds('admin', 'cluster'), name, custom, scope)).toEqual({ ok: true });
    }
  });

  it('lets a tenant-admin grant on its tenant every role it could hold there', () => {
    for (const name of ['admin', 'tenant-admin', 'operator', 'viewer', 'auditor', 'agent', 'deployer', 'people-reader']) {
      expect(canGrant(holds('tenant-admin', 'tenant'), name, custom, 'tenant')).toEqual({ ok: true });
    }
  });

  it('refuses a tenant-admin a role that holds cluster permissions', () => {
    expect(canGrant(holds('tenant-admin', 'tenant'), 'admin', custom, 'cluster')).toEqual({ ok: false, missing: CLUSTER_ONLY });
    expect(canGrant(holds('tenant-admin', 'tenant'), 'agent', custom, 'cluster')).toEqual({ ok: false, missing: ['agents:connect'] });
  });

  it('refuses more than the granter has, listing exactly what is missing', () => {
    expect(canGrant(holds('operator', 'tenant'), 'tenant-admin', custom, 'tenant')).toEqual({
      ok: false,
      missing: ['audit:read', 'audit:verify', 'roles:read', 'roles:write', 'tokens:create', 'tokens:read', 'tokens:revoke', 'users:grant', 'users:read', 'users:revoke'],
    });
    expect(canGrant(holds('viewer', 'tenant'), 'deployer', custom, 'tenant')).toEqual({ ok: false, missing: ['schedules:trigger'] });
    expect(canGrant(holds('operator', 'tenant'), 'people-reader', custom, 'tenant')).toEqual({ ok: false, missing: ['users:read'] });
    expect(canGrant(holds('no-cancel', 'tenant'), 'operator', custom, 'tenant')).toEqual({ ok: false, missing: ['runs:cancel'] });
    expect(canGrant(new Set(), 'auditor', custom, 'tenant')).toEqual({ ok: false, missing: ['audit:read', 'audit:verify', 'tenants:read'] });
  });

  it('allows granting what the granter holds, and a role that gives nothing', () => {
    expect(canGrant(holds('operator', 'tenant'), 'deployer', custom, 'tenant')).toEqual({ ok: true });
    expect(canGrant(holds('viewer', 'tenant'), 'viewer', custom, 'tenant')).toEqual({ ok: true });
    expect(canGrant(new Set(), 'no-such-role', custom, 'cluster')).toEqual({ ok: true });
  });
});

describe('parsePermissionPattern', () => {
  const RESOURCE_LIST = 'schedules, runs, variables, agents, cluster, tenants, users, roles, tokens, audit';
  const FORMS = 'expected RESOURCE:ACTION such as schedules:trigger, RESOURCE:* or *';

  it('accepts every permission as it is', () => {
    for (const p of ALL_PERMISSIONS) expect(parsePermissionPattern(p, 'allow')).toBe(p);
  });

  it.each([
    ['schedules:trigger', 'schedules:trigger'],
    ['  Schedules:Trigger ', 'schedules:trigger'],
    ['runs:*', 'runs:*'],
    ['AUDIT:*', 'audit:*'],
    ['*', '*'],
    [' * ', '*'],
  ])('accepts %j as %j', (text, pattern) => {
    expect(parsePermissionPattern(text, 'allow')).toBe(pattern);
  });

  it('refuses an unknown resource, naming the forms and resources, and a close one', () => {
    const err = refusal(() => parsePermissionPattern('schedule:run', 'allow'));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.field).toBe('allow');
    expect(err.message).toBe(`unknown permission "schedule:run" for --allow: ${FORMS}; resources are ${RESOURCE_LIST} (did you mean schedules?)`);
  });

  it('refuses an unknown action, naming the actions of the resource', () => {
    const err = refusal(() => parsePermissionPattern('schedules:run', 'deny'));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.field).toBe('deny');
    expect(err.message).toBe('unknown permission "schedules:run" for --deny: the actions on schedules are read, create, update, delete, trigger, or schedules:* for all of them');
  });

  it.each([
    ['variable:read', ' (did you mean variables?)'],
    ['agnets:read', ' (did you mean agents?)'],
    ['bogus:read', ''],
    ['', ''],
    ['schedules', ''],
    ['*:read', ''],
    ['*:*', ''],
    [':read', ''],
    ['schedules:read:extra', ''],
    ['runs:*:*', ''],
  ])('refuses %j', (text, hint) => {
    const err = refusal(() => parsePermissionPattern(text, 'allow'));
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect(err.message).toBe(`unknown permission "${text}" for --allow: ${FORMS}; resources are ${RESOURCE_LIST}${hint}`);
  });

  it.each(['schedules:', 'schedules: read', 'runs:reads'])('refuses %j, naming the actions', (text) => {
    expect(() => parsePermissionPattern(text, 'allow')).toThrow(/the actions on (schedules|runs) are/);
  });
});

describe('expandPattern', () => {
  it.each([
    ['runs:read', ['runs:read']],
    ['agents:*', ['agents:read', 'agents:drain', 'agents:remove', 'agents:connect']],
    ['Tenants:*', ['tenants:read', 'tenants:create', 'tenants:update', 'tenants:delete']],
    ['nope', []],
    ['schedules:run', []],
    ['*:*', []],
  ])('%j stands for %j', (pattern, permissions) => {
    expect(expandPattern(pattern)).toEqual(permissions);
  });

  it('* stands for everything', () => {
    expect(expandPattern('*')).toEqual(ALL_PERMISSIONS);
  });
});
