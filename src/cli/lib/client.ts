import type * as grpc from '@grpc/grpc-js';
import { UnavailableError, type ParallaxError } from '../../common/errors.js';
import { fromServiceError, isNotCoordinator } from '../../common/grpc-errors.js';
import { GRPC_COMMON_OPTIONS } from '../../common/grpc-options.js';
import { READ_METADATA_KEY, STALE_READ, TENANT_METADATA_KEY } from '../../common/metadata-keys.js';
import type { ControlClient } from '../../common/proto/gen/parallax/v1/Control.js';
import type { OutputChunk__Output } from '../../common/proto/gen/parallax/v1/OutputChunk.js';
import type { ReadRunOutputRequest } from '../../common/proto/gen/parallax/v1/ReadRunOutputRequest.js';

export const DEFAULT_DEADLINE_MS = 10_000;

export interface Connection {
  /** The client of the coordinator in use now. */
  readonly client: ControlClient;
  /** HOST:PORT of the coordinator in use now, for messages. */
  readonly address: string;
  /** How many coordinators the connection knows. */
  readonly size: number;
  /** HOST:PORT of every coordinator the connection knows, in order. */
  readonly addresses: readonly string[];
  /** Sent with every call (what kind of read the command wants). */
  readonly metadata: grpc.Metadata;
  /** Moves on to the next coordinator of the list (round it). */
  next(): void;
  close(): void;
}

/**
 * A connection to one coordinator of a comma-separated list: calls go to the one in use, and move on to the next
 * when it cannot be reached (any coordinator takes any request).
 *
 * grpc-js and the proto files are loaded here, on first use, and not when a command module is imported: `parallax
 * --help` and argument errors then never pay for them.
 */
export async function connect(
  addresses: string,
  options: { stale?: boolean; token?: string | undefined; tenant?: string | undefined } = {},
): Promise<Connection> {
  const [grpcJs, { controlProto }, { bearerInterceptor }] = await Promise.all([
    import('@grpc/grpc-js'),
    import('../../common/proto/load.js'),
    import('../../common/bearer.js'),
  ]);
  const Control = controlProto().parallax.v1.Control;
  const list = addresses.split(',').map((a) => a.trim()).filter(Boolean);
  const clients = new Map<string, ControlClient>();
  let index = 0;
  const current = () => list[index] ?? addresses;
  const metadata = new grpcJs.Metadata();
  if (options.stale === true) metadata.set(READ_METADATA_KEY, STALE_READ);
  if (options.tenant !== undefined && options.tenant !== '') metadata.set(TENANT_METADATA_KEY, options.tenant);
  const token = options.token;
  const channelOptions = { ...GRPC_COMMON_OPTIONS, interceptors: [bearerInterceptor(() => token)] };
  return {
    metadata,
    get client() {
      let client = clients.get(current());
      if (client === undefined) {
        client = new Control(current(), grpcJs.credentials.createInsecure(), channelOptions);
        clients.set(current(), client);
      }
      return client;
    },
    get address() {
      return current();
    },
    size: Math.max(list.length, 1),
    addresses: list.length === 0 ? [addresses] : list,
    next: () => {
      index = (index + 1) % Math.max(list.length, 1);
    },
    close: () => clients.forEach((client) => client.close()),
  };
}

// grpc.status.UNAVAILABLE, spelled out because grpc-js itself is only imported when a call is made.
const GRPC_UNAVAILABLE = 14;

/** Why a coordinator, or every one of a list, could not be reached. */
const UNREACHABLE = {
  refused: { one: 'connection refused; is it running, and is this its address?', many: 'connection refused; are they running, and are these their addresses?' },
  unknownHost: { one: 'no such host', many: 'no such host' },
  silent: { one: 'the host does not answer', many: 'the hosts do not answer' },
} as const;

/**
 * Like fromServiceError, but says in a few words why a coordinator cannot be reached instead of passing on
 * grpc-js's transport details ("No connection established. Last error: … Resolution note: "). `tried`: every
 * coordinator of a list was tried and none could be reached (the words say so, naming them all).
 */
