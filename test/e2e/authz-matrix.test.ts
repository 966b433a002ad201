import * as grpc from '@grpc/grpc-js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TENANT_METADATA_KEY } from '../../src/common/metadata-keys.js';
import { agentProto, controlProto } from '../../src/common/proto/load.js';
import { BUILT_IN_ROLES, effectivePermissions, type GrantScope } from '../../src/coordinator/auth/rbac.js';
import { RPC_PERMISSIONS } from '../../src/coordinator/auth/rpc-permissions.js';
import { ADMIN_TOKEN, cli, freePort, json, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';
import type { AuditJson } from '../../src/cli/lib/identity-json.js';

/*
 * Issue 6's authorization matrix: every RPC of the proto files × every built-in role (held in a tenant, and held
 * cluster-wide) × the tenant the request names, plus no token and a revoked token. What each call should get is
 * worked out from RPC_PERMISSIONS and the roles' permissions, so a new RPC, permission or role is covered without
 * touching this file, and an RPC that declares no permission fails it.
 */

interface Rpc {
  name: string;
  method: grpc.MethodDefinition<object, object>;
}

/** Every RPC the coordinator serves to clients and agents, read from the service definitions of the proto files. */
function servedRpcs(): Rpc[] {
  const services: Record<string, grpc.ServiceDefinition> = {
    Control: controlProto().parallax.v1.Control.service,
    AgentService: agentProto().parallax.v1.AgentService.service,
  };
  return Object.entries(services).flatMap(([service, definition]) =>
    Object.values(definition).map((method) => ({ name: `${service}.${method.path.split('/').pop() ?? ''}`, method })),
  );
}

/**
 * What an RPC is sent when not the empty message (which most handlers refuse as invalid, after authorization):
 * something that still changes nothing, but that the server answers once the caller is let through.
 */
const REQUESTS: Readonly<Record<string, object>> = {
  // A session says nothing until its agent says hello; a hello with no name is refused by ending the stream.
  'AgentService.Session': { hello: { name: '', capacity: 0 } },
};

const OWN = 'own';
const OTHER = 'other';
const ABSENT = 'nowhere';
const DEFAULT_TENANT = 'default';
const REVOKED = 'revoked';
const CALL_DEADLINE_MS = 10_000;
const CONCURRENCY = 48;
const LOGIN_NEEDED = 'this request needs a login: run `parallax login`, or set PARALLAX_TOKEN to an API token';
/** The coordinator audits at most this many denials a second (access.ts), so a flood cannot flood the log. */
const AUDITED_DENIALS_PER_SECOND = 20;

interface Holder {
  /** the token's name, which is how a denial names the caller */
  name: string;
  role: string;
  scope: GrantScope;
}

/**
 * Every built-in role, held in the tenant `own` and held cluster-wide; a role that allows nothing within a tenant
 * (agent) cannot be given in one, which the test checks on its own.
 */
const TENANT_ONLY_NOTHING = Object.keys(BUILT_IN_ROLES).filter((role) => effectivePermissions(role, (name) => BUILT_IN_ROLES[name], 'tenant').size === 0);
const HOLDERS: readonly Holder[] = Object.keys(BUILT_IN_ROLES).flatMap((role): Holder[] => [
  ...(TENANT_ONLY_NOTHING.includes(role) ? [] : [{ name: role, role, scope: 'tenant' as const }]),
  { name: `cluster-${role}`, role, scope: 'cluster' },
]);

/** The tenant a request names in its metadata; '' names none (the holder's only tenant, or the default one cluster-wide). */
const NAMED_TENANTS = [OWN, OTHER, ABSENT, ''] as const;

type Expected = { allowed: true } | { allowed: false; code: grpc.status; details: string };

interface Case {
  rpc: Rpc;
  /** who calls, and naming which tenant: for messages */
  who: string;
  token: string | undefined;
  tenant: string;
  expect: Expected;
  /** the audit entry a denial of this call leaves (see auditKey), when it leaves one */
  audit?: string;
}

interface Answer {
  code: grpc.status;
  details: string;
}

const allowed: Expected = { allowed: true };
const refused = (code: grpc.status, details: string): Expected => ({ allowed: false, code, details });

function permissionOf(rpc: string): string {
  const needs = (RPC_PERMISSIONS as Readonly<Record<string, string>>)[rpc];
  if (needs === undefined) throw new Error(`${rpc} declares no permission in RPC_PERMISSIONS`);
  return needs;
}

function auditKey(e: { actor: string; tenant: string; action: string; resource: string; reason: string | null }): string {
  return [e.actor, e.tenant, e.action, e.resource, e.reason ?? ''].join(' | ');
}

/** What a caller holding `holder` should get for `rpc` when it names `requested`: from the permission tables alone. */
function holderCase(rpc: Rpc, holder: Holder, token: string, requested: string): Case {
  const needs = permissionOf(rpc.name);
  const base = { rpc, who: `${holder.name} naming ${requested === '' ? 'no tenant' : `tenant "${requested}"`}`, token, tenant: requested };
  if (needs === 'public') return { ...base, expect: allowed };
  const tenant = requested !== '' ? requested : holder.scope === 'cluster' ? DEFAULT_TENANT : OWN;
  // A tenant the caller holds nothing in is "not found", like one that does not exist; whoami is no exception.
  const visible = holder.scope === 'cluster' ? [OWN, OTHER, DEFAULT_TENANT] : [OWN];
  if (!visible.includes(tenant)) {
    const details = `tenant "${tenant}" not found`;
    const action = needs === 'authenticated' ? rpc.name : needs;
    // A probe of a tenant the caller cannot see is a denied attempt too, recorded under the tenant it named.
    return { ...base, expect: refused(grpc.status.NOT_FOUND, details), audit: auditKey({ actor: holder.name, tenant: requested, action, resource: rpc.name, reason: details }) };
  }
  if (needs === 'authenticated') return { ...base, expect: allowed };
  const permissions: ReadonlySet<string> = effectivePermissions(holder.role, (name) => BUILT_IN_ROLES[name], holder.scope);
  if (permissions.has(needs)) return { ...base, expect: allowed };
  const none = permissions.size === 0 ? ': it holds no role there; an administrator can grant one' : '';
  const details = `${holder.name} may not ${needs} in tenant "${tenant}"${none}`;
  return {
    ...base,
    expect: refused(grpc.status.PERMISSION_DENIED, details),
    audit: auditKey({ actor: holder.name, tenant, action: needs, resource: rpc.name, reason: details }),
  };
}

/** What a call with no token, and one with a revoked token, should get: only how to log in is open to them. */
function unauthenticatedCases(rpc: Rpc, revoked: { token: string; at: string }): Case[] {
  const needs = permissionOf(rpc.name);
  const open = needs === 'public';
  const revokedMessage = `the API token "${REVOKED}" was revoked at ${revoked.at}`;
  return [
    { rpc, who: 'no token', token: undefined, tenant: OWN, expect: open ? allowed : refused(grpc.status.UNAUTHENTICATED, LOGIN_NEEDED) },
    {
      rpc,
      who: 'the revoked token',
      token: revoked.token,
      tenant: OWN,
      expect: open ? allowed : refused(grpc.status.UNAUTHENTICATED, revokedMessage),
      // A token that no longer authenticates is nobody: its attempt is audited as the anonymous caller's.
      ...(open ? {} : { audit: auditKey({ actor: 'anonymous', tenant: '', action: needs, resource: rpc.name, reason: revokedMessage }) }),
    },
  ];
}

function metadataOf(token: string | undefined, tenant: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  if (token !== undefined) metadata.set('authorization', `Bearer ${token}`);
  if (tenant !== '') metadata.set(TENANT_METADATA_KEY, tenant);
  return metadata;
}

/**
 * Makes one call of any kind and says how it ended: its status, or OK as soon as a stream sends a message (the
 * stream is then cancelled). The deadline bounds every call, streams included.
 */
function callRpc(client: grpc.Client, { method, name }: Rpc, metadata: grpc.Metadata): Promise<Answer> {
  const request = REQUESTS[name] ?? {};
  const options: grpc.CallOptions = { deadline: Date.now() + CALL_DEADLINE_MS };
  const { path, requestSerialize: serialize, responseDeserialize: deserialize } = method;
  return new Promise((resolve) => {
    const done = (err: grpc.ServiceError | null) => resolve(err === null ? { code: grpc.status.OK, details: '' } : { code: err.code, details: err.details });
    if (!method.requestStream && !method.responseStream) {
      client.makeUnaryRequest(path, serialize, deserialize, request, metadata, options, done);
      return;
    }
    if (!method.responseStream) {
      const call = client.makeClientStreamRequest(path, serialize, deserialize, metadata, options, done);
      call.write(request);
      call.end();
      return;
    }
    // A stream answers with its first message, or with its status.
    const settle = (call: grpc.ClientReadableStream<object> | grpc.ClientDuplexStream<object, object>) => {
      call.on('data', () => {
        resolve({ code: grpc.status.OK, details: 'answered with a message' });
        call.cancel();
      });
      call.on('error', done);
      call.on('status', (status: grpc.StatusObject) => {
        if (status.code === grpc.status.OK) done(null);
      });
    };
    if (!method.requestStream) {
      settle(client.makeServerStreamRequest(path, serialize, deserialize, request, metadata, options));
      return;
    }
    const call = client.makeBidiStreamRequest(path, serialize, deserialize, metadata, options);
    settle(call);
    call.write(request);
    call.end();
  });
}

/** Runs `work` on every item, at most `limit` at a time, and gives the results in the items' order. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The statuses a handler answers with once authorization has let a call through: the empty request is mostly
 * invalid, or names something that does not exist. Not RESOURCE_EXHAUSTED (the rate limit, before authorization),
 * and not DEADLINE_EXCEEDED or INTERNAL, which would hide what authorization said.
 */
const ANSWERS_AFTER_AUTHORIZATION: readonly grpc.status[] = [
  grpc.status.OK,
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.ALREADY_EXISTS,
  grpc.status.FAILED_PRECONDITION,
];

/** Why an answer is not the one expected, or undefined when it is. */
function mismatch(expected: Expected, answer: Answer): string | undefined {
  const got = `${grpc.status[answer.code]} ${JSON.stringify(answer.details)}`;
  if (!expected.allowed) {
    const matches = answer.code === expected.code && answer.details === expected.details;
    return matches ? undefined : `expected ${grpc.status[expected.code]} ${JSON.stringify(expected.details)}, got ${got}`;
  }
  const tenantRefused = answer.code === grpc.status.NOT_FOUND && /^tenant ".*" not found$/.test(answer.details);
  return ANSWERS_AFTER_AUTHORIZATION.includes(answer.code) && !tenantRefused ? undefined : `expected to be let through, got ${got}`;
}

describe('authorization matrix (issue 6)', () => {
  it('answers every RPC × built-in role × tenant, no token and a revoked token as the permission tables say', async () => {
    const rpcs = servedRpcs();
    expect(rpcs.length).toBeGreaterThan(40);
    expect(
      rpcs.filter((rpc) => !Object.hasOwn(RPC_PERMISSIONS, rpc.name)).map((rpc) => rpc.name),
      'RPCs of the proto files with no entry in RPC_PERMISSIONS',
    ).toEqual([]);

    const dir = tempDir();
    const port = await freePort();
    // Each token makes a few hundred calls in seconds: above the default rate limit, which is not under test here.
    startCoordinator(join(dir, 'data'), port, 'n1', undefined, ['--rate-limit', '10000']);
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };

    // Set up as the administrator, through the API (a CLI process per token would take most of the test's time).
    const control = new (controlProto().parallax.v1.Control)(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const asAdmin = (tenant = '') => metadataOf(ADMIN_TOKEN, tenant);
    const ask = <T>(start: (done: (err: grpc.ServiceError | null, value?: T) => void) => void): Promise<T> =>
      new Promise((resolve, reject) => start((err, value) => (err !== null ? reject(err) : resolve(value!))));
    await waitFor('the administrator token to be valid', () => ask((done) => control.whoami({}, asAdmin(), done)).then(() => true));
    for (const name of [OWN, OTHER]) await ask((done) => control.createTenant({ name }, asAdmin(), done));
    const tokens = new Map<string, string>();
    for (const holder of [...HOLDERS, { name: REVOKED, role: 'operator', scope: 'tenant' }]) {
      const clusterWide = holder.scope === 'cluster';
      const created = await ask<{ secret: string }>((done) =>
        control.createToken({ name: holder.name, role: holder.role, clusterWide }, asAdmin(clusterWide ? '' : OWN), done),
      );
      tokens.set(holder.name, created.secret);
    }
    for (const role of TENANT_ONLY_NOTHING) {
      const refusal = await ask((done) => control.createToken({ name: `in-tenant-${role}`, role, clusterWide: false }, asAdmin(OWN), done)).catch((err: grpc.ServiceError) => err);
      expect(refusal).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: `role "${role}" allows only what acts on the whole cluster: grant it with --cluster-wide` });
    }
    expect(TENANT_ONLY_NOTHING).toEqual(['agent']);
    const revoked = await ask<{ revokedAtMs: number }>((done) => control.revokeToken({ name: REVOKED }, asAdmin(OWN), done));
    control.close();

    const cases: Case[] = rpcs.flatMap((rpc) => [
      ...HOLDERS.flatMap((holder) => NAMED_TENANTS.map((tenant) => holderCase(rpc, holder, tokens.get(holder.name)!, tenant))),
      ...unauthenticatedCases(rpc, { token: tokens.get(REVOKED)!, at: new Date(revoked.revokedAtMs).toISOString() }),
    ]);
    // Both answers occur often, so neither side of the matrix is vacuous.
    expect(cases.filter((c) => c.expect.allowed).length).toBeGreaterThan(cases.length / 4);
    expect(cases.filter((c) => !c.expect.allowed).length).toBeGreaterThan(cases.length / 4);

    const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const started = Date.now();
    const answers = await pooled(cases, CONCURRENCY, (c) => callRpc(client, c.rpc, metadataOf(c.token, c.tenant)));
    const wrong = cases.flatMap((c, i) => {
      const why = mismatch(c.expect, answers[i]!);
      return why === undefined ? [] : [`${c.rpc.name} by ${c.who}: ${why}`];
    });
    expect(wrong).toEqual([]);

    // The matrix's own denials fill the audit's share of the seconds it ran in; a sample made in a later second is
    // recorded whole.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const audited = cases.filter((c) => c.audit !== undefined);
    // One denial of each token that has any (the revoked one's included), each of another RPC.
    const byToken = new Map<string | undefined, Case[]>();
    for (const c of audited) byToken.set(c.token, [...(byToken.get(c.token) ?? []), c]);
    const sample = [...byToken.values()].map((denied, i) => denied[(i * 7) % denied.length]!);
    expect(sample.length).toBeGreaterThan(5);
    expect(sample.length).toBeLessThan(AUDITED_DENIALS_PER_SECOND);
    for (const c of sample) expect(mismatch(c.expect, await callRpc(client, c.rpc, metadataOf(c.token, c.tenant)))).toBeUndefined();
    client.close();

    // A denial is recorded after it is answered: the last of the sample may still be on its way to the log.
    const since = new Date(started).toISOString();
    let denials: string[] = [];
    await waitFor('the sample of denials in the audit log', async () => {
      const entries = json<AuditJson[]>(await cli(['audit', 'list', '--all-tenants', '--since', since, '--limit', '100000', '--json'], env));
      denials = entries.filter((e) => e.result === 'denied').map(auditKey);
      return sample.every((c) => denials.includes(c.audit!));
    }, 10_000).catch(() => undefined);
    expect(denials).toEqual(expect.arrayContaining(sample.map((c) => c.audit)));
    // Every denial recorded is one the matrix expected: no call it let through is among them, and none with no token
    // (access.ts does not audit those: nobody made them).
    const expectedDenials = new Set(audited.map((c) => c.audit));
    expect(denials.filter((key) => !expectedDenials.has(key))).toEqual([]);
    expect(denials.length).toBeGreaterThan(sample.length);
  });
});
