import { describe, expect, it } from 'vitest';
import { hashApiToken } from '../../src/coordinator/auth/tokens.js';
import type { AuditContext } from '../../src/coordinator/state/audit.js';
import { listAudit, verifyAudit } from '../../src/coordinator/state/audit.js';
import type { Command } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import { auditKey, AUDIT_HEAD_KEY, tokenKey } from '../../src/coordinator/storage/keys.js';
import { Tx } from '../../src/coordinator/state/tx.js';
import { MemoryKv } from '../sim/scheduler/memory-kv.js';

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);

function audit(resource: string, at = NOW): AuditContext {
  return { actor: 'alice', actorKind: 'user', tenant: 'payments', action: 'test:action', resource, client: 'ipv4:127.0.0.1:5555', at };
}

/** Applies each command in its own batch, as the log does; returns what each answered or the error it threw. */
async function applyAll(kv: MemoryKv, commands: Command[]): Promise<unknown[]> {
  const fsm = new Fsm({ maxOutputBytesPerRun: 1_000 });
  const results: unknown[] = [];
  for (const cmd of commands) {
    const tx = new Tx(kv);
    try {
      results.push(await fsm.apply(cmd, tx, () => undefined));
    } catch (err) {
      results.push(err);
    }
    kv.write(tx.ops());
  }
  return results;
}

const schedule = (name: string) => ({
  name,
  cron: '@hourly',
  tz: 'UTC',
  paused: false,
  spec: { shell: 'true', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 5_000 },
  selector: {},
  misfire: 'once',
  catchupMs: 3_600_000,
  overlap: 'forbid',
  jitterMs: 0,
  keep: 100,
  keepForMs: 0,
  retries: 0,
  backoffMinMs: 0,
  backoffMaxMs: 0,
  createdAt: NOW,
  lastFiredDueAt: 0,
  version: 1,
}) as unknown as Extract<Command, { type: 'schedule.create' }>['schedule'];

