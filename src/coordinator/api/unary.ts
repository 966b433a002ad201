import type { handleUnaryCall, ServerUnaryCall } from '@grpc/grpc-js';
import { toServiceError } from '../../common/grpc-errors.js';
import type { Logger } from '../../common/logger.js';
import type { RpcName } from '../auth/rpc-permissions.js';
import type { AccessControl } from './access.js';
import type { Caller } from './caller.js';

/** What every handler wrapper needs: where to log defects, and who decides whether a caller may call. */
export interface ApiContext {
  logger: Logger;
  access: AccessControl;
}

/**
 * Wraps a handler: authenticates and authorizes the caller for `rpc`, runs it, and answers a thrown ParallaxError
 * with its status. Anything else is a defect: logged here with its stack, answered as INTERNAL without details.
 */
export function unary<Req, Res>(
  api: ApiContext,
  rpc: RpcName,
  handler: (request: Req, caller: Caller, call: ServerUnaryCall<Req, Res>) => Promise<Res>,
): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    api.access
      .authorize(rpc, call.metadata, call.getPeer())
      .then((caller) => handler(call.request, caller, call))
      .then(
        (response) => callback(null, response),
        (err: unknown) => {
          const answer = toServiceError(err);
          if (answer.code === 13) api.logger.error('request failed', { rpc, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
          callback(answer);
        },
      );
  };
}
