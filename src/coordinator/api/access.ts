import type { Metadata } from '@grpc/grpc-js';
import {
  BugError,
  InvalidArgumentError,
  isParallaxError,
  NotFoundError,
  PermissionDeniedError,
  ResourceExhaustedError,
  UnauthenticatedError,
} from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import { TENANT_METADATA_KEY } from '../../common/metadata-keys.js';
import type { Clock } from '../../common/time.js';
import type { Permission } from '../auth/permissions.js';
import { effectivePermissions } from '../auth/rbac.js';
import { RPC_PERMISSIONS, type RpcName } from '../auth/rpc-permissions.js';
import { hashApiToken, isApiToken } from '../auth/tokens.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { AuditContext } from '../state/audit.js';
import { DEFAULT_TENANT, roleLookup } from '../state/identity.js';
import { reader } from '../state/identity-queries.js';
import { CLUSTER_WIDE, type Grant, type TenantRecord, type TokenRecord, type UserRecord } from '../state/identity-records.js';
import { BOOTSTRAPPED_KEY, tenantRecordKey, tokenKey, userKey } from '../storage/keys.js';
import type { Caller } from './caller.js';
import { RateLimiter } from './rate-limit.js';

/** What an identity provider's token says of its bearer, once verified (auth/oidc.ts). */
export interface VerifiedUser {
  user: string;
  grants: Grant[];
  expiresAt: number;
  amr: string[];
}

export interface UserVerifier {
  verify(token: string): Promise<VerifiedUser>;
  /** an `amr` value a cluster-wide admin grant needs (MFA enforced by the identity provider) */
  readonly adminAmr?: string | undefined;
}

interface Credential {
  /** what the rate limit counts by: the token's hash, or the user's name */
  id: string;
  kind: Caller['kind'];
  name: string;
  grants: Grant[];
  expiresAt: number | null;
}

const MAX_DENIALS_PER_SECOND = 20;

/** Conclusions kept per cache before it starts over: enough for every token and tenant of a big cluster. */
const MAX_CACHED = 10_000;

/** What a set of grants amounts to in one tenant, as of the identity state it was read from. */
interface Scope {
  exists: boolean;
  permissions: ReadonlySet<Permission>;
}

/**
 * Authentication, then authorization, of every request: who the bearer token says the caller is (an API token by
 * its hash in the replicated state, or a user by the identity provider's signature), which tenant the request acts
 * in, and whether the caller's roles there allow what the RPC needs. Denied attempts go to the audit log.
 */
export class AccessControl {
  private readonly limiter: RateLimiter;
  private denialWindow = { second: 0, count: 0 };
  /**
   * API tokens' records and grants' permissions, as read from this node's state, until an identity command (or a
   * snapshot) is applied here: then both are dropped, before the command's caller hears it was done. Reading them
   * per request was a fifth of a busy leader's time. Expiry is checked on every request.
   */
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly scopes = new Map<string, Scope>();
  /** Counts the drops, so a read that raced one is not kept. */
  private generation = 0;

  constructor(
    private readonly log: ReplicatedLog,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly users: UserVerifier | undefined,
    private readonly rate: { perSecond: number; burst: number },
  ) {
    this.limiter = new RateLimiter(rate.perSecond, rate.burst);
    log.onApplied((events) => {
      if (events.some((e) => e.kind === 'identity.changed' || e.kind === 'state.replaced')) {
        this.tokens.clear();
        this.scopes.clear();
        this.generation++;
      }
    });
  }

