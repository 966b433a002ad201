import { credentials, Metadata, status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { CoordinatorPool } from '../../src/agent/coordinators.js';
import { LEADER_METADATA_KEY } from '../../src/common/metadata-keys.js';

function refusal(leader?: string) {
  const metadata = new Metadata();
  if (leader !== undefined) metadata.set(LEADER_METADATA_KEY, leader);
  return { code: status.UNAVAILABLE, details: 'this coordinator is not the leader', metadata };
}

describe('CoordinatorPool', () => {
  const addresses = ['127.0.0.1:7001', '127.0.0.1:7002', '127.0.0.1:7003'];

  it('goes to the leader a coordinator names, and stays on one that names itself (it leads, not yet dispatching)', () => {
    const pool = new CoordinatorPool(addresses, credentials.createInsecure());
    expect(pool.failover(refusal('127.0.0.1:7003'))).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7003');
    expect(pool.failover(refusal('127.0.0.1:7003'))).toBe(true);
    expect(pool.current).toBe('127.0.0.1:7003');
  });

  it('moves round the list when no leader is named', () => {
    const pool = new CoordinatorPool(addresses, credentials.createInsecure());
    expect(pool.failover(refusal())).toBe(false);
    expect(pool.current).toBe('127.0.0.1:7002');
    expect(pool.failover(new Error('connection refused'))).toBe(false);
    expect(pool.current).toBe('127.0.0.1:7003');
    pool.failover();
    expect(pool.current).toBe('127.0.0.1:7001');
  });
});
