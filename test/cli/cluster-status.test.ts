import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderClusterStatus } from '../../src/cli/commands/cluster/status.js';
import type { ClusterMember__Output } from '../../src/common/proto/gen/parallax/v1/ClusterMember.js';

function printed(leader: string, members: ClusterMember__Output[]): string {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  renderClusterStatus({ clusterId: 'c1', nodeId: 'n1', term: 3, leader, commitIndex: 9, appliedIndex: 9, members });
  vi.restoreAllMocks();
  return out;
}

const member = (id: string, known: boolean): ClusterMember__Output => ({
  id,
  address: `127.0.0.1:700${id.slice(1)}`,
  voter: true,
  matchIndex: known ? 9 : -1,
  lastContactMs: known ? 0 : -1,
  healthy: known,
  healthKnown: known,
});

describe('cluster status, printed', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says, when there is no leader, how many voters one needs and what to do', () => {
    const out = printed('', [member('n1', true), member('n2', false), member('n3', false)]);
    expect(out).toMatch(/^Leader\s+none$/m);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      'No leader: a leader needs 2 of the 3 voters running and reaching each other (n1, which answered, is one). Start those that are down, or look for what keeps them apart; a leader is elected within seconds of 2 being up.',
    );
    expect(printed('n1', [member('n1', true), member('n2', true), member('n3', true)])).not.toContain('No leader');
  });
});
