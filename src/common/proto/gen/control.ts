import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddMemberRequest as _parallax_v1_AddMemberRequest, AddMemberRequest__Output as _parallax_v1_AddMemberRequest__Output } from './parallax/v1/AddMemberRequest.js';
import type { Agent as _parallax_v1_Agent, Agent__Output as _parallax_v1_Agent__Output } from './parallax/v1/Agent.js';
import type { Attempt as _parallax_v1_Attempt, Attempt__Output as _parallax_v1_Attempt__Output } from './parallax/v1/Attempt.js';
import type { BackfillScheduleRequest as _parallax_v1_BackfillScheduleRequest, BackfillScheduleRequest__Output as _parallax_v1_BackfillScheduleRequest__Output } from './parallax/v1/BackfillScheduleRequest.js';
import type { BackfillScheduleResponse as _parallax_v1_BackfillScheduleResponse, BackfillScheduleResponse__Output as _parallax_v1_BackfillScheduleResponse__Output } from './parallax/v1/BackfillScheduleResponse.js';
import type { CancelRunRequest as _parallax_v1_CancelRunRequest, CancelRunRequest__Output as _parallax_v1_CancelRunRequest__Output } from './parallax/v1/CancelRunRequest.js';
import type { Chain as _parallax_v1_Chain, Chain__Output as _parallax_v1_Chain__Output } from './parallax/v1/Chain.js';
import type { ClusterMember as _parallax_v1_ClusterMember, ClusterMember__Output as _parallax_v1_ClusterMember__Output } from './parallax/v1/ClusterMember.js';
import type { ClusterStatusRequest as _parallax_v1_ClusterStatusRequest, ClusterStatusRequest__Output as _parallax_v1_ClusterStatusRequest__Output } from './parallax/v1/ClusterStatusRequest.js';
import type { ClusterStatusResponse as _parallax_v1_ClusterStatusResponse, ClusterStatusResponse__Output as _parallax_v1_ClusterStatusResponse__Output } from './parallax/v1/ClusterStatusResponse.js';
import type { ControlClient as _parallax_v1_ControlClient, ControlDefinition as _parallax_v1_ControlDefinition } from './parallax/v1/Control.js';
import type { CreateScheduleRequest as _parallax_v1_CreateScheduleRequest, CreateScheduleRequest__Output as _parallax_v1_CreateScheduleRequest__Output } from './parallax/v1/CreateScheduleRequest.js';
import type { DeleteScheduleRequest as _parallax_v1_DeleteScheduleRequest, DeleteScheduleRequest__Output as _parallax_v1_DeleteScheduleRequest__Output } from './parallax/v1/DeleteScheduleRequest.js';
import type { DeleteScheduleResponse as _parallax_v1_DeleteScheduleResponse, DeleteScheduleResponse__Output as _parallax_v1_DeleteScheduleResponse__Output } from './parallax/v1/DeleteScheduleResponse.js';
import type { DeleteVariableRequest as _parallax_v1_DeleteVariableRequest, DeleteVariableRequest__Output as _parallax_v1_DeleteVariableRequest__Output } from './parallax/v1/DeleteVariableRequest.js';
import type { DeleteVariableResponse as _parallax_v1_DeleteVariableResponse, DeleteVariableResponse__Output as _parallax_v1_DeleteVariableResponse__Output } from './parallax/v1/DeleteVariableResponse.js';
import type { DrainAgentRequest as _parallax_v1_DrainAgentRequest, DrainAgentRequest__Output as _parallax_v1_DrainAgentRequest__Output } from './parallax/v1/DrainAgentRequest.js';
import type { DueTime as _parallax_v1_DueTime, DueTime__Output as _parallax_v1_DueTime__Output } from './parallax/v1/DueTime.js';
import type { FieldChange as _parallax_v1_FieldChange, FieldChange__Output as _parallax_v1_FieldChange__Output } from './parallax/v1/FieldChange.js';
import type { GetRunRequest as _parallax_v1_GetRunRequest, GetRunRequest__Output as _parallax_v1_GetRunRequest__Output } from './parallax/v1/GetRunRequest.js';
import type { GetScheduleRequest as _parallax_v1_GetScheduleRequest, GetScheduleRequest__Output as _parallax_v1_GetScheduleRequest__Output } from './parallax/v1/GetScheduleRequest.js';
import type { GetVariableRequest as _parallax_v1_GetVariableRequest, GetVariableRequest__Output as _parallax_v1_GetVariableRequest__Output } from './parallax/v1/GetVariableRequest.js';
import type { HistoryEntry as _parallax_v1_HistoryEntry, HistoryEntry__Output as _parallax_v1_HistoryEntry__Output } from './parallax/v1/HistoryEntry.js';
import type { HttpRequest as _parallax_v1_HttpRequest, HttpRequest__Output as _parallax_v1_HttpRequest__Output } from './parallax/v1/HttpRequest.js';
import type { ListAgentsRequest as _parallax_v1_ListAgentsRequest, ListAgentsRequest__Output as _parallax_v1_ListAgentsRequest__Output } from './parallax/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _parallax_v1_ListAgentsResponse, ListAgentsResponse__Output as _parallax_v1_ListAgentsResponse__Output } from './parallax/v1/ListAgentsResponse.js';
import type { ListRunsRequest as _parallax_v1_ListRunsRequest, ListRunsRequest__Output as _parallax_v1_ListRunsRequest__Output } from './parallax/v1/ListRunsRequest.js';
import type { ListRunsResponse as _parallax_v1_ListRunsResponse, ListRunsResponse__Output as _parallax_v1_ListRunsResponse__Output } from './parallax/v1/ListRunsResponse.js';
import type { ListSchedulesRequest as _parallax_v1_ListSchedulesRequest, ListSchedulesRequest__Output as _parallax_v1_ListSchedulesRequest__Output } from './parallax/v1/ListSchedulesRequest.js';
import type { ListSchedulesResponse as _parallax_v1_ListSchedulesResponse, ListSchedulesResponse__Output as _parallax_v1_ListSchedulesResponse__Output } from './parallax/v1/ListSchedulesResponse.js';
import type { ListVariablesRequest as _parallax_v1_ListVariablesRequest, ListVariablesRequest__Output as _parallax_v1_ListVariablesRequest__Output } from './parallax/v1/ListVariablesRequest.js';
import type { ListVariablesResponse as _parallax_v1_ListVariablesResponse, ListVariablesResponse__Output as _parallax_v1_ListVariablesResponse__Output } from './parallax/v1/ListVariablesResponse.js';
import type { NextDueTimesRequest as _parallax_v1_NextDueTimesRequest, NextDueTimesRequest__Output as _parallax_v1_NextDueTimesRequest__Output } from './parallax/v1/NextDueTimesRequest.js';
import type { NextDueTimesResponse as _parallax_v1_NextDueTimesResponse, NextDueTimesResponse__Output as _parallax_v1_NextDueTimesResponse__Output } from './parallax/v1/NextDueTimesResponse.js';
import type { OutputChunk as _parallax_v1_OutputChunk, OutputChunk__Output as _parallax_v1_OutputChunk__Output } from './parallax/v1/OutputChunk.js';
import type { PutVariableRequest as _parallax_v1_PutVariableRequest, PutVariableRequest__Output as _parallax_v1_PutVariableRequest__Output } from './parallax/v1/PutVariableRequest.js';
import type { ReadRunOutputRequest as _parallax_v1_ReadRunOutputRequest, ReadRunOutputRequest__Output as _parallax_v1_ReadRunOutputRequest__Output } from './parallax/v1/ReadRunOutputRequest.js';
import type { RemoveMemberRequest as _parallax_v1_RemoveMemberRequest, RemoveMemberRequest__Output as _parallax_v1_RemoveMemberRequest__Output } from './parallax/v1/RemoveMemberRequest.js';
import type { Run as _parallax_v1_Run, Run__Output as _parallax_v1_Run__Output } from './parallax/v1/Run.js';
import type { RunSpec as _parallax_v1_RunSpec, RunSpec__Output as _parallax_v1_RunSpec__Output } from './parallax/v1/RunSpec.js';
import type { Schedule as _parallax_v1_Schedule, Schedule__Output as _parallax_v1_Schedule__Output } from './parallax/v1/Schedule.js';
import type { ScheduleHistoryRequest as _parallax_v1_ScheduleHistoryRequest, ScheduleHistoryRequest__Output as _parallax_v1_ScheduleHistoryRequest__Output } from './parallax/v1/ScheduleHistoryRequest.js';
import type { ScheduleHistoryResponse as _parallax_v1_ScheduleHistoryResponse, ScheduleHistoryResponse__Output as _parallax_v1_ScheduleHistoryResponse__Output } from './parallax/v1/ScheduleHistoryResponse.js';
import type { ScheduleVersion as _parallax_v1_ScheduleVersion, ScheduleVersion__Output as _parallax_v1_ScheduleVersion__Output } from './parallax/v1/ScheduleVersion.js';
import type { ScheduleVersionsRequest as _parallax_v1_ScheduleVersionsRequest, ScheduleVersionsRequest__Output as _parallax_v1_ScheduleVersionsRequest__Output } from './parallax/v1/ScheduleVersionsRequest.js';
import type { ScheduleVersionsResponse as _parallax_v1_ScheduleVersionsResponse, ScheduleVersionsResponse__Output as _parallax_v1_ScheduleVersionsResponse__Output } from './parallax/v1/ScheduleVersionsResponse.js';
import type { SshTarget as _parallax_v1_SshTarget, SshTarget__Output as _parallax_v1_SshTarget__Output } from './parallax/v1/SshTarget.js';
import type { StatusRequest as _parallax_v1_StatusRequest, StatusRequest__Output as _parallax_v1_StatusRequest__Output } from './parallax/v1/StatusRequest.js';
import type { StatusResponse as _parallax_v1_StatusResponse, StatusResponse__Output as _parallax_v1_StatusResponse__Output } from './parallax/v1/StatusResponse.js';
import type { TransferLeaderRequest as _parallax_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _parallax_v1_TransferLeaderRequest__Output } from './parallax/v1/TransferLeaderRequest.js';
import type { TriggerScheduleRequest as _parallax_v1_TriggerScheduleRequest, TriggerScheduleRequest__Output as _parallax_v1_TriggerScheduleRequest__Output } from './parallax/v1/TriggerScheduleRequest.js';
import type { UpdateScheduleRequest as _parallax_v1_UpdateScheduleRequest, UpdateScheduleRequest__Output as _parallax_v1_UpdateScheduleRequest__Output } from './parallax/v1/UpdateScheduleRequest.js';
import type { Variable as _parallax_v1_Variable, Variable__Output as _parallax_v1_Variable__Output } from './parallax/v1/Variable.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  parallax: {
    v1: {
      AddMemberRequest: MessageTypeDefinition<_parallax_v1_AddMemberRequest, _parallax_v1_AddMemberRequest__Output>
      Agent: MessageTypeDefinition<_parallax_v1_Agent, _parallax_v1_Agent__Output>
      Attempt: MessageTypeDefinition<_parallax_v1_Attempt, _parallax_v1_Attempt__Output>
      BackfillScheduleRequest: MessageTypeDefinition<_parallax_v1_BackfillScheduleRequest, _parallax_v1_BackfillScheduleRequest__Output>
      BackfillScheduleResponse: MessageTypeDefinition<_parallax_v1_BackfillScheduleResponse, _parallax_v1_BackfillScheduleResponse__Output>
      CancelRunRequest: MessageTypeDefinition<_parallax_v1_CancelRunRequest, _parallax_v1_CancelRunRequest__Output>
      Chain: MessageTypeDefinition<_parallax_v1_Chain, _parallax_v1_Chain__Output>
      ClusterMember: MessageTypeDefinition<_parallax_v1_ClusterMember, _parallax_v1_ClusterMember__Output>
      ClusterStatusRequest: MessageTypeDefinition<_parallax_v1_ClusterStatusRequest, _parallax_v1_ClusterStatusRequest__Output>
      ClusterStatusResponse: MessageTypeDefinition<_parallax_v1_ClusterStatusResponse, _parallax_v1_ClusterStatusResponse__Output>
      /**
       * The API the CLI uses. Errors are gRPC statuses; the trailer `parallax-code` carries the stable error code.
       */
      Control: SubtypeConstructor<typeof grpc.Client, _parallax_v1_ControlClient> & { service: _parallax_v1_ControlDefinition }
      CreateScheduleRequest: MessageTypeDefinition<_parallax_v1_CreateScheduleRequest, _parallax_v1_CreateScheduleRequest__Output>
      DeleteScheduleRequest: MessageTypeDefinition<_parallax_v1_DeleteScheduleRequest, _parallax_v1_DeleteScheduleRequest__Output>
      DeleteScheduleResponse: MessageTypeDefinition<_parallax_v1_DeleteScheduleResponse, _parallax_v1_DeleteScheduleResponse__Output>
      DeleteVariableRequest: MessageTypeDefinition<_parallax_v1_DeleteVariableRequest, _parallax_v1_DeleteVariableRequest__Output>
      DeleteVariableResponse: MessageTypeDefinition<_parallax_v1_DeleteVariableResponse, _parallax_v1_DeleteVariableResponse__Output>
      DrainAgentRequest: MessageTypeDefinition<_parallax_v1_DrainAgentRequest, _parallax_v1_DrainAgentRequest__Output>
      DueTime: MessageTypeDefinition<_parallax_v1_DueTime, _parallax_v1_DueTime__Output>
      FieldChange: MessageTypeDefinition<_parallax_v1_FieldChange, _parallax_v1_FieldChange__Output>
      GetRunRequest: MessageTypeDefinition<_parallax_v1_GetRunRequest, _parallax_v1_GetRunRequest__Output>
      GetScheduleRequest: MessageTypeDefinition<_parallax_v1_GetScheduleRequest, _parallax_v1_GetScheduleRequest__Output>
      GetVariableRequest: MessageTypeDefinition<_parallax_v1_GetVariableRequest, _parallax_v1_GetVariableRequest__Output>
      HistoryEntry: MessageTypeDefinition<_parallax_v1_HistoryEntry, _parallax_v1_HistoryEntry__Output>
      HttpRequest: MessageTypeDefinition<_parallax_v1_HttpRequest, _parallax_v1_HttpRequest__Output>
      ListAgentsRequest: MessageTypeDefinition<_parallax_v1_ListAgentsRequest, _parallax_v1_ListAgentsRequest__Output>
      ListAgentsResponse: MessageTypeDefinition<_parallax_v1_ListAgentsResponse, _parallax_v1_ListAgentsResponse__Output>
      ListRunsRequest: MessageTypeDefinition<_parallax_v1_ListRunsRequest, _parallax_v1_ListRunsRequest__Output>
      ListRunsResponse: MessageTypeDefinition<_parallax_v1_ListRunsResponse, _parallax_v1_ListRunsResponse__Output>
      ListSchedulesRequest: MessageTypeDefinition<_parallax_v1_ListSchedulesRequest, _parallax_v1_ListSchedulesRequest__Output>
      ListSchedulesResponse: MessageTypeDefinition<_parallax_v1_ListSchedulesResponse, _parallax_v1_ListSchedulesResponse__Output>
      ListVariablesRequest: MessageTypeDefinition<_parallax_v1_ListVariablesRequest, _parallax_v1_ListVariablesRequest__Output>
      ListVariablesResponse: MessageTypeDefinition<_parallax_v1_ListVariablesResponse, _parallax_v1_ListVariablesResponse__Output>
      NextDueTimesRequest: MessageTypeDefinition<_parallax_v1_NextDueTimesRequest, _parallax_v1_NextDueTimesRequest__Output>
      NextDueTimesResponse: MessageTypeDefinition<_parallax_v1_NextDueTimesResponse, _parallax_v1_NextDueTimesResponse__Output>
      OutputChunk: MessageTypeDefinition<_parallax_v1_OutputChunk, _parallax_v1_OutputChunk__Output>
      PutVariableRequest: MessageTypeDefinition<_parallax_v1_PutVariableRequest, _parallax_v1_PutVariableRequest__Output>
      ReadRunOutputRequest: MessageTypeDefinition<_parallax_v1_ReadRunOutputRequest, _parallax_v1_ReadRunOutputRequest__Output>
      RemoveMemberRequest: MessageTypeDefinition<_parallax_v1_RemoveMemberRequest, _parallax_v1_RemoveMemberRequest__Output>
      Run: MessageTypeDefinition<_parallax_v1_Run, _parallax_v1_Run__Output>
      RunSpec: MessageTypeDefinition<_parallax_v1_RunSpec, _parallax_v1_RunSpec__Output>
      Schedule: MessageTypeDefinition<_parallax_v1_Schedule, _parallax_v1_Schedule__Output>
      ScheduleHistoryRequest: MessageTypeDefinition<_parallax_v1_ScheduleHistoryRequest, _parallax_v1_ScheduleHistoryRequest__Output>
      ScheduleHistoryResponse: MessageTypeDefinition<_parallax_v1_ScheduleHistoryResponse, _parallax_v1_ScheduleHistoryResponse__Output>
      ScheduleVersion: MessageTypeDefinition<_parallax_v1_ScheduleVersion, _parallax_v1_ScheduleVersion__Output>
      ScheduleVersionsRequest: MessageTypeDefinition<_parallax_v1_ScheduleVersionsRequest, _parallax_v1_ScheduleVersionsRequest__Output>
      ScheduleVersionsResponse: MessageTypeDefinition<_parallax_v1_ScheduleVersionsResponse, _parallax_v1_ScheduleVersionsResponse__Output>
      SshTarget: MessageTypeDefinition<_parallax_v1_SshTarget, _parallax_v1_SshTarget__Output>
      StatusRequest: MessageTypeDefinition<_parallax_v1_StatusRequest, _parallax_v1_StatusRequest__Output>
      StatusResponse: MessageTypeDefinition<_parallax_v1_StatusResponse, _parallax_v1_StatusResponse__Output>
      TransferLeaderRequest: MessageTypeDefinition<_parallax_v1_TransferLeaderRequest, _parallax_v1_TransferLeaderRequest__Output>
      TriggerScheduleRequest: MessageTypeDefinition<_parallax_v1_TriggerScheduleRequest, _parallax_v1_TriggerScheduleRequest__Output>
      UpdateScheduleRequest: MessageTypeDefinition<_parallax_v1_UpdateScheduleRequest, _parallax_v1_UpdateScheduleRequest__Output>
      Variable: MessageTypeDefinition<_parallax_v1_Variable, _parallax_v1_Variable__Output>
    }
  }
}

