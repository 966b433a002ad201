import * as grpc from '@grpc/grpc-js';
import { UnavailableError } from '../../common/errors.js';
import { fromServiceError } from '../../common/grpc-errors.js';
import { GRPC_COMMON_OPTIONS } from '../../common/grpc-options.js';
import type { ControlClient } from '../../common/proto/gen/parallax/v1/Control.js';
import { controlProto } from '../../common/proto/load.js';
import type { ReplicatedLog } from '../replication/log.js';

type LeaderOnly = 'addMember' | 'removeMember' | 'transferLeader' | 'listAgents' | 'removeAgent' | 'clusterStatus' | 'getRun' | 'listRuns';
type RequestOf<M extends LeaderOnly> = Parameters<ControlClient[M]>[0];
type ResponseOf<M extends LeaderOnly> =
  ControlClient[M] extends (argument: never, callback: grpc.requestCallback<infer R>) => unknown ? R : never;
type WithOptions<Req, Res> = (
  argument: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, value?: Res) => void,
) => grpc.ClientUnaryCall;

/** Set on a call one coordinator passes on to another: the one that gets it answers itself and never passes it on. */
const FORWARDED_METADATA_KEY = 'parallax-forwarded';

/** Whether this call was passed on by another coordinator (which took it for the leader). */
export function wasForwarded(metadata: grpc.Metadata): boolean {
  return metadata.get(FORWARDED_METADATA_KEY).length > 0;
}

/** How long a node waits for the leader's answer to a read it could answer itself, only less well. */
export const LEADER_VIEW_DEADLINE_MS = 2_000;

/**
 * Passes a call only the leader can serve on to the leader, with the caller's metadata, and answers with what the
 * leader answered: any node takes any request, so a client need not know which node leads.
 */
export class LeaderForwarder {
  private readonly clients = new Map<string, ControlClient>();

  constructor(private readonly log: ReplicatedLog) {}

  async call<M extends LeaderOnly>(method: M, request: RequestOf<M>, metadata: grpc.Metadata, deadlineMs = 15_000): Promise<ResponseOf<M>> {
    const leader = this.log.leaderId();
    const address = leader === undefined ? undefined : this.log.addresses()[leader];
    if (leader === undefined || address === undefined) throw new UnavailableError('the cluster has no leader now; try again in a moment');
    let client = this.clients.get(address);
    if (client === undefined) {
      client = new (controlProto().parallax.v1.Control)(address, grpc.credentials.createInsecure(), GRPC_COMMON_OPTIONS);
      this.clients.set(address, client);
    }
    const invoke = client[method] as unknown as WithOptions<RequestOf<M>, ResponseOf<M>>;
    // Two nodes that each take the other for the leader (just after an election) must not pass a call back and forth.
    const passed = metadata.clone();
    passed.set(FORWARDED_METADATA_KEY, '1');
    return new Promise((resolve, reject) => {
      invoke.call(client, request, passed, { deadline: Date.now() + deadlineMs }, (err, value) => {
        if (err !== null || value === undefined) reject(fromServiceError(err, `the leader ${leader} (${address})`));
        else resolve(value);
      });
    });
  }

  /**
   * The leader's answer to a read this node can also answer, only less well (what only the leader knows is missing),
   * or undefined when there is no leader or it does not answer within LEADER_VIEW_DEADLINE_MS.
   */
  async leaderView<M extends LeaderOnly>(method: M, request: RequestOf<M>, metadata: grpc.Metadata): Promise<ResponseOf<M> | undefined> {
    if (this.log.isLeader() || this.log.leaderId() === undefined || wasForwarded(metadata)) return undefined;
    try {
      return await this.call(method, request, metadata, LEADER_VIEW_DEADLINE_MS);
    } catch {
      return undefined;
    }
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
