import * as grpc from '@grpc/grpc-js';
import { FailedPreconditionError, UnavailableError } from '../common/errors.js';
import { fromServiceError } from '../common/grpc-errors.js';
import { GRPC_COMMON_OPTIONS } from '../common/grpc-options.js';
import type { DiscoverResponse__Output } from '../common/proto/gen/parallax/v1/DiscoverResponse.js';
import { raftProto } from '../common/proto/load.js';
import type { Membership } from './storage/raft-store.js';

export interface Discovered {
  clusterId: string;
  membership: Membership;
}

/**
 * A node started with --join on an empty data directory asks the running cluster who it is: the cluster id and the
 * members with their addresses. The node must have been added first (`parallax cluster add`), at the address it
 * listens on, so that nobody joins a cluster by accident.
 */
export async function discoverCluster(addresses: string[], nodeId: string, listen: string): Promise<Discovered> {
  const failures: string[] = [];
  for (const address of addresses) {
    let status: DiscoverResponse__Output;
    try {
      status = await discover(address, nodeId);
    } catch (err) {
      failures.push(`${address}: ${fromServiceError(err, address).message}`);
      continue;
    }
    const self = status.members.find((m) => m.id === nodeId);
    if (self === undefined) {
      throw new FailedPreconditionError(
        `${nodeId} is not a member of the cluster at ${address}; add it first: parallax cluster add ${nodeId} ${listen}`,
        { field: '--join' },
      );
    }
    if (self.address !== listen) {
      throw new FailedPreconditionError(
        `the cluster knows ${nodeId} at ${self.address}, but this node listens on ${listen}; start it with --listen ${self.address}`,
        { field: '--listen' },
      );
    }
    const membership: Membership = { voters: [], learners: [], addresses: {} };
    for (const m of status.members) {
      (m.voter ? membership.voters : membership.learners).push(m.id);
      membership.addresses[m.id] = m.address;
    }
    return { clusterId: status.clusterId, membership };
  }
  throw new UnavailableError(`cannot reach the cluster to join: ${failures.join('; ')}`, { field: '--join' });
}

function discover(address: string, nodeId: string): Promise<DiscoverResponse__Output> {
  const client = new (raftProto().parallax.v1.Raft)(address, grpc.credentials.createInsecure(), GRPC_COMMON_OPTIONS);
  return new Promise<DiscoverResponse__Output>((resolve, reject) => {
    client.discover({ nodeId }, { deadline: Date.now() + 5_000 }, (err, value) => (err || value === undefined ? reject(err) : resolve(value)));
  }).finally(() => client.close());
}
