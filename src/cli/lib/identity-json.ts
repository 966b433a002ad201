import type { AuditEntry__Output } from '../../common/proto/gen/parallax/v1/AuditEntry.js';
import type { Role__Output } from '../../common/proto/gen/parallax/v1/Role.js';
import type { Tenant__Output } from '../../common/proto/gen/parallax/v1/Tenant.js';
import type { Token__Output } from '../../common/proto/gen/parallax/v1/Token.js';
import type { User__Output } from '../../common/proto/gen/parallax/v1/User.js';
import { rfc3339 } from '../../common/time.js';

/* What `--json` prints for identity objects; the rules of wire-json.ts hold (camelCase, RFC 3339, null for absent). */

const timeOrNull = (ms: number): string | null => (ms > 0 ? rfc3339(ms) : null);
const limitOrNull = (n: number): number | null => (n > 0 ? n : null);

export function tenantJson(t: Tenant__Output) {
  return {
    name: t.name,
    createdAt: timeOrNull(t.createdAtMs),
    createdBy: t.createdBy,
    quotas: {
      maxSchedules: limitOrNull(t.quotas?.maxSchedules ?? 0),
      maxRunning: limitOrNull(t.quotas?.maxRunning ?? 0),
      maxOutputBytes: limitOrNull(t.quotas?.maxOutputBytes ?? 0),
    },
    schedules: t.schedules,
    runsActive: t.runsActive,
    /** what a schedule created without --keep / --keep-for keeps; null: the built-in default */
    defaults: { keep: limitOrNull(t.defaultKeep), keepForMs: limitOrNull(t.defaultKeepForMs) },
  };
}

export function userJson(u: User__Output) {
  return { name: u.name, grants: u.grants.map((g) => ({ tenant: g.tenant, role: g.role })), createdAt: timeOrNull(u.createdAtMs), updatedAt: timeOrNull(u.updatedAtMs) };
}

export function roleJson(r: Role__Output) {
  return { name: r.name, builtIn: r.builtIn, inherits: r.inherits, allow: r.allow, deny: r.deny, permissions: r.permissions };
}

export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(t: Token__Output, now: number): TokenState {
  if (t.revokedAtMs > 0) return 'revoked';
  return t.expiresAtMs > 0 && t.expiresAtMs <= now ? 'expired' : 'active';
}

export function tokenJson(t: Token__Output, now = Date.now()) {
  return {
    name: t.name,
    tenant: t.tenant,
    role: t.role,
    state: tokenState(t, now),
    createdAt: timeOrNull(t.createdAtMs),
    createdBy: t.createdBy,
    expiresAt: timeOrNull(t.expiresAtMs),
    revokedAt: timeOrNull(t.revokedAtMs),
  };
}

/** An audit entry as `audit list --json` and `audit export` print it. */
export type AuditJson = ReturnType<typeof auditJson>;

export function auditJson(e: AuditEntry__Output) {
  return {
    seq: e.seq,
    at: rfc3339(e.atMs),
    actor: e.actor,
    actorKind: e.actorKind,
    tenant: e.tenant,
    action: e.action,
    resource: e.resource,
    result: e.result,
    reason: e.reason === '' ? null : e.reason,
    client: e.client,
    prev: e.prev,
    hash: e.hash,
  };
}
