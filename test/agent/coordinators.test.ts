import { credentials, Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { CoordinatorPool } from '../../src/agent/coordinators.js';
import { LEADER_METADATA_KEY } from '../../src/common/metadata-keys.js';

/** What a coordinator that is not the leader answers: the leader's address, or empty when it knows none. */
function refusal(leader?: string) {
  const metadata = new Metadata();
  metadata.set(LEADER_METADATA_KEY, leader ?? '');
  return { code: status.UNAVAILABLE, details: 'this coordinator is not the leader', metadata };
}

/** What grpc-js gives when no coordinator answers at an address. */
const refused = { code: status.UNAVAILABLE, details: 'No connection established. Last error: connect ECONNREFUSED', metadata: new Metadata() };

describe('CoordinatorPool', () => {
  const addresses = ['127.0.0.1:7001', '127.0.0.1:7002', '127.0.0.1:7003'];

  it('goes to the leader a coordinator names, and stays on one that names itself (it leads, not yet dispatching)', () => {
    const pool = new CoordinatorPool(addresses, credentials.createInsecure());
    expect(pool.failover(refusal('127.0.0.1:7003'))).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7003');
    expect(pool.failover(refusal('127.0.0.1:7003'))).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7003');
  });

  it('moves round the list when no leader is named, and says whether the coordinator answered', () => {
    const pool = new CoordinatorPool(addresses, credentials.createInsecure());
    expect(pool.failover(refusal())).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7002');
    expect(pool.failover(refused)).toBe(false);
    expect(pool.current).toBe('127.0.0.1:7003');
    pool.failover();
    expect(pool.current).toBe('127.0.0.1:7001');
  });

  it('moves on from a leader it was sent to, not back to it, when that one stops leading and names none', () => {
    const pool = new CoordinatorPool(addresses, credentials.createInsecure());
    expect(pool.failover(refusal('127.0.0.1:7002'))).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7002');
    // 7002 hands leadership over (SIGTERM) and ends the session before it knows the new leader.
    expect(pool.failover(refusal())).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7003');
  });

  it('does not follow a leader named by others back to a coordinator it just could not reach (they name the dead leader until they elect one)', () => {
    let now = 0;
    const pool = new CoordinatorPool(addresses, credentials.createInsecure(), undefined, () => now);
    expect(pool.failover(refusal('127.0.0.1:7001'))).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7001');
    now += 10;
    expect(pool.failover(refused)).toBe(false);
    expect(pool.current).toBe('127.0.0.1:7002');
    now += 10;
    // 7002 still names the dead 7001: it is skipped for the next address instead.
    expect(pool.failover(refusal('127.0.0.1:7001'))).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7003');
    // A second later, the name is taken again: the coordinator may be back.
    now += 1_000;
    pool.failover(refusal('127.0.0.1:7001'));
    expect(pool.current).toBe('127.0.0.1:7001');
  });
});