describe('identity in the FSM', () => {
  it('takes the first bootstrap only, and makes the default tenant', async () => {
    const kv = new MemoryKv();
    const [first, second] = await applyAll(kv, [
      { type: 'auth.bootstrap', hash: hashApiToken('plx_a'), now: NOW },
      { type: 'auth.bootstrap', hash: hashApiToken('plx_b'), now: NOW },
    ]);
    expect(first).toEqual({ created: true });
    expect(second).toEqual({ created: false });
    expect(await kv.get(tokenKey(hashApiToken('plx_a')))).toBeDefined();
    expect(await kv.get(tokenKey(hashApiToken('plx_b')))).toBeUndefined();
    expect(JSON.parse((await kv.get('C/tenant/default'))!.toString())).toMatchObject({ name: 'default' });
  });

  it('enforces max-schedules in log order, with the limit and the use in the refusal', async () => {
    const kv = new MemoryKv();
    const results = await applyAll(kv, [
      { type: 'tenant.create', name: 'payments', quotas: { maxSchedules: 2 }, by: 'admin', now: NOW },
      { type: 'schedule.create', tenant: 'payments', schedule: schedule('a') },
      { type: 'schedule.create', tenant: 'payments', schedule: schedule('b') },
      { type: 'schedule.create', tenant: 'payments', schedule: schedule('c'), audit: audit('schedule/c') },
    ]);
    expect(results[3]).toMatchObject({
      code: 'resource_exhausted',
      message: 'tenant "payments" may hold at most 2 schedules and holds 2: delete one, or ask an administrator to raise --max-schedules',
    });
    // The refusal is on the record, and nothing else changed.
    const [entry] = await listAudit(kv, { limit: 10 });
    expect(entry).toMatchObject({ seq: 1, resource: 'schedule/c', result: 'refused', reason: expect.stringContaining('resource_exhausted') });
    expect(await kv.get('t/payments/s/c')).toBeUndefined();
  });

  it('leases no more than max-running at once, and counts a run again once its attempt ends', async () => {
    const kv = new MemoryKv();
    const lease = (runId: string, now = NOW): Command => ({ type: 'run.lease', tenant: 'payments', runId, agent: 'a1', attempt: 1, now });
    const results = await applyAll(kv, [
      { type: 'tenant.create', name: 'payments', quotas: { maxRunning: 1 }, by: 'admin', now: NOW },
      { type: 'schedule.create', tenant: 'payments', schedule: { ...schedule('a'), overlap: 'allow' } },
      { type: 'schedule.trigger', tenant: 'payments', name: 'a', runId: 'r1', now: NOW },
      { type: 'schedule.trigger', tenant: 'payments', name: 'a', runId: 'r2', now: NOW },
      lease('r1'),
      lease('r2'),
      { type: 'run.finish', tenant: 'payments', runId: 'r1', agent: 'a1', attempt: 1, state: 'succeeded', exitCode: 0, signal: '', error: '', reportedAt: 0, now: NOW + 5 },
      lease('r2', NOW + 6),
    ]);
    expect(results[5]).toMatchObject({ code: 'resource_exhausted', message: 'tenant "payments" runs at most 1 at once and runs 1' });
    expect(results[7]).toMatchObject({ id: 'r2', state: 'leased' });
    expect(JSON.parse((await kv.get('t/payments/n'))!.toString())).toMatchObject({ busy: 1, runsActive: 1 });
  });

  it('makes a run leased to the agent a fire or trigger names, unless max-running or the overlap queue holds it', async () => {
    const kv = new MemoryKv();
    const trigger = (name: string, runId: string, now = NOW): Command => ({ type: 'schedule.trigger', tenant: 'payments', name, runId, now, agent: 'a1' });
    const results = await applyAll(kv, [
      { type: 'tenant.create', name: 'payments', quotas: { maxRunning: 1 }, by: 'admin', now: NOW },
      { type: 'schedule.create', tenant: 'payments', schedule: { ...schedule('a'), overlap: 'allow' } },
      { type: 'schedule.create', tenant: 'payments', schedule: { ...schedule('q'), overlap: 'queue', queueMax: 1 } },
      trigger('a', 'r1'),
      trigger('a', 'r2'),
      { type: 'run.finish', tenant: 'payments', runId: 'r1', agent: 'a1', attempt: 1, state: 'succeeded', exitCode: 0, signal: '', error: '', reportedAt: 0, now: NOW + 5 },
      { type: 'tenant.update', name: 'payments', quotas: { maxSchedules: undefined, maxRunning: null, maxOutputBytes: undefined } },
      { type: 'schedule.fire', tenant: 'payments', name: 'q', dueAt: NOW + 10_000, runId: 'r3', now: NOW + 10_000, agent: 'a2' },
      { type: 'schedule.fire', tenant: 'payments', name: 'q', dueAt: NOW + 11_000, runId: 'r4', now: NOW + 11_000, agent: 'a2' },
    ]);
    // Leased in the entry that made it: attempt 1 on a1, counted against max-running.
    expect(results[3]).toMatchObject({ id: 'r1', state: 'leased', attempt: 1, agent: 'a1', leasedAt: NOW });
    // a1 was named, but the tenant already ran its one: queued, for the dispatcher.
    expect(results[4]).toMatchObject({ id: 'r2', state: 'queued', attempt: 0, agent: '' });
    expect(results[7]).toMatchObject({ run: { id: 'r3', state: 'leased', agent: 'a2' } });
    // Held by overlap queue: waiting, not leased.
    expect(results[8]).toMatchObject({ run: { id: 'r4', state: 'queued', waiting: true, agent: '' } });
    expect(JSON.parse((await kv.get('t/payments/n'))!.toString())).toMatchObject({ busy: 1, runsActive: 3 });
  });

  it('stores no more output than max-output, all runs together, until retention frees some', async () => {
    const kv = new MemoryKv();
    const output = (runId: string, seq: number, text: string): Command => ({
      type: 'run.output',
      tenant: 'payments',
      runId,
      agent: 'a1',
      attempt: 1,
      pieces: [{ seq, stream: 'stdout', data: Buffer.from(text).toString('base64') }],
    });
    const results = await applyAll(kv, [
      { type: 'tenant.create', name: 'payments', quotas: { maxOutputBytes: 10 }, by: 'admin', now: NOW },
      { type: 'schedule.create', tenant: 'payments', schedule: { ...schedule('a'), overlap: 'allow' } },
      { type: 'schedule.trigger', tenant: 'payments', name: 'a', runId: 'r1', now: NOW },
      { type: 'schedule.trigger', tenant: 'payments', name: 'a', runId: 'r2', now: NOW },
      { type: 'run.lease', tenant: 'payments', runId: 'r1', agent: 'a1', attempt: 1, now: NOW },
      { type: 'run.lease', tenant: 'payments', runId: 'r2', agent: 'a1', attempt: 1, now: NOW },
      output('r1', 0, 'abcdefgh'),
      output('r2', 0, 'ijklmnop'),
    ]);
    expect(results[6]).toMatchObject({ outputBytes: 8, truncatedBytes: 0 });
    expect(results[7]).toMatchObject({ outputBytes: 2, truncatedBytes: 6 });
    expect(JSON.parse((await kv.get('t/payments/n'))!.toString())).toMatchObject({ outputBytes: 10 });
  });

  it('refuses a grant of a role the tenant does not have, and keeps grants once', async () => {
    const kv = new MemoryKv();
    const results = await applyAll(kv, [
      { type: 'tenant.create', name: 'payments', quotas: {}, by: 'admin', now: NOW },
      { type: 'user.grant', user: 'alice', grant: { tenant: 'payments', role: 'deployer' }, now: NOW },
      { type: 'role.create', tenant: 'payments', role: { name: 'deployer', inherits: ['operator'], allow: [], deny: ['variables:read'], createdAt: NOW, createdBy: 'admin' } },
      { type: 'user.grant', user: 'alice', grant: { tenant: 'payments', role: 'deployer' }, now: NOW },
      { type: 'user.grant', user: 'alice', grant: { tenant: 'payments', role: 'deployer' }, now: NOW },
      { type: 'user.grant', user: 'alice', grant: { tenant: 'nowhere', role: 'viewer' }, now: NOW },
    ]);
    expect(results[1]).toMatchObject({ code: 'not_found', message: 'role "deployer" not found in tenant "payments"' });
    expect(results[4]).toMatchObject({ grants: [{ tenant: 'payments', role: 'deployer' }] });
    expect(results[5]).toMatchObject({ code: 'not_found', message: 'tenant "nowhere" not found' });
  });

  it('deletes a tenant only when empty, or with force everything it holds and its tokens', async () => {
    const kv = new MemoryKv();
    const token = { hash: hashApiToken('plx_t'), name: 'ci', tenant: 'payments', role: 'viewer', createdAt: NOW, createdBy: 'admin', expiresAt: null };
    const results = await applyAll(kv, [
      { type: 'tenant.create', name: 'payments', quotas: {}, by: 'admin', now: NOW },
      { type: 'schedule.create', tenant: 'payments', schedule: schedule('a') },
      { type: 'variable.put', tenant: 'payments', key: 'k', value: 'dg==', now: NOW },
      { type: 'token.create', token },
      { type: 'tenant.delete', name: 'payments', force: false },
      { type: 'tenant.delete', name: 'payments', force: true },
    ]);
    expect(results[4]).toMatchObject({ code: 'failed_precondition', message: expect.stringContaining('holds 1 schedule(s)') });
    expect(results[5]).toEqual({});
    const left: string[] = [];
    for await (const [key] of kv.scan({ gte: '', lt: '\u00ff' })) left.push(key);
    expect(left.filter((k) => k.includes('payments') || k.startsWith('C/token/'))).toEqual([]);
  });

  it('refuses to delete a tenant with runs not ended, even with force, and says how to find them', async () => {
    const kv = new MemoryKv();
    const results = await applyAll(kv, [
      { type: 'tenant.create', name: 'payments', quotas: {}, by: 'admin', now: NOW },
      { type: 'schedule.create', tenant: 'payments', schedule: { ...schedule('a'), overlap: 'allow' } },
      { type: 'schedule.trigger', tenant: 'payments', name: 'a', runId: 'r1', now: NOW },
      { type: 'tenant.delete', name: 'payments', force: true },
      { type: 'schedule.trigger', tenant: 'payments', name: 'a', runId: 'r2', now: NOW },
      { type: 'tenant.delete', name: 'payments', force: true },
    ]);
    expect(results[3]).toMatchObject({
      code: 'failed_precondition',
      message: 'tenant "payments" has a run that has not ended: cancel it first (parallax run list --tenant payments --state queued,leased,running)',
    });
    expect(results[5]).toMatchObject({ message: expect.stringContaining('has 2 runs that have not ended: cancel them first') });
    expect(await kv.get('t/payments/n')).toBeDefined();
  });
});

