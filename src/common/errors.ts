import { status as GrpcStatus } from '@grpc/grpc-js';

/**
 * The one error hierarchy of Parallax. Every error a person can meet has a stable `code`, a message that says what
 * to do, one gRPC status and one CLI exit code. `BugError` is ours (report it); everything else the user can fix.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  authentication: 4,
  permission: 5,
  conflict: 6,
  unavailable: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'already_exists'
  | 'failed_precondition'
  | 'unauthenticated'
  | 'permission_denied'
  | 'resource_exhausted'
  | 'unavailable'
  | 'deadline_exceeded'
  | 'internal';

export abstract class ParallaxError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly grpcStatus: GrpcStatus;
  abstract readonly exitCode: ExitCode;
  /** The input field the error is about, when there is one (a flag, a request field). */
  readonly field: string | undefined;

  constructor(message: string, options?: { field?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.field = options?.field;
  }
}

/** Input that is not acceptable: names the field and what would be accepted. */
export class InvalidArgumentError extends ParallaxError {
  readonly code = 'invalid_argument';
  readonly grpcStatus = GrpcStatus.INVALID_ARGUMENT;
  readonly exitCode = ExitCode.usage;
}

export class NotFoundError extends ParallaxError {
  readonly code = 'not_found';
  readonly grpcStatus = GrpcStatus.NOT_FOUND;
  readonly exitCode = ExitCode.notFound;
}

export class AlreadyExistsError extends ParallaxError {
  readonly code = 'already_exists';
  readonly grpcStatus = GrpcStatus.ALREADY_EXISTS;
  readonly exitCode = ExitCode.conflict;
}

/** The request is well formed but the state does not allow it (a stale attempt, a run that already ended). */
export class FailedPreconditionError extends ParallaxError {
  readonly code = 'failed_precondition';
  readonly grpcStatus = GrpcStatus.FAILED_PRECONDITION;
  readonly exitCode = ExitCode.conflict;
}

export class UnauthenticatedError extends ParallaxError {
  readonly code = 'unauthenticated';
  readonly grpcStatus = GrpcStatus.UNAUTHENTICATED;
  readonly exitCode = ExitCode.authentication;
}

export class PermissionDeniedError extends ParallaxError {
  readonly code = 'permission_denied';
  readonly grpcStatus = GrpcStatus.PERMISSION_DENIED;
  readonly exitCode = ExitCode.permission;
}

export class ResourceExhaustedError extends ParallaxError {
  readonly code = 'resource_exhausted';
  readonly grpcStatus = GrpcStatus.RESOURCE_EXHAUSTED;
  readonly exitCode = ExitCode.conflict;
}

/** The coordinator cannot be reached or cannot serve now; trying again later may work. */
export class UnavailableError extends ParallaxError {
  readonly code = 'unavailable';
  readonly grpcStatus = GrpcStatus.UNAVAILABLE;
  readonly exitCode = ExitCode.unavailable;
}

export class DeadlineExceededError extends ParallaxError {
  readonly code = 'deadline_exceeded';
  readonly grpcStatus = GrpcStatus.DEADLINE_EXCEEDED;
  readonly exitCode = ExitCode.unavailable;
}

/** A defect of Parallax, not of the input: the message asks for a report. */
export class BugError extends ParallaxError {
  readonly code = 'internal';
  readonly grpcStatus = GrpcStatus.INTERNAL;
  readonly exitCode = ExitCode.failure;
}

type ErrorClass = new (message: string, options?: { field?: string; cause?: unknown }) => ParallaxError;

const byCode: Record<ErrorCode, ErrorClass> = {
  invalid_argument: InvalidArgumentError,
  not_found: NotFoundError,
  already_exists: AlreadyExistsError,
  failed_precondition: FailedPreconditionError,
  unauthenticated: UnauthenticatedError,
  permission_denied: PermissionDeniedError,
  resource_exhausted: ResourceExhaustedError,
  unavailable: UnavailableError,
  deadline_exceeded: DeadlineExceededError,
  internal: BugError,
};

export function errorFromCode(code: string, message: string, field?: string): ParallaxError {
  const Class = (byCode as Record<string, ErrorClass | undefined>)[code] ?? BugError;
  return new Class(message, field === undefined || field === '' ? undefined : { field });
}

export function isParallaxError(err: unknown): err is ParallaxError {
  return err instanceof ParallaxError;
}