  /**
   * The caller of `rpc`, allowed to make it; throws the error to answer with otherwise. `again` asks whether a call
   * already allowed (a stream still open) still is: it is not counted against the caller's rate.
   */
  async authorize(rpc: RpcName, metadata: Metadata, client: string, { again = false }: { again?: boolean } = {}): Promise<Caller> {
    const needs = RPC_PERMISSIONS[rpc];
    if (needs === undefined) throw new BugError(`the RPC ${rpc} declares no permission`);
    const at = this.clock.now();
    const nobody: Caller = anonymous(client, at);
    if (needs === 'public') return nobody;
    let credential: Credential;
    try {
      credential = await this.authenticate(metadata);
    } catch (err) {
      if (isParallaxError(err) && err.code === 'unauthenticated' && bearerOf(metadata) !== undefined) {
        this.recordDenial({ ...nobody.audit(rpc), action: needs }, err.message);
      }
      throw err;
    }
    // Agents' reports are not limited: every agent of a fleet may share one token, and their rate is the fleet's work.
    const wait = again || rpc.startsWith('AgentService.') ? 0 : this.limiter.take(credential.id, at);
    if (wait > 0) {
      throw new ResourceExhaustedError(`too many requests from ${credential.name} (at most ${this.rate.perSecond} a second): retry after ${Math.ceil(wait / 100) / 10}s`);
    }
    const requested = (metadata.get(TENANT_METADATA_KEY)[0]?.toString() ?? '').trim();
    const action = needs === 'authenticated' ? rpc : needs;
    let caller: Caller;
    try {
      caller = await this.callerIn(credential, requested, needs === 'authenticated', client, at, action);
    } catch (err) {
      // Naming a tenant one cannot see is a probe: the tenant's own auditors see it, whether the tenant exists or not.
      if (isParallaxError(err) && err.code === 'not_found') {
        this.recordDenial({ actor: credential.name, actorKind: credential.kind, tenant: requested, action, resource: rpc, client, at }, err.message);
      }
      throw err;
    }
    if (needs !== 'authenticated' && !caller.permissions.has(needs)) {
      const where = caller.tenant === '' ? '' : ` in tenant "${caller.tenant}"`;
      const message = `${credential.name} may not ${needs}${where}` + (caller.permissions.size === 0 ? ': it holds no role there; an administrator can grant one' : '');
      this.recordDenial(caller.audit(rpc), message);
      throw new PermissionDeniedError(message);
    }
    return caller;
  }

  private async authenticate(metadata: Metadata): Promise<Credential> {
    const bearer = bearerOf(metadata);
    if (bearer === undefined) {
      const initialized = await this.log.read(async (s) => (await s.get(BOOTSTRAPPED_KEY)) !== undefined, { stale: true });
      throw new UnauthenticatedError(
        initialized
          ? 'this request needs a login: run `parallax login`, or set PARALLAX_TOKEN to an API token'
          : 'this cluster has no administrator yet: run `parallax-coordinator init --data-dir DIR` on a coordinator and use the token it prints',
      );
    }
    if (isApiToken(bearer)) return this.apiToken(bearer);
    if (this.users === undefined) {
      throw new UnauthenticatedError('the token is not a Parallax API token, and this cluster has no identity provider configured for logins');
    }
    const verified = await this.users.verify(bearer);
    const stored = await this.log.read((s) => reader(s).getJson<UserRecord>(userKey(verified.user)), { stale: true });
    const adminAmr = this.users.adminAmr;
    const grants = [...verified.grants, ...(stored?.grants ?? [])].filter(
      (g) => !(g.tenant === CLUSTER_WIDE && g.role === 'admin' && adminAmr !== undefined && !verified.amr.includes(adminAmr)),
    );
    return { id: `user/${verified.user}`, kind: 'user', name: verified.user, grants: dedupe(grants), expiresAt: verified.expiresAt };
  }

  /**
   * The token's record, from this node's state: the leader has applied every revocation it acknowledged, and a
   * follower applies it with the next message from the leader (within a heartbeat). Not a ReadIndex: that would make
   * every request to a follower wait on the leader, and during an election fail, agents' reports included.
   */
  private async apiToken(token: string): Promise<Credential> {
    const hash = hashApiToken(token);
    let record = this.tokens.get(hash);
    if (record === undefined) {
      const generation = this.generation;
      record = await this.log.read((s) => reader(s).getJson<TokenRecord>(tokenKey(hash)), { stale: true });
      // Only tokens the cluster knows are kept: made-up ones must not fill the memory.
      if (record !== undefined && generation === this.generation) remember(this.tokens, hash, record);
    }
    if (record === undefined) throw new UnauthenticatedError('the API token is not valid (unknown to this cluster)');
    if (record.revokedAt !== undefined) throw new UnauthenticatedError(`the API token "${record.name}" was revoked at ${new Date(record.revokedAt).toISOString()}`);
    if (record.expiresAt !== null && record.expiresAt <= this.clock.now()) {
      throw new UnauthenticatedError(`the API token "${record.name}" expired at ${new Date(record.expiresAt).toISOString()}`);
    }
    return { id: `token/${record.hash}`, kind: 'token', name: record.name, grants: [{ tenant: record.tenant, role: record.role }], expiresAt: record.expiresAt };
  }

