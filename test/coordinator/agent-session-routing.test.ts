import { Metadata, status } from '@grpc/grpc-js';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { agentService } from '../../src/coordinator/api/agent-service.js';
import { createLogger } from '../../src/common/logger.js';
import { LEADER_METADATA_KEY } from '../../src/common/metadata-keys.js';
import { systemClock } from '../../src/common/time.js';

/**
 * Where a coordinator that cannot take an agent's session sends it. One state is that of a leader between two
 * moments (elected, not yet holding its leases), which real processes pass through too quickly to catch, so the log
 * and dispatcher here are stand-ins that hold it; the stream is answered as grpc-js would send it.
 */
function sessionAnswer(
  state: { leads: boolean; leader: string | undefined },
  hello: { name: string; labels: Record<string, string> } = { name: 'web-1', labels: {} },
): Promise<{ code: number; details: string; leader: string | undefined }> {
  const handlers = agentService({
    log: { isLeader: () => state.leads } as never,
    dispatcher: { isRunning: false, whenReady: () => Promise.resolve(false), processEnded: () => {} } as never,
    clock: systemClock,
    logger: createLogger('agents', { level: 'error' }),
    api: { logger: createLogger('api', { level: 'error' }), access: { authorize: () => Promise.resolve({}) } } as never,
    nodeId: 'n1',
    leaderAddress: () => state.leader,
  });
  const call = Object.assign(new EventEmitter(), { metadata: new Metadata(), getPeer: () => 'ipv4:127.0.0.1:50000', write: () => true, end: () => {} });
  return new Promise((resolve) => {
    call.on('error', (err: { code: number; details: string; metadata: Metadata }) => {
      resolve({ code: err.code, details: err.details, leader: err.metadata.get(LEADER_METADATA_KEY)[0]?.toString() });
    });
    handlers.Session(call as never);
    call.emit('data', { hello: { ...hello, capacity: 4, running: [] } });
  });
}

describe("an agent's session refused", () => {
  it('says why when the Hello is not acceptable (an agent older or newer than the coordinators)', async () => {
    expect(await sessionAnswer({ leads: true, leader: undefined }, { name: 'Web_1', labels: {} })).toEqual({
      code: status.INVALID_ARGUMENT,
      details: 'invalid agent name "Web_1": use 1 to 63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
      leader: undefined,
    });
  });
});

describe("an agent's session with a node that does not hand out runs", () => {
  it('is sent to the leader from a follower', async () => {
    expect(await sessionAnswer({ leads: false, leader: '127.0.0.1:7002' })).toEqual({
      code: status.UNAVAILABLE,
      details: 'this coordinator is not the leader; the leader is at 127.0.0.1:7002',
      leader: '127.0.0.1:7002',
    });
  });

  it('is told no leader is known by a follower that knows none', async () => {
    expect(await sessionAnswer({ leads: false, leader: undefined })).toEqual({
      code: status.UNAVAILABLE,
      details: 'this coordinator is not the leader, and no leader is known',
      leader: '',
    });
  });

  it('is sent back to itself by a leader still taking over the leases, to wait for it rather than go round the others', async () => {
    expect(await sessionAnswer({ leads: true, leader: '127.0.0.1:7001' })).toEqual({
      code: status.UNAVAILABLE,
      details: 'this coordinator leads but is not handing out runs yet (it is taking over the leases); try it again shortly',
      leader: '127.0.0.1:7001',
    });
  });
});