describe('the audit chain', () => {
  async function chainOf(n: number): Promise<MemoryKv> {
    const kv = new MemoryKv();
    const commands: Command[] = [];
    for (let i = 1; i <= n; i++) commands.push({ type: 'audit.record', result: 'ok', reason: '', audit: audit(`thing/${i}`, NOW + i) });
    await applyAll(kv, commands);
    return kv;
  }

  const rewrite = async (kv: MemoryKv, seq: number, change: (entry: Record<string, unknown>) => void) => {
    const entry = JSON.parse((await kv.get(auditKey(seq)))!.toString()) as Record<string, unknown>;
    change(entry);
    kv.write([{ type: 'put', key: auditKey(seq), value: Buffer.from(JSON.stringify(entry)) }]);
  };

  it('verifies an untouched log', async () => {
    expect(await verifyAudit(await chainOf(5))).toEqual({ ok: true, entries: 5, badSeq: 0, problem: '' });
  });

  it('names an entry whose field was changed', async () => {
    const kv = await chainOf(5);
    await rewrite(kv, 3, (e) => (e.actor = 'mallory'));
    expect(await verifyAudit(kv)).toMatchObject({ ok: false, badSeq: 3, problem: 'entry 3 does not match its hash (it was changed after it was written)' });
  });

  it('names an entry that was changed and given a matching hash: the next one holds the old hash', async () => {
    const kv = await chainOf(5);
    const { hashEntry } = await import('../../src/coordinator/state/audit.js');
    await rewrite(kv, 2, (e) => {
      e.resource = 'thing/other';
      delete e.hash;
      e.hash = hashEntry(e as never);
    });
    expect(await verifyAudit(kv)).toMatchObject({ ok: false, badSeq: 2, problem: 'entry 2 was changed: entry 3 holds a different hash for it' });
  });

  it('catches an entry deleted from the middle, and entries deleted from the end', async () => {
    const middle = await chainOf(5);
    middle.write([{ type: 'del', key: auditKey(3) }]);
    expect(await verifyAudit(middle)).toMatchObject({ ok: false, badSeq: 3, problem: 'entry 3 is missing (deleted)' });
    const tail = await chainOf(5);
    tail.write([{ type: 'del', key: auditKey(5) }, { type: 'del', key: auditKey(4) }]);
    expect(await verifyAudit(tail)).toMatchObject({ ok: false, badSeq: 4, problem: 'entries 4 to 5 are missing (deleted from the end)' });
    expect(await tail.get(AUDIT_HEAD_KEY)).toBeDefined();
  });

  it('lists by tenant, actor and time, the newest `limit` oldest first', async () => {
    const kv = await chainOf(5);
    expect((await listAudit(kv, { limit: 2 })).map((e) => e.seq)).toEqual([4, 5]);
    expect((await listAudit(kv, { limit: 10, since: NOW + 4 })).map((e) => e.seq)).toEqual([4, 5]);
    expect(await listAudit(kv, { limit: 10, tenant: 'other' })).toEqual([]);
    expect(await listAudit(kv, { limit: 10, actor: 'bob' })).toEqual([]);
  });
});
