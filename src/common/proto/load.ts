import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProtoGrpcType as AgentProto } from './gen/agent.js';
import type { ProtoGrpcType as ControlProto } from './gen/control.js';
import type { ProtoGrpcType as RaftProto } from './gen/raft.js';

/** proto/ at the root of the package, found from this file's place in src/ or dist/. */
export const protoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../proto');

// Must match the options scripts/gen-proto-types.js gives the type generator.
const loaderOptions: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

function load<T>(file: string): T {
  const definition = protoLoader.loadSync(file, loaderOptions);
  return grpc.loadPackageDefinition(definition) as unknown as T;
}

let control: ControlProto | undefined;
let agent: AgentProto | undefined;
let raft: RaftProto | undefined;

export function controlProto(): ControlProto {
  control ??= load<ControlProto>('parallax/v1/control.proto');
  return control;
}

export function agentProto(): AgentProto {
  agent ??= load<AgentProto>('parallax/v1/agent.proto');
  return agent;
}

export function raftProto(): RaftProto {
  raft ??= load<RaftProto>('parallax/v1/raft.proto');
  return raft;
}
