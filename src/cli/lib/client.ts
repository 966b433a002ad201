import type * as grpc from '@grpc/grpc-js';
import { UnavailableError, type ParallaxError } from '../../common/errors.js';
import { fromServiceError } from '../../common/grpc-errors.js';
import type { ControlClient } from '../../common/proto/gen/parallax/v1/Control.js';
import type { OutputChunk__Output } from '../../common/proto/gen/parallax/v1/OutputChunk.js';
import type { ReadRunOutputRequest } from '../../common/proto/gen/parallax/v1/ReadRunOutputRequest.js';

export const DEFAULT_DEADLINE_MS = 10_000;

export interface Connection {
  readonly client: ControlClient;
  /** HOST:PORT, for messages. */
  readonly address: string;
  close(): void;
}

/**
 * grpc-js and the proto files are loaded here, on first use, and not when a command module is imported: `parallax
 * --help` and argument errors then never pay for them.
 */
export async function connect(address: string): Promise<Connection> {
  const [grpcJs, { controlProto }] = await Promise.all([
    import('@grpc/grpc-js'),
    import('../../common/proto/load.js'),
  ]);
  const Control = controlProto().parallax.v1.Control;
  const client = new Control(address, grpcJs.credentials.createInsecure());
  return { client, address, close: () => client.close() };
}

// grpc.status.UNAVAILABLE, spelled out because grpc-js itself is only imported when a call is made.
const GRPC_UNAVAILABLE = 14;

/**
 * Like fromServiceError, but says in a few words why a coordinator cannot be reached instead of passing on
 * grpc-js's transport details ("No connection established. Last error: … Resolution note: ").
 */
export function toCliError(err: unknown, address: string): ParallaxError {
  const known = fromServiceError(err, address);
  if (!isTransportFailure(err)) return known;
  const details = err.details;
  const why = /ECONNREFUSED/.test(details)
    ? 'connection refused; is it running, and is this its address?'
    : /ENOTFOUND|EAI_AGAIN|resolution failed/i.test(details)
      ? 'no such host'
      : /ETIMEDOUT|EHOSTUNREACH|ENETUNREACH/.test(details)
        ? 'the host does not answer'
        : undefined;
  return why === undefined ? known : new UnavailableError(`cannot reach the coordinator at ${address}: ${why}`);
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
  | 'createSchedule'
  | 'getSchedule'
  | 'listSchedules'
  | 'deleteSchedule'
  | 'triggerSchedule'
  | 'getRun'
  | 'listRuns'
  | 'listAgents'
  | 'putVariable'
  | 'getVariable'
  | 'listVariables'
  | 'deleteVariable';

// The generated methods are overloaded; inference sees the last overload, (argument, callback).
export type RequestOf<M extends UnaryMethod> = Parameters<ControlClient[M]>[0];
export type ResponseOf<M extends UnaryMethod> =
  ControlClient[M] extends (argument: never, callback: grpc.requestCallback<infer R>) => unknown ? R : never;

type UnaryWithOptions<Req, Res> = (
  argument: Req,
  options: grpc.CallOptions,
  callback: (err: grpc.ServiceError | null, value?: Res) => void,
) => grpc.ClientUnaryCall;

/** One unary call with a deadline; a failure becomes the ParallaxError it stands for. */
export function call<M extends UnaryMethod>(
  conn: Connection,
  method: M,
  request: RequestOf<M>,
  deadlineMs: number = DEFAULT_DEADLINE_MS,
): Promise<ResponseOf<M>> {
  const invoke = conn.client[method] as unknown as UnaryWithOptions<RequestOf<M>, ResponseOf<M>>;
  return new Promise((resolve, reject) => {
    invoke.call(conn.client, request, { deadline: Date.now() + deadlineMs }, (err, value) => {
      if (err !== null) reject(toCliError(err, conn.address));
      else if (value === undefined) reject(toCliError(new Error(`empty answer to ${method}`), conn.address));
      else resolve(value);
    });
  });
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
  const stream = conn.client.readRunOutput(request, options);
  let cancelled = false;
  const done = (async () => {
    try {
      for await (const chunk of stream as AsyncIterable<OutputChunk__Output>) {
        await onChunk(chunk);
        if (cancelled) break;
      }
    } catch (err) {
      if (!cancelled) throw toCliError(err, conn.address);
    }
  })();
  return {
    done,
    cancel: () => {
      cancelled = true;
      stream.cancel();
    },
  };
}
