import { Metadata, type ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import {
  BugError,
  DeadlineExceededError,
  errorFromCode,
  FailedPreconditionError,
  isParallaxError,
  type ParallaxError,
  UnavailableError,
} from './errors.js';

const CODE_KEY = 'parallax-code';
const FIELD_KEY = 'parallax-field';

/** A ParallaxError as a gRPC status with its stable code in the trailers. Anything else becomes an internal error. */
export function toServiceError(err: unknown): Partial<ServiceError> {
  const known: ParallaxError = isParallaxError(err)
    ? err
    : new BugError('internal error in the coordinator; see its log', { cause: err });
  const metadata = new Metadata();
  metadata.set(CODE_KEY, known.code);
  if (known.field !== undefined) metadata.set(FIELD_KEY, known.field);
  return { code: known.grpcStatus, details: known.message, metadata };
}

function isServiceError(err: unknown): err is ServiceError {
  return typeof err === 'object' && err !== null && 'code' in err && 'metadata' in err && 'details' in err;
}

/** An answer from a server at that address that does not speak gRPC: something other than a coordinator. */
export function isNotCoordinator(err: { code: number; details: string }): boolean {
  return err.code === GrpcStatus.UNIMPLEMENTED && /^Received HTTP status code \d+/.test(err.details);
}

/** The ParallaxError a failed call stands for, on the client side. `target` names the server in messages. */
export function fromServiceError(err: unknown, target: string): ParallaxError {
  if (isParallaxError(err)) return err;
  if (!isServiceError(err)) return new BugError(err instanceof Error ? err.message : String(err), { cause: err });
  const code = err.metadata.get(CODE_KEY)[0];
  if (typeof code === 'string') {
    const field = err.metadata.get(FIELD_KEY)[0];
    return errorFromCode(code, err.details, typeof field === 'string' ? field : undefined);
  }
  switch (err.code) {
    case GrpcStatus.UNAVAILABLE:
      // grpc-js ends its transport errors with "Resolution note: " even when it has none to give.
      return new UnavailableError(`cannot reach the coordinator at ${target}: ${err.details.replace(/\s*Resolution note:\s*$/, '')}`);
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new DeadlineExceededError(`the coordinator at ${target} did not answer in time`);
    case GrpcStatus.CANCELLED:
      return new UnavailableError(`the call to ${target} was cancelled: ${err.details}`);
    case GrpcStatus.UNIMPLEMENTED:
      // An HTTP/2 server that is not a coordinator (grpc-js: "Received HTTP status code 404"), or a coordinator of
      // another version that lacks the call.
      if (isNotCoordinator(err)) {
        return new UnavailableError(`${target} is not a Parallax coordinator (it answered ${err.details.replace(/^Received /, '')}): is this the address the coordinator listens on?`);
      }
      return new FailedPreconditionError(`the coordinator at ${target} does not know this call (${err.details}): it runs another version of Parallax`);
    default:
      return new BugError(`unexpected answer from ${target}: ${GrpcStatus[err.code]} ${err.details}`);
  }
}
