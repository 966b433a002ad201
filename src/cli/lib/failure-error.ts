import { status as GrpcStatus } from '@grpc/grpc-js';
import { ExitCode, ParallaxError } from '../../common/errors.js';

/**
 * Something failed that is neither bad input nor a defect of ours, such as a child process of `parallax dev` that
 * died: exit 1 with the reason, and no request to report a bug.
 */
export class FailureError extends ParallaxError {
  readonly code = 'internal';
  readonly grpcStatus = GrpcStatus.UNKNOWN;
  readonly exitCode = ExitCode.failure;
}
