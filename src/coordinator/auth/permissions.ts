import { InvalidArgumentError } from '../../common/errors.js';

/**
 * Every permission of Parallax is `resource:action`. `agents:connect` is what an agent needs to open its session
 * and report its runs; `cluster:manage` adds and removes coordinators and transfers leadership.
 */
export const RESOURCES = {
  schedules: ['read', 'create', 'update', 'delete', 'trigger'],
  runs: ['read', 'cancel'],
  variables: ['read', 'write'],
  agents: ['read', 'drain', 'remove', 'connect'],
  cluster: ['read', 'manage'],
  tenants: ['read', 'create', 'update', 'delete'],
  users: ['read', 'grant', 'revoke'],
  roles: ['read', 'write'],
  tokens: ['read', 'create', 'revoke'],
  audit: ['read', 'verify'],
} as const;

export type Resource = keyof typeof RESOURCES;
export type Permission = { [R in Resource]: `${R}:${(typeof RESOURCES)[R][number]}` }[Resource];

const RESOURCE_NAMES = Object.keys(RESOURCES) as Resource[];

export const ALL_PERMISSIONS: readonly Permission[] = Object.freeze(
  RESOURCE_NAMES.flatMap((resource) => RESOURCES[resource].map((action) => `${resource}:${action}` as Permission)),
);

const PERMISSION_SET: ReadonlySet<string> = new Set(ALL_PERMISSIONS);

export function isPermission(text: string): text is Permission {
  return PERMISSION_SET.has(text);
}

function isResource(text: string): text is Resource {
  return Object.hasOwn(RESOURCES, text);
}

/**
 * What only a cluster-wide grant may hold: these act on what all tenants share (the agents, the coordinators, the
 * set of tenants), so a grant on one tenant must not carry them, whatever role it names.
 */
export const CLUSTER_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'agents:drain',
  'agents:remove',
  'agents:connect',
  'cluster:manage',
  'tenants:create',
  'tenants:update',
  'tenants:delete',
]);

const FORMS = 'RESOURCE:ACTION such as schedules:trigger, RESOURCE:* or *';

/** Case and surrounding blanks are not meaningful in a pattern; the stored form has neither. */
function normalize(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * A role's allow or deny entry: an exact permission, `resource:*` (every action on it) or `*` (everything). Returns
 * the pattern in its stored form; `field` names the input it came from, in the error.
 */
export function parsePermissionPattern(text: string, field: string): string {
  const pattern = normalize(text);
  if (pattern === '*' || isPermission(pattern)) return pattern;
  const [resource = '', action, ...rest] = pattern.split(':');
  const unknown = `unknown permission "${text}" for --${field}`;
  if (isResource(resource) && action !== undefined && rest.length === 0) {
    if (action === '*') return pattern;
    throw new InvalidArgumentError(
      `${unknown}: the actions on ${resource} are ${RESOURCES[resource].join(', ')}, or ${resource}:* for all of them`,
      { field },
    );
  }
  const suggestion = isResource(resource) ? undefined : closestResource(resource);
  const hint = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
  throw new InvalidArgumentError(`${unknown}: expected ${FORMS}; resources are ${RESOURCE_NAMES.join(', ')}${hint}`, {
    field,
  });
}

/** The permissions a pattern stands for, in catalogue order; none for a pattern that names nothing we know. */
export function expandPattern(pattern: string): Permission[] {
  const normal = normalize(pattern);
  if (normal === '*') return [...ALL_PERMISSIONS];
  if (isPermission(normal)) return [normal];
  const [resource = '', action, ...rest] = normal.split(':');
  if (isResource(resource) && action === '*' && rest.length === 0) {
    return ALL_PERMISSIONS.filter((p) => p.startsWith(`${resource}:`));
  }
  return [];
}

/** A resource within two edits of what was typed (`schedule`, `agnets`), when exactly one is that close. */
function closestResource(typed: string): Resource | undefined {
  if (typed === '') return undefined;
  const near = RESOURCE_NAMES.filter((name) => editDistance(typed, name) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
