import type { handleUnaryCall, ServerUnaryCall } from '@grpc/grpc-js';
import { toServiceError } from '../../common/grpc-errors.js';
import type { Logger } from '../../common/logger.js';
import { authenticate, type Caller } from './caller.js';

/**
 * Wraps a handler: authenticates the caller, runs it, and answers a thrown ParallaxError with its status. Anything
 * else is a defect: logged here with its stack, answered as INTERNAL without details.
 */
export function unary<Req, Res>(
  logger: Logger,
  name: string,
  handler: (request: Req, caller: Caller, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    let caller: Caller;
    try {
      caller = authenticate(call.metadata);
    } catch (err) {
      callback(toServiceError(err));
      return;
    }
    handler(call.request, caller, call).then(
      (response) => callback(null, response),
      (err: unknown) => {
        const answer = toServiceError(err);
        if (answer.code === 13) logger.error('request failed', { rpc: name, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        callback(answer);
      },
    );
  };
}
