import { type ChannelCredentials, type ServiceError } from '@grpc/grpc-js';
import { GRPC_COMMON_OPTIONS } from '../common/grpc-options.js';
import type { AgentServiceClient } from '../common/proto/gen/parallax/v1/AgentService.js';
import { bearerInterceptor } from '../common/bearer.js';
import { LEADER_METADATA_KEY } from '../common/metadata-keys.js';
import { agentProto } from '../common/proto/load.js';

const CHANNEL_OPTIONS = {
  ...GRPC_COMMON_OPTIONS,
  // Notice a coordinator host that vanished without closing the connection.
  'grpc.keepalive_time_ms': 20_000,
  'grpc.keepalive_timeout_ms': 10_000,
  // grpc-js would otherwise wait up to 2 minutes between connection attempts, far longer than our own backoff.
  'grpc.initial_reconnect_backoff_ms': 100,
  'grpc.max_reconnect_backoff_ms': 5_000,
};

/**
 * The coordinators an agent knows, and the one it talks to now. When a session fails it moves on: to the leader a
 * coordinator pointed at, else to the next address, round the list.
 */
export class CoordinatorPool {
  private readonly addresses: string[];
  private readonly clients = new Map<string, AgentServiceClient>();
  private index = 0;
  private target: string;

  constructor(
    addresses: string[],
    private readonly credentials: ChannelCredentials,
    private readonly token?: string,
  ) {
    if (addresses.length === 0) throw new Error('an agent needs at least one coordinator address');
    this.addresses = [...addresses];
    this.target = this.addresses[0]!;
  }

  /** The address in use now. */
  get current(): string {
    return this.target;
  }

  client(): AgentServiceClient {
    let client = this.clients.get(this.target);
    if (client === undefined) {
      const Client = agentProto().parallax.v1.AgentService;
      const token = this.token;
      client = new Client(this.target, this.credentials, { ...CHANNEL_OPTIONS, interceptors: [bearerInterceptor(() => token)] });
      this.clients.set(this.target, client);
    }
    return client;
  }

  /**
   * After a failure: the leader the failed call named, if any (this same coordinator, when it leads but is not yet
   * ready to dispatch), else the next known address. Returns whether a leader was named: the cluster answered, and
   * is only between leaders.
   */
  failover(err?: unknown): boolean {
    const leader = leaderHint(err);
    if (leader !== undefined) {
      this.target = leader;
      return true;
    }
    if (this.addresses.length > 1) {
      this.index = (this.index + 1) % this.addresses.length;
      this.target = this.addresses[this.index]!;
    }
    return false;
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

function leaderHint(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('metadata' in err)) return undefined;
  const value = (err as ServiceError).metadata?.get(LEADER_METADATA_KEY)[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
