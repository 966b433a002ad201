import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Ack as _parallax_v1_Ack, Ack__Output as _parallax_v1_Ack__Output } from './parallax/v1/Ack.js';
import type { AgentMessage as _parallax_v1_AgentMessage, AgentMessage__Output as _parallax_v1_AgentMessage__Output } from './parallax/v1/AgentMessage.js';
import type { AgentServiceClient as _parallax_v1_AgentServiceClient, AgentServiceDefinition as _parallax_v1_AgentServiceDefinition } from './parallax/v1/AgentService.js';
import type { AppendOutputRequest as _parallax_v1_AppendOutputRequest, AppendOutputRequest__Output as _parallax_v1_AppendOutputRequest__Output } from './parallax/v1/AppendOutputRequest.js';
import type { Assignment as _parallax_v1_Assignment, Assignment__Output as _parallax_v1_Assignment__Output } from './parallax/v1/Assignment.js';
import type { Attempt as _parallax_v1_Attempt, Attempt__Output as _parallax_v1_Attempt__Output } from './parallax/v1/Attempt.js';
import type { AttemptRef as _parallax_v1_AttemptRef, AttemptRef__Output as _parallax_v1_AttemptRef__Output } from './parallax/v1/AttemptRef.js';
import type { Cancel as _parallax_v1_Cancel, Cancel__Output as _parallax_v1_Cancel__Output } from './parallax/v1/Cancel.js';
import type { CoordinatorMessage as _parallax_v1_CoordinatorMessage, CoordinatorMessage__Output as _parallax_v1_CoordinatorMessage__Output } from './parallax/v1/CoordinatorMessage.js';
import type { Heartbeat as _parallax_v1_Heartbeat, Heartbeat__Output as _parallax_v1_Heartbeat__Output } from './parallax/v1/Heartbeat.js';
import type { Hello as _parallax_v1_Hello, Hello__Output as _parallax_v1_Hello__Output } from './parallax/v1/Hello.js';
import type { HttpRequest as _parallax_v1_HttpRequest, HttpRequest__Output as _parallax_v1_HttpRequest__Output } from './parallax/v1/HttpRequest.js';
import type { LeaseRenewed as _parallax_v1_LeaseRenewed, LeaseRenewed__Output as _parallax_v1_LeaseRenewed__Output } from './parallax/v1/LeaseRenewed.js';
import type { OutputPiece as _parallax_v1_OutputPiece, OutputPiece__Output as _parallax_v1_OutputPiece__Output } from './parallax/v1/OutputPiece.js';
import type { Report as _parallax_v1_Report, Report__Output as _parallax_v1_Report__Output } from './parallax/v1/Report.js';
import type { ReportResult as _parallax_v1_ReportResult, ReportResult__Output as _parallax_v1_ReportResult__Output } from './parallax/v1/ReportResult.js';
import type { Run as _parallax_v1_Run, Run__Output as _parallax_v1_Run__Output } from './parallax/v1/Run.js';
import type { RunFinishedRequest as _parallax_v1_RunFinishedRequest, RunFinishedRequest__Output as _parallax_v1_RunFinishedRequest__Output } from './parallax/v1/RunFinishedRequest.js';
import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from './parallax/v1/RunSpec.js';
import type { RunStartedRequest as _parallax_v1_RunStartedRequest, RunStartedRequest__Output as _parallax_v1_RunStartedRequest__Output } from './parallax/v1/RunStartedRequest.js';
import type { SshTarget as _parallax_v1_SshTarget, SshTarget__Output as _parallax_v1_SshTarget__Output } from './parallax/v1/SshTarget.js';
import type { Welcome as _parallax_v1_Welcome, Welcome__Output as _parallax_v1_Welcome__Output } from './parallax/v1/Welcome.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  parallax: {
    v1: {
      Ack: MessageTypeDefinition<_parallax_v1_Ack, _parallax_v1_Ack__Output>
      AgentMessage: MessageTypeDefinition<_parallax_v1_AgentMessage, _parallax_v1_AgentMessage__Output>
      /**
       * The API agents use. An agent keeps one Session stream open: it says who it is and how busy it is, and receives
       * runs and cancellations on it with no polling delay. What happens to a run is reported on that stream (a Report,
       * answered by a ReportResult) while it is open, and with the unary calls below while it is not (any coordinator
       * takes them); both carry the run id and the attempt number. A report for an attempt that is no longer current is
       * refused with FAILED_PRECONDITION (fencing), and the agent then stops that attempt's processes.
       */
      AgentService: SubtypeConstructor<typeof grpc.Client, _parallax_v1_AgentServiceClient> & { service: _parallax_v1_AgentServiceDefinition }
      AppendOutputRequest: MessageTypeDefinition<_parallax_v1_AppendOutputRequest, _parallax_v1_AppendOutputRequest__Output>
      Assignment: MessageTypeDefinition<_parallax_v1_Assignment, _parallax_v1_Assignment__Output>
      Attempt: MessageTypeDefinition<_parallax_v1_Attempt, _parallax_v1_Attempt__Output>
      AttemptRef: MessageTypeDefinition<_parallax_v1_AttemptRef, _parallax_v1_AttemptRef__Output>
      Cancel: MessageTypeDefinition<_parallax_v1_Cancel, _parallax_v1_Cancel__Output>
      CoordinatorMessage: MessageTypeDefinition<_parallax_v1_CoordinatorMessage, _parallax_v1_CoordinatorMessage__Output>
      Heartbeat: MessageTypeDefinition<_parallax_v1_Heartbeat, _parallax_v1_Heartbeat__Output>
      Hello: MessageTypeDefinition<_parallax_v1_Hello, _parallax_v1_Hello__Output>
      HttpRequest: MessageTypeDefinition<_parallax_v1_HttpRequest, _parallax_v1_HttpRequest__Output>
      LeaseRenewed: MessageTypeDefinition<_parallax_v1_LeaseRenewed, _parallax_v1_LeaseRenewed__Output>
      OutputPiece: MessageTypeDefinition<_parallax_v1_OutputPiece, _parallax_v1_OutputPiece__Output>
      Report: MessageTypeDefinition<_parallax_v1_Report, _parallax_v1_Report__Output>
      ReportResult: MessageTypeDefinition<_parallax_v1_ReportResult, _parallax_v1_ReportResult__Output>
      Run: MessageTypeDefinition<_parallax_v1_Run, _parallax_v1_Run__Output>
      RunFinishedRequest: MessageTypeDefinition<_parallax_v1_RunFinishedRequest, _parallax_v1_RunFinishedRequest__Output>
      RunSpec: MessageTypeDefinition<_parallax_v1_RunSpec, _parallax_v1_RunSpec__Output>
      RunStartedRequest: MessageTypeDefinition<_parallax_v1_RunStartedRequest, _parallax_v1_RunStartedRequest__Output>
      SshTarget: MessageTypeDefinition<_parallax_v1_SshTarget, _parallax_v1_SshTarget__Output>
      Welcome: MessageTypeDefinition<_parallax_v1_Welcome, _parallax_v1_Welcome__Output>
    }
  }
}

