import { Metadata } from '@grpc/grpc-js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import { TENANT_METADATA_KEY } from '../../src/common/metadata-keys.js';
import { systemClock } from '../../src/common/time.js';
import { AccessControl } from '../../src/coordinator/api/access.js';
import { newApiToken } from '../../src/coordinator/auth/tokens.js';
import { RaftLog } from '../../src/coordinator/replication/raft-log.js';
import { DEFAULT_LIMITS } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const quiet = createLogger('test', { level: 'error' });
const CLIENT = 'ipv4:127.0.0.1:40000';

/**
 * AccessControl keeps what it read of tokens and roles between requests. Whatever changes them must be seen by the
 * very next request, as it was when every request read the state: a revoked token, a changed role, a deleted tenant.
 */
describe('access control between identity changes', () => {
  it('answers the next request by the changed tokens, roles and tenants', async () => {
    const store = await Store.open(tempDir());
    const log = await RaftLog.open(store, new Fsm(DEFAULT_LIMITS), quiet, { nodeId: 'n1', membership: { voters: ['n1'], learners: [], addresses: {} } });
    onTestFinished(() => log.close());
    await waitFor('n1 to lead', () => log.isLeader());
    const access = new AccessControl(log, systemClock, quiet, undefined, { perSecond: 1_000_000, burst: 1_000_000 });
    const now = Date.now();
    await log.propose({ type: 'tenant.create', name: 'payments', quotas: {}, by: 'test', now });
    await log.propose({ type: 'role.create', tenant: 'payments', role: { name: 'deployer', inherits: ['viewer'], allow: [], deny: [], createdAt: now, createdBy: 'test' } });
    const metadata = new Metadata();
    metadata.set(TENANT_METADATA_KEY, 'payments');
    const newToken = async () => {
      const { token, hash } = newApiToken();
      await log.propose({ type: 'token.create', token: { hash, name: 'ci', tenant: 'payments', role: 'deployer', createdAt: now, createdBy: 'test', expiresAt: null } });
      metadata.set('authorization', `Bearer ${token}`);
    };
    const put = () => access.authorize('Control.PutVariable', metadata, CLIENT);
    const list = () => access.authorize('Control.ListSchedules', metadata, CLIENT);
    await newToken();

    expect((await list()).permissions.has('schedules:read')).toBe(true);
    await expect(put()).rejects.toThrow('ci may not variables:write in tenant "payments"');

    // The role it holds gains a permission: the next request has it.
    await log.propose({ type: 'role.delete', tenant: 'payments', name: 'deployer' });
    await expect(put()).rejects.toThrow('ci may not variables:write');
    await log.propose({ type: 'role.create', tenant: 'payments', role: { name: 'deployer', inherits: ['viewer'], allow: ['variables:write'], deny: [], createdAt: now, createdBy: 'test' } });
    expect((await put()).name).toBe('ci');

    // The tenant goes, and its tokens with it.
    await log.propose({ type: 'tenant.delete', name: 'payments', force: true });
    await expect(list()).rejects.toThrow('the API token is not valid (unknown to this cluster)');
    await log.propose({ type: 'tenant.create', name: 'payments', quotas: {}, by: 'test', now });
    await log.propose({ type: 'role.create', tenant: 'payments', role: { name: 'deployer', inherits: ['viewer'], allow: [], deny: [], createdAt: now, createdBy: 'test' } });
    await newToken();
    await expect(put()).rejects.toThrow('ci may not variables:write');

    // Revoked: refused from the next request on, while requests in flight during the change decide nothing later.
    const during = Promise.all(Array.from({ length: 20 }, () => list().then(() => 'ok', (err: Error) => err.message)));
    await log.propose({ type: 'token.revoke', tenant: 'payments', name: 'ci', by: 'test', now: Date.now() });
    await during;
    await expect(list()).rejects.toThrow(/the API token "ci" was revoked at/);
    await expect(put()).rejects.toThrow(/the API token "ci" was revoked at/);
  });
});