export function toCliError(err: unknown, address: string, tried?: readonly string[]): ParallaxError {
  const known = fromServiceError(err, address);
  if (!isTransportFailure(err)) return known;
  const details = err.details;
  const why = /ECONNREFUSED/.test(details)
    ? UNREACHABLE.refused
    : /ENOTFOUND|EAI_AGAIN|resolution failed/i.test(details)
      ? UNREACHABLE.unknownHost
      : /ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/.test(details)
        ? UNREACHABLE.silent
        : undefined;
  if (why === undefined) return known;
  if (tried === undefined || tried.length < 2) return new UnavailableError(`cannot reach the coordinator at ${address}: ${why.one}`);
  return new UnavailableError(`cannot reach any of the coordinators ${tried.join(', ')}: ${why.many}`);
}

function isWrongServer(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && 'details' in err && isNotCoordinator(err as grpc.ServiceError);
}

/** UNAVAILABLE from grpc-js itself, not a coordinator's answer (those carry a parallax-code trailer). */
function isTransportFailure(err: unknown): err is grpc.ServiceError {
  if (typeof err !== 'object' || err === null || !('code' in err) || !('metadata' in err) || !('details' in err)) {
    return false;
  }
  const { code, metadata, details } = err as grpc.ServiceError;
  return code === GRPC_UNAVAILABLE && typeof details === 'string' && metadata.get('parallax-code').length === 0;
}

type UnaryMethod =
  | 'status'
  | 'clusterStatus'
  | 'addMember'
  | 'removeMember'
  | 'transferLeader'
  | 'createSchedule'
  | 'getSchedule'
  | 'listSchedules'
  | 'deleteSchedule'
  | 'updateSchedule'
  | 'triggerSchedule'
  | 'backfillSchedule'
  | 'nextDueTimes'
  | 'scheduleHistory'
  | 'scheduleVersions'
  | 'getRun'
  | 'listRuns'
  | 'cancelRun'
  | 'listAgents'
  | 'drainAgent'
  | 'removeAgent'
  | 'putVariable'
  | 'getVariable'
  | 'listVariables'
  | 'deleteVariable'
  | 'loginInfo'
  | 'whoami'
  | 'createTenant'
  | 'getTenant'
  | 'listTenants'
  | 'updateTenant'
  | 'deleteTenant'
  | 'listUsers'
  | 'getUser'
  | 'grantRole'
  | 'revokeRole'
  | 'listRoles'
  | 'createRole'
  | 'deleteRole'
  | 'createToken'
  | 'listTokens'
  | 'revokeToken'
  | 'listAudit'
  | 'verifyAudit';

// The generated methods are overloaded; inference sees the last overload, (argument, callback).
export type RequestOf<M extends UnaryMethod> = Parameters<ControlClient[M]>[0];
export type ResponseOf<M extends UnaryMethod> =
  ControlClient[M] extends (argument: never, callback: grpc.requestCallback<infer R>) => unknown ? R : never;

type UnaryWithOptions<Req, Res> = (
  argument: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, value?: Res) => void,
) => grpc.ClientUnaryCall;

/** Calls that change nothing, or that give the same result when repeated: safe to send again to another node. */
const IDEMPOTENT: ReadonlySet<UnaryMethod> = new Set<UnaryMethod>([
  'status',
  'clusterStatus',
  'getSchedule',
  'listSchedules',
  'nextDueTimes',
  'scheduleHistory',
  'scheduleVersions',
  'getRun',
  'listRuns',
  'listAgents',
  'putVariable',
  'getVariable',
  'listVariables',
  'loginInfo',
  'whoami',
  'getTenant',
  'listTenants',
  'listUsers',
  'getUser',
  'grantRole',
  'revokeRole',
  'listRoles',
  'listTokens',
  'listAudit',
  'verifyAudit',
]);

/**
 * One unary call with a deadline; a failure becomes the ParallaxError it stands for. A coordinator that cannot be
 * reached is skipped for the next one of the list; an idempotent call is also sent again to the next one when the
 * one it reached could not answer (no leader during a failover), once per coordinator.
 */
