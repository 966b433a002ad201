import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';

/**
 * Adds `authorization: Bearer <token>` to every call of a client, streams included. An interceptor, not call
 * credentials, because grpc-js refuses call credentials on a plaintext channel (--insecure); the token is read per
 * call, so a refreshed one is used from the next call on.
 */
export function bearerInterceptor(token: () => string | undefined): Interceptor {
  return (options, nextCall) =>
    new InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        const value = token();
        if (value !== undefined && value !== '') metadata.set('authorization', `Bearer ${value}`);
        next(metadata, listener);
      },
    });
}
