/**
 * Options every gRPC channel and server of ours takes. Channelz (grpc-js's live introspection of channels and
 * calls, which nothing of ours serves) counts and timestamps every call and message: turning it off cut a fifth of
 * the CPU a replicated write costs the leader and the floor latency of a call by a third (`npm run bench -- raft`).
 */
export const GRPC_COMMON_OPTIONS = { 'grpc.enable_channelz': 0 } as const;
