import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Attempt as _parallax_v1_Attempt, Attempt__Output as _parallax_v1_Attempt__Output } from './parallax/v1/Attempt.js';
import type { HttpRequest as _parallax_v1_HttpRequest, HttpRequest__Output as _parallax_v1_HttpRequest__Output } from './parallax/v1/HttpRequest.js';
import type { Run as _parallax_v1_Run, Run__Output as _parallax_v1_Run__Output } from './parallax/v1/Run.js';
import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from './parallax/v1/RunSpec.js';
import type { SshTarget as _parallax_v1_SshTarget, SshTarget__Output as _parallax_v1_SshTarget__Output } from './parallax/v1/SshTarget.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  parallax: {
    v1: {
      Attempt: MessageTypeDefinition<_parallax_v1_Attempt, _parallax_v1_Attempt__Output>
      HttpRequest: MessageTypeDefinition<_parallax_v1_HttpRequest, _parallax_v1_HttpRequest__Output>
      Run: MessageTypeDefinition<_parallax_v1_Run, _parallax_v1_Run__Output>
      RunSpec: MessageTypeDefinition<_parallax_v1_RunSpec, _parallax_v1_RunSpec__Output>
      SshTarget: MessageTypeDefinition<_parallax_v1_SshTarget, _parallax_v1_SshTarget__Output>
    }
  }
}

