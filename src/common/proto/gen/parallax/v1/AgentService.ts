// Original file: proto/parallax/v1/agent.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Ack as _parallax_v1_Ack, Ack__Output as _parallax_v1_Ack__Output } from '../../parallax/v1/Ack.js';
import type { AgentMessage as _parallax_v1_AgentMessage, AgentMessage__Output as _parallax_v1_AgentMessage__Output } from '../../parallax/v1/AgentMessage.js';
import type { AppendOutputRequest as _parallax_v1_AppendOutputRequest, AppendOutputRequest__Output as _parallax_v1_AppendOutputRequest__Output } from '../../parallax/v1/AppendOutputRequest.js';
import type { CoordinatorMessage as _parallax_v1_CoordinatorMessage, CoordinatorMessage__Output as _parallax_v1_CoordinatorMessage__Output } from '../../parallax/v1/CoordinatorMessage.js';
import type { RunFinishedRequest as _parallax_v1_RunFinishedRequest, RunFinishedRequest__Output as _parallax_v1_RunFinishedRequest__Output } from '../../parallax/v1/RunFinishedRequest.js';
import type { RunStartedRequest as _parallax_v1_RunStartedRequest, RunStartedRequest__Output as _parallax_v1_RunStartedRequest__Output } from '../../parallax/v1/RunStartedRequest.js';

/**
 * The API agents use. An agent keeps one Session stream open: it says who it is and how busy it is, and receives
 * runs and cancellations on it with no polling delay. What happens to a run is reported on that stream (a Report,
 * answered by a ReportResult) while it is open, and with the unary calls below while it is not (any coordinator
 * takes them); both carry the run id and the attempt number. A report for an attempt that is no longer current is
 * refused with FAILED_PRECONDITION (fencing), and the agent then stops that attempt's processes.
 */
export interface AgentServiceClient extends grpc.Client {
  AppendOutput(argument: _parallax_v1_AppendOutputRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  AppendOutput(argument: _parallax_v1_AppendOutputRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  AppendOutput(argument: _parallax_v1_AppendOutputRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  AppendOutput(argument: _parallax_v1_AppendOutputRequest, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  appendOutput(argument: _parallax_v1_AppendOutputRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  appendOutput(argument: _parallax_v1_AppendOutputRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  appendOutput(argument: _parallax_v1_AppendOutputRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  appendOutput(argument: _parallax_v1_AppendOutputRequest, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  
  RunFinished(argument: _parallax_v1_RunFinishedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  RunFinished(argument: _parallax_v1_RunFinishedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  RunFinished(argument: _parallax_v1_RunFinishedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  RunFinished(argument: _parallax_v1_RunFinishedRequest, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runFinished(argument: _parallax_v1_RunFinishedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runFinished(argument: _parallax_v1_RunFinishedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runFinished(argument: _parallax_v1_RunFinishedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runFinished(argument: _parallax_v1_RunFinishedRequest, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  
  RunStarted(argument: _parallax_v1_RunStartedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  RunStarted(argument: _parallax_v1_RunStartedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  RunStarted(argument: _parallax_v1_RunStartedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  RunStarted(argument: _parallax_v1_RunStartedRequest, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runStarted(argument: _parallax_v1_RunStartedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runStarted(argument: _parallax_v1_RunStartedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runStarted(argument: _parallax_v1_RunStartedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  runStarted(argument: _parallax_v1_RunStartedRequest, callback: grpc.requestCallback<_parallax_v1_Ack__Output>): grpc.ClientUnaryCall;
  
  Session(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_parallax_v1_AgentMessage, _parallax_v1_CoordinatorMessage__Output>;
  Session(options?: grpc.CallOptions): grpc.ClientDuplexStream<_parallax_v1_AgentMessage, _parallax_v1_CoordinatorMessage__Output>;
  session(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_parallax_v1_AgentMessage, _parallax_v1_CoordinatorMessage__Output>;
  session(options?: grpc.CallOptions): grpc.ClientDuplexStream<_parallax_v1_AgentMessage, _parallax_v1_CoordinatorMessage__Output>;
  
}

/**
 * The API agents use. An agent keeps one Session stream open: it says who it is and how busy it is, and receives
 * runs and cancellations on it with no polling delay. What happens to a run is reported on that stream (a Report,
 * answered by a ReportResult) while it is open, and with the unary calls below while it is not (any coordinator
 * takes them); both carry the run id and the attempt number. A report for an attempt that is no longer current is
 * refused with FAILED_PRECONDITION (fencing), and the agent then stops that attempt's processes.
 */
export interface AgentServiceHandlers extends grpc.UntypedServiceImplementation {
  AppendOutput: grpc.handleUnaryCall<_parallax_v1_AppendOutputRequest__Output, _parallax_v1_Ack>;
  
  RunFinished: grpc.handleUnaryCall<_parallax_v1_RunFinishedRequest__Output, _parallax_v1_Ack>;
  
  RunStarted: grpc.handleUnaryCall<_parallax_v1_RunStartedRequest__Output, _parallax_v1_Ack>;
  
  Session: grpc.handleBidiStreamingCall<_parallax_v1_AgentMessage__Output, _parallax_v1_CoordinatorMessage>;
  
}

export interface AgentServiceDefinition extends grpc.ServiceDefinition {
  AppendOutput: MethodDefinition<_parallax_v1_AppendOutputRequest, _parallax_v1_Ack, _parallax_v1_AppendOutputRequest__Output, _parallax_v1_Ack__Output>
  RunFinished: MethodDefinition<_parallax_v1_RunFinishedRequest, _parallax_v1_Ack, _parallax_v1_RunFinishedRequest__Output, _parallax_v1_Ack__Output>
  RunStarted: MethodDefinition<_parallax_v1_RunStartedRequest, _parallax_v1_Ack, _parallax_v1_RunStartedRequest__Output, _parallax_v1_Ack__Output>
  Session: MethodDefinition<_parallax_v1_AgentMessage, _parallax_v1_CoordinatorMessage, _parallax_v1_AgentMessage__Output, _parallax_v1_CoordinatorMessage__Output>
}