export async function call<M extends UnaryMethod>(
  conn: Connection,
  method: M,
  request: RequestOf<M>,
  deadlineMs: number = DEFAULT_DEADLINE_MS,
): Promise<ResponseOf<M>> {
  let noneReached = true;
  /** The last answer a coordinator gave: it says more than a refused connection tried after it. */
  let answered: { err: unknown; address: string } | undefined;
  for (let tried = 1; ; tried++) {
    try {
      return await callOnce(conn, method, request, deadlineMs);
    } catch (err) {
      // Nothing listening there, or something that is not a coordinator: the next one of the list may be.
      const unreached = (isTransportFailure(err) && /No connection established|ECONNREFUSED/.test(err.details)) || isWrongServer(err);
      noneReached &&= unreached;
      if (!unreached) answered = { err, address: conn.address };
      const retryable = unreached || (IDEMPOTENT.has(method) && isUnavailable(err));
      if (!retryable || tried >= conn.size * 2) {
        const told = unreached && answered !== undefined ? answered : { err, address: conn.address };
        throw toCliError(told.err, told.address, noneReached ? conn.addresses : undefined);
      }
      conn.next();
      // Past one round of the list, give an election a moment before asking again.
      if (tried >= conn.size) await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
}

function callOnce<M extends UnaryMethod>(conn: Connection, method: M, request: RequestOf<M>, deadlineMs: number): Promise<ResponseOf<M>> {
  const client = conn.client;
  const invoke = client[method] as unknown as UnaryWithOptions<RequestOf<M>, ResponseOf<M>>;
  return new Promise((resolve, reject) => {
    invoke.call(client, request, conn.metadata, { deadline: Date.now() + deadlineMs }, (err, value) => {
      if (err !== null) reject(err);
      else if (value === undefined) reject(new Error(`empty answer to ${method}`));
      else resolve(value);
    });
  });
}

function isUnavailable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as grpc.ServiceError).code === GRPC_UNAVAILABLE;
}

export interface OutputReader {
  /** Resolves when the server ends the stream or after cancel(); rejects with a ParallaxError otherwise. */
  readonly done: Promise<void>;
  cancel(): void;
}

/**
 * Streams a run's output to `onChunk`, one chunk at a time: the next chunk is read only once the promise onChunk
 * returns has settled, so a slow reader (a pipe into `less`) holds the server back instead of filling memory.
 */
export function readRunOutput(
  conn: Connection,
  request: ReadRunOutputRequest,
  onChunk: (chunk: OutputChunk__Output) => void | Promise<void>,
  deadlineMs?: number,
): OutputReader {
  const options: grpc.CallOptions = deadlineMs === undefined ? {} : { deadline: Date.now() + deadlineMs };
  let stream: grpc.ClientReadableStream<OutputChunk__Output> | undefined;
  let cancelled = false;
  const done = (async () => {
    // A stream that breaks (its coordinator died, or lost the leadership a read needs) goes on from the next
    // coordinator of the list, after the last chunk received: a read sends nothing twice and changes nothing.
    let nextSeq = Number(request.fromSeq ?? 0);
    for (let tries = 1; ; tries++) {
      stream = conn.client.readRunOutput({ ...request, fromSeq: nextSeq }, options) as grpc.ClientReadableStream<OutputChunk__Output>;
      try {
        for await (const chunk of stream as AsyncIterable<OutputChunk__Output>) {
          if (chunk.data.length > 0) {
            nextSeq = Number(chunk.seq) + 1;
            tries = 0;
          }
          await onChunk(chunk);
          if (cancelled) break;
        }
        return;
      } catch (err) {
        if (cancelled) return;
        if (!isUnavailable(err) || tries >= conn.size * 2) throw toCliError(err, conn.address);
        conn.next();
        // Past one round of the list, give an election a moment before asking again.
        if (tries >= conn.size) await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  })();
  return {
    done,
    cancel: () => {
      cancelled = true;
      stream?.cancel();
    },
  };
}
