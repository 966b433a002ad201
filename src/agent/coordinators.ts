import { type ChannelCredentials, type ServiceError, status } from '@grpc/grpc-js';
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
 * How long a coordinator that could not be reached is not gone back to on another's word: right after a leader dies,
 * the others still name it until they have elected a new one.
 */
const UNREACHABLE_FOR_MS = 1_000;

/**
 * The coordinators an agent knows, and the one it talks to now. When a session fails it moves on: to the leader a
 * coordinator pointed at, unless that one was just found unreachable, else to the next address, round the list.
 */
export class CoordinatorPool {
  private readonly addresses: string[];
  private readonly clients = new Map<string, AgentServiceClient>();
  private index = 0;
  private target: string;
  /** When each address last failed to answer at all (refused, dropped), by `monotonic`. */
  private readonly unreachableAt = new Map<string, number>();

  constructor(
    addresses: string[],
    private readonly credentials: ChannelCredentials,
    private readonly token?: string,
    private readonly monotonic: () => number = () => performance.now(),
  ) {
    if (addresses.length === 0) throw new Error('an agent needs at least one coordinator address');
    this.addresses = [...addresses];
    this.target = this.addresses[0]!;
  }

  /** How many coordinators the agent was given. */
  get size(): number {
    return this.addresses.length;
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
   * ready to dispatch) and not just found unreachable, else the next known address. Returns whether the coordinator
   * answered that it is not the leader: the cluster is up, and only between leaders.
   */
  failover(err?: unknown): boolean {
    const now = this.monotonic();
    const answered = notLeaderAnswer(err);
    if (!answered && isUnavailable(err)) this.unreachableAt.set(this.target, now);
    const leader = leaderHint(err);
    if (leader !== undefined && !(now - (this.unreachableAt.get(leader) ?? -Infinity) < UNREACHABLE_FOR_MS)) {
      this.target = leader;
      return answered;
    }
    if (this.addresses.length > 1) {
      // After the address this failure came from, which is not the index's when a leader's name led to it.
      const at = this.addresses.indexOf(this.target);
      this.index = ((at === -1 ? this.index : at) + 1) % this.addresses.length;
      this.target = this.addresses[this.index]!;
    }
    return answered;
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

function leaderValues(err: unknown): unknown[] {
  if (typeof err !== 'object' || err === null || !('metadata' in err)) return [];
  return (err as ServiceError).metadata?.get(LEADER_METADATA_KEY) ?? [];
}

/** A coordinator's own refusal: it is not the leader (it names the leader, or empty when it knows none). */
function notLeaderAnswer(err: unknown): boolean {
  return leaderValues(err).length > 0;
}

/** The address of the leader a coordinator's refusal names, if it names one. */
export function leaderHint(err: unknown): string | undefined {
  const value = leaderValues(err)[0];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The call never reached a coordinator that answered: connection refused, dropped, or no connection at all. */
function isUnavailable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as ServiceError).code === status.UNAVAILABLE;
}
