import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS } from '../../src/coordinator/auth/permissions.js';
import { RPC_PERMISSIONS } from '../../src/coordinator/auth/rpc-permissions.js';
import { agentProto, controlProto } from '../../src/common/proto/load.js';

/** Every RPC the coordinator serves to clients, read from the proto files themselves. */
function servedRpcs(): string[] {
  const services = { Control: controlProto().parallax.v1.Control.service, AgentService: agentProto().parallax.v1.AgentService.service };
  return Object.entries(services).flatMap(([service, definition]) =>
    Object.values(definition).map((method) => `${service}.${(method as { path: string }).path.split('/').pop()}`),
  );
}

describe('every RPC declares the permission it needs', () => {
  it('has an entry for each RPC of the proto files, and none for an RPC that does not exist', () => {
    const rpcs = servedRpcs();
    expect(rpcs.length).toBeGreaterThan(40);
    expect(rpcs.filter((rpc) => !(rpc in RPC_PERMISSIONS))).toEqual([]);
    expect(Object.keys(RPC_PERMISSIONS).filter((rpc) => !rpcs.includes(rpc))).toEqual([]);
  });

  it('names only real permissions, and leaves only how to log in open to everyone', () => {
    for (const [rpc, needs] of Object.entries(RPC_PERMISSIONS)) {
      if (needs === 'public') expect(rpc).toBe('Control.LoginInfo');
      else if (needs === 'authenticated') expect(rpc).toBe('Control.Whoami');
      else expect(ALL_PERMISSIONS).toContain(needs);
    }
  });
});