  /**
   * The tenant a request acts in: the one it names, else the caller's only one (the default tenant for a
   * cluster-wide caller). A tenant the caller holds nothing in is "not found", whether it exists or not, so no
   * caller learns of another's tenants.
   */
  private async callerIn(credential: Credential, requested: string, lenient: boolean, client: string, at: number, action: string): Promise<Caller> {
    const clusterWide = credential.grants.some((g) => g.tenant === CLUSTER_WIDE);
    const own = [...new Set(credential.grants.map((g) => g.tenant).filter((t) => t !== CLUSTER_WIDE))].sort();
    let tenant = requested;
    if (tenant === '') {
      if (clusterWide) tenant = DEFAULT_TENANT;
      else if (own.length === 1) tenant = own[0]!;
      else if (own.length > 1 && !lenient) {
        throw new InvalidArgumentError(`${credential.name} holds roles in tenants ${own.join(', ')}: choose one with --tenant (or PARALLAX_TENANT)`, { field: 'tenant' });
      }
    }
    let permissions: ReadonlySet<Permission> = new Set<Permission>();
    if (tenant !== '') {
      const scope = await this.scope(tenant, credential.grants);
      if (!scope.exists || (!clusterWide && !own.includes(tenant))) {
        throw new NotFoundError(`tenant "${tenant}" not found`, { field: 'tenant' });
      }
      permissions = scope.permissions;
    }
    return {
      kind: credential.kind,
      name: credential.name,
      tenant,
      grants: credential.grants,
      permissions,
      clusterWide,
      expiresAt: credential.expiresAt,
      client,
      audit: (resource, precise) => ({ actor: credential.name, actorKind: credential.kind, tenant, action: precise ?? action, resource, client, at }),
    };
  }

  /** Whether `tenant` exists, and what `grants` permit in it. */
  private async scope(tenant: string, grants: Grant[]): Promise<Scope> {
    const key = `${tenant}\u0000${grants.map((g) => `${g.tenant}\u0001${g.role}`).join('\u0000')}`;
    const known = this.scopes.get(key);
    if (known !== undefined) return known;
    const generation = this.generation;
    const state = await this.log.read(async (s) => {
      const json = reader(s);
      const record = await json.getJson<TenantRecord>(tenantRecordKey(tenant));
      return { exists: record !== undefined, lookup: await roleLookup(json, tenant), cluster: await roleLookup(json, CLUSTER_WIDE) };
    }, { stale: true });
    const permissions = new Set<Permission>();
    for (const grant of grants) {
      const where = grant.tenant === CLUSTER_WIDE ? 'cluster' : 'tenant';
      if (where === 'tenant' && grant.tenant !== tenant) continue;
      for (const p of effectivePermissions(grant.role, where === 'cluster' ? state.cluster : state.lookup, where)) permissions.add(p);
    }
    const scope: Scope = { exists: state.exists, permissions };
    if (generation === this.generation) remember(this.scopes, key, scope);
    return scope;
  }

  /** Writes a denied attempt to the audit log; bounded, so a flood of bad requests cannot flood the log. */
  private recordDenial(audit: AuditContext, reason: string): void {
    const second = Math.floor(audit.at / 1000);
    if (this.denialWindow.second !== second) this.denialWindow = { second, count: 0 };
    if (++this.denialWindow.count > MAX_DENIALS_PER_SECOND) return;
    this.log.propose({ type: 'audit.record', result: 'denied', reason, audit }).catch((err: unknown) => {
      // Without a leader (a cluster starting, an election) nothing can be recorded; that is not worth a warning.
      const quiet = isParallaxError(err) && err.code === 'unavailable';
      this.logger[quiet ? 'debug' : 'warn']('recording a denied request in the audit log failed', { error: String(err) });
    });
  }
}

function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
}

function bearerOf(metadata: Metadata): string | undefined {
  const header = metadata.get('authorization')[0]?.toString() ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

function dedupe(grants: Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.tenant}\u0000${g.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function anonymous(client: string, at: number): Caller {
  return {
    kind: 'token',
    name: 'anonymous',
    tenant: '',
    grants: [],
    permissions: new Set(),
    clusterWide: false,
    expiresAt: null,
    client,
    audit: (resource, precise) => ({ actor: 'anonymous', actorKind: 'none', tenant: '', action: precise ?? '', resource, client, at }),
  };
}
