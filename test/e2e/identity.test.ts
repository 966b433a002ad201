import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli, freePort, json, root, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);
const coordinatorBin = join(root, 'bin', 'parallax-coordinator');

async function init(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [coordinatorBin, 'init', '--data-dir', dataDir]);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('identity: init, login with a token, tenants, tokens, quotas and the audit log', () => {
  it('takes a cluster from no administrator to tenants whose callers see only their own', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const port = await freePort();
    // A data directory that exists is not initialized by the helper: this cluster starts with no administrator.
    mkdirSync(data);
    let node = startCoordinator(data, port);
    const base = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    const anonymous = { ...base, PARALLAX_TOKEN: '' };
    const before = await waitFor('the coordinator to answer', async () => {
      const result = await cli(['status'], anonymous);
      return result.code === 4 && result;
    });
    expect(before.stderr).toBe('Error: this cluster has no administrator yet: run `parallax-coordinator init --data-dir DIR` on a coordinator and use the token it prints\n');

    // init writes to the data directory: not while a coordinator holds it.
    const busy = await init(data);
    expect(busy.code).toBe(6);
    expect(busy.stderr).toContain(`the data directory ${data} is in use by another process`);
    await node.stop();
    const first = await init(data);
    expect(first.code).toBe(0);
    const admin = first.stdout.trim();
    expect(admin).toMatch(/^plx_[A-Za-z0-9_-]{43}$/);
    expect(first.stderr).toContain('shown this once');
    const again = await init(data);
    expect(again.code).toBe(6);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('init already ran');

    node = startCoordinator(data, port);
    const login = await waitFor('the token to be valid', async () => {
      const result = await cli(['login', '--with-token', '--coordinator', `127.0.0.1:${port}`, '--insecure'], { PARALLAX_CONFIG_DIR: base.PARALLAX_CONFIG_DIR, PARALLAX_TOKEN: '' }, `${admin}\n`);
      return result.code === 0 && result;
    });
    expect(login.stdout).toContain('as bootstrap (admin, cluster-wide)');
    expect(login.stderr).toContain('No OS keychain is available (PARALLAX_KEYCHAIN=off); credentials are stored in');
    expect(statSync(join(base.PARALLAX_CONFIG_DIR, 'credentials.json')).mode & 0o777).toBe(0o600);
    // Logged in, the profile needs no flags and no token in the environment.
    const asAdmin = { PARALLAX_CONFIG_DIR: base.PARALLAX_CONFIG_DIR, PARALLAX_TOKEN: '' };
    const whoami = json<{ name: string; kind: string; grants: unknown[]; credentials: { from: string } }>(await cli(['whoami', '--json'], asAdmin));
    expect(whoami).toMatchObject({ name: 'bootstrap', kind: 'token', grants: [{ tenant: '*', role: 'admin' }], credentials: { from: 'file' } });

    expect((await cli(['tenant', 'create', 'payments', '--max-schedules', '1'], asAdmin)).code).toBe(0);
    expect((await cli(['tenant', 'create', 'shipping'], asAdmin)).code).toBe(0);
    const ciToken = await cli(['token', 'create', '--name', 'ci', '--tenant', 'payments', '--role', 'operator', '--ttl', '1h'], asAdmin);
    expect(ciToken.code).toBe(0);
    expect(ciToken.stderr).toContain('Token ci: role operator in tenant payments');
    const ci = { ...base, PARALLAX_TOKEN: ciToken.stdout.trim() };
    const shippingViewer = { ...base, PARALLAX_TOKEN: (await cli(['token', 'create', '--name', 'look', '--tenant', 'shipping', '--role', 'viewer'], asAdmin)).stdout.trim() };

    // The operator works in its tenant, within its quota.
    expect((await cli(['schedule', 'create', 'a', '--every', '1h', '--shell', 'true'], ci)).code).toBe(0);
    const over = await cli(['schedule', 'create', 'b', '--every', '1h', '--shell', 'true'], ci);
    expect(over.code).toBe(6);
    expect(over.stderr).toBe('Error: tenant "payments" may hold at most 1 schedules and holds 1: delete one, or ask an administrator to raise --max-schedules\n');
    const triggered = json<{ id: string }>(await cli(['schedule', 'trigger', 'a', '--json'], ci));

    // Another tenant's things are not found, by name, by id or by listing; its tenant is not found either.
    expect((await cli(['schedule', 'get', 'a'], shippingViewer)).code).toBe(3);
    const byId = await cli(['run', 'get', triggered.id], shippingViewer);
    expect(byId.code).toBe(3);
    expect(byId.stderr).toBe(`Error: run "${triggered.id}" not found\n`);
    expect(json<unknown[]>(await cli(['schedule', 'list', '--json'], shippingViewer))).toEqual([]);
    const elsewhere = await cli(['schedule', 'list', '--tenant', 'shipping'], ci);
    expect(elsewhere.code).toBe(3);
    expect(elsewhere.stderr).toBe('Error: tenant "shipping" not found\n');
    expect(json<{ name: string }[]>(await cli(['tenant', 'list', '--json'], ci)).map((t) => t.name)).toEqual(['payments']);

    // What a role does not allow is denied, with what was missing; nobody grants more than they hold.
    const denied = await cli(['audit', 'list'], ci);
    expect(denied.code).toBe(5);
    expect(denied.stderr).toBe('Error: ci may not audit:read in tenant "payments"\n');
    const escalate = await cli(['token', 'create', '--name', 'root', '--role', 'tenant-admin'], ci);
    expect(escalate.code).toBe(5);
    const viewerWrites = await cli(['schedule', 'create', 'x', '--every', '1h', '--shell', 'true'], shippingViewer);
    expect(viewerWrites.code).toBe(5);

    // A secret's value never reaches the audit log.
    expect((await cli(['var', 'put', 'db/password', '-', '--tenant', 'payments'], asAdmin, 'hunter2-very-secret')).code).toBe(0);

    // Revocation holds at once on this (the only) coordinator.
    expect((await cli(['token', 'revoke', 'ci', '--tenant', 'payments'], asAdmin)).code).toBe(0);
    const revoked = await cli(['schedule', 'list'], ci);
    expect(revoked.code).toBe(4);
    expect(revoked.stderr).toMatch(/^Error: the API token "ci" was revoked at \d{4}-/);

    const entries = json<{ actor: string; action: string; resource: string; result: string; tenant: string; client: string }[]>(
      await cli(['audit', 'list', '--all-tenants', '--json'], asAdmin),
    );
    const seen = entries.map((e) => `${e.actor} ${e.action} ${e.resource} ${e.result}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        'bootstrap tenants:create tenant/payments ok',
        'bootstrap tokens:create token/ci ok',
        'ci schedules:create schedule/a ok',
        'ci schedules:create schedule/b refused',
        'ci audit:read Control.ListAudit denied',
        'look schedules:create Control.CreateSchedule denied',
        'bootstrap tokens:revoke token/ci ok',
        'anonymous schedules:read Control.ListSchedules denied',
      ]),
    );
    expect(entries.every((e) => e.client.includes('127.0.0.1'))).toBe(true);
    const exported = await cli(['audit', 'export', '--format', 'jsonl', '--all-tenants'], asAdmin);
    expect(exported.stdout.trim().split('\n')).toHaveLength(entries.length);
    expect(exported.stdout).not.toContain('hunter2');
    const verified = await cli(['audit', 'verify'], asAdmin);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`The audit log verifies: ${entries.length} entries`);

    // Off a terminal with no credential, nothing prompts: exit 4 and the command to run.
    const none = await cli(['schedule', 'list'], { ...base, PARALLAX_TOKEN: '', PARALLAX_CONFIG_DIR: join(dir, 'empty') });
    expect(none.code).toBe(4);
    expect(none.stderr).toBe('Error: this request needs a login: run `parallax login`, or set PARALLAX_TOKEN to an API token\n');

    expect((await cli(['logout'], asAdmin)).stdout).toBe('Logged out of profile "default".\n');
    expect((await cli(['whoami'], asAdmin)).code).toBe(4);
  });
});
