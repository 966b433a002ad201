import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddMemberRequest as _parallax_v1_AddMemberRequest, AddMemberRequest__Output as _parallax_v1_AddMemberRequest__Output } from './parallax/v1/AddMemberRequest.js';
import type { Agent as _parallax_v1_Agent, Agent__Output as _parallax_v1_Agent__Output } from './parallax/v1/Agent.js';
import type { Attempt as _parallax_v1_Attempt, Attempt__Output as _parallax_v1_Attempt__Output } from './parallax/v1/Attempt.js';
import type { AuditEntry as _parallax_v1_AuditEntry, AuditEntry__Output as _parallax_v1_AuditEntry__Output } from './parallax/v1/AuditEntry.js';
import type { BackfillScheduleRequest as _parallax_v1_BackfillScheduleRequest, BackfillScheduleRequest__Output as _parallax_v1_BackfillScheduleRequest__Output } from './parallax/v1/BackfillScheduleRequest.js';
import type { BackfillScheduleResponse as _parallax_v1_BackfillScheduleResponse, BackfillScheduleResponse__Output as _parallax_v1_BackfillScheduleResponse__Output } from './parallax/v1/BackfillScheduleResponse.js';
import type { CancelRunRequest as _parallax_v1_CancelRunRequest, CancelRunRequest__Output as _parallax_v1_CancelRunRequest__Output } from './parallax/v1/CancelRunRequest.js';
import type { Chain as _parallax_v1_Chain, Chain__Output as _parallax_v1_Chain__Output } from './parallax/v1/Chain.js';
import type { ClusterMember as _parallax_v1_ClusterMember, ClusterMember__Output as _parallax_v1_ClusterMember__Output } from './parallax/v1/ClusterMember.js';
import type { ClusterStatusRequest as _parallax_v1_ClusterStatusRequest, ClusterStatusRequest__Output as _parallax_v1_ClusterStatusRequest__Output } from './parallax/v1/ClusterStatusRequest.js';
import type { ClusterStatusResponse as _parallax_v1_ClusterStatusResponse, ClusterStatusResponse__Output as _parallax_v1_ClusterStatusResponse__Output } from './parallax/v1/ClusterStatusResponse.js';
import type { ControlClient as _parallax_v1_ControlClient, ControlDefinition as _parallax_v1_ControlDefinition } from './parallax/v1/Control.js';
import type { CreateRoleRequest as _parallax_v1_CreateRoleRequest, CreateRoleRequest__Output as _parallax_v1_CreateRoleRequest__Output } from './parallax/v1/CreateRoleRequest.js';
import type { CreateScheduleRequest as _parallax_v1_CreateScheduleRequest, CreateScheduleRequest__Output as _parallax_v1_CreateScheduleRequest__Output } from './parallax/v1/CreateScheduleRequest.js';
import type { CreateTenantRequest as _parallax_v1_CreateTenantRequest, CreateTenantRequest__Output as _parallax_v1_CreateTenantRequest__Output } from './parallax/v1/CreateTenantRequest.js';
import type { CreateTokenRequest as _parallax_v1_CreateTokenRequest, CreateTokenRequest__Output as _parallax_v1_CreateTokenRequest__Output } from './parallax/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _parallax_v1_CreateTokenResponse, CreateTokenResponse__Output as _parallax_v1_CreateTokenResponse__Output } from './parallax/v1/CreateTokenResponse.js';
import type { DeleteRoleRequest as _parallax_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _parallax_v1_DeleteRoleRequest__Output } from './parallax/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _parallax_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _parallax_v1_DeleteRoleResponse__Output } from './parallax/v1/DeleteRoleResponse.js';
import type { DeleteScheduleRequest as _parallax_v1_DeleteScheduleRequest, DeleteScheduleRequest__Output as _parallax_v1_DeleteScheduleRequest__Output } from './parallax/v1/DeleteScheduleRequest.js';
import type { DeleteScheduleResponse as _parallax_v1_DeleteScheduleResponse, DeleteScheduleResponse__Output as _parallax_v1_DeleteScheduleResponse__Output } from './parallax/v1/DeleteScheduleResponse.js';
import type { DeleteTenantRequest as _parallax_v1_DeleteTenantRequest, DeleteTenantRequest__Output as _parallax_v1_DeleteTenantRequest__Output } from './parallax/v1/DeleteTenantRequest.js';
import type { DeleteTenantResponse as _parallax_v1_DeleteTenantResponse, DeleteTenantResponse__Output as _parallax_v1_DeleteTenantResponse__Output } from './parallax/v1/DeleteTenantResponse.js';
import type { DeleteVariableRequest as _parallax_v1_DeleteVariableRequest, DeleteVariableRequest__Output as _parallax_v1_DeleteVariableRequest__Output } from './parallax/v1/DeleteVariableRequest.js';
import type { DeleteVariableResponse as _parallax_v1_DeleteVariableResponse, DeleteVariableResponse__Output as _parallax_v1_DeleteVariableResponse__Output } from './parallax/v1/DeleteVariableResponse.js';
import type { DrainAgentRequest as _parallax_v1_DrainAgentRequest, DrainAgentRequest__Output as _parallax_v1_DrainAgentRequest__Output } from './parallax/v1/DrainAgentRequest.js';
import type { DueTime as _parallax_v1_DueTime, DueTime__Output as _parallax_v1_DueTime__Output } from './parallax/v1/DueTime.js';
import type { FieldChange as _parallax_v1_FieldChange, FieldChange__Output as _parallax_v1_FieldChange__Output } from './parallax/v1/FieldChange.js';
import type { GetRunRequest as _parallax_v1_GetRunRequest, GetRunRequest__Output as _parallax_v1_GetRunRequest__Output } from './parallax/v1/GetRunRequest.js';
import type { GetScheduleRequest as _parallax_v1_GetScheduleRequest, GetScheduleRequest__Output as _parallax_v1_GetScheduleRequest__Output } from './parallax/v1/GetScheduleRequest.js';
import type { GetTenantRequest as _parallax_v1_GetTenantRequest, GetTenantRequest__Output as _parallax_v1_GetTenantRequest__Output } from './parallax/v1/GetTenantRequest.js';
import type { GetUserRequest as _parallax_v1_GetUserRequest, GetUserRequest__Output as _parallax_v1_GetUserRequest__Output } from './parallax/v1/GetUserRequest.js';
import type { GetVariableRequest as _parallax_v1_GetVariableRequest, GetVariableRequest__Output as _parallax_v1_GetVariableRequest__Output } from './parallax/v1/GetVariableRequest.js';
import type { Grant as _parallax_v1_Grant, Grant__Output as _parallax_v1_Grant__Output } from './parallax/v1/Grant.js';
import type { GrantRoleRequest as _parallax_v1_GrantRoleRequest, GrantRoleRequest__Output as _parallax_v1_GrantRoleRequest__Output } from './parallax/v1/GrantRoleRequest.js';
import type { HistoryEntry as _parallax_v1_HistoryEntry, HistoryEntry__Output as _parallax_v1_HistoryEntry__Output } from './parallax/v1/HistoryEntry.js';
import type { HttpRequest as _parallax_v1_HttpRequest, HttpRequest__Output as _parallax_v1_HttpRequest__Output } from './parallax/v1/HttpRequest.js';
import type { ListAgentsRequest as _parallax_v1_ListAgentsRequest, ListAgentsRequest__Output as _parallax_v1_ListAgentsRequest__Output } from './parallax/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _parallax_v1_ListAgentsResponse, ListAgentsResponse__Output as _parallax_v1_ListAgentsResponse__Output } from './parallax/v1/ListAgentsResponse.js';
import type { ListAuditRequest as _parallax_v1_ListAuditRequest, ListAuditRequest__Output as _parallax_v1_ListAuditRequest__Output } from './parallax/v1/ListAuditRequest.js';
import type { ListAuditResponse as _parallax_v1_ListAuditResponse, ListAuditResponse__Output as _parallax_v1_ListAuditResponse__Output } from './parallax/v1/ListAuditResponse.js';
import type { ListRolesRequest as _parallax_v1_ListRolesRequest, ListRolesRequest__Output as _parallax_v1_ListRolesRequest__Output } from './parallax/v1/ListRolesRequest.js';
import type { ListRolesResponse as _parallax_v1_ListRolesResponse, ListRolesResponse__Output as _parallax_v1_ListRolesResponse__Output } from './parallax/v1/ListRolesResponse.js';
import type { ListRunsRequest as _parallax_v1_ListRunsRequest, ListRunsRequest__Output as _parallax_v1_ListRunsRequest__Output } from './parallax/v1/ListRunsRequest.js';
import type { ListRunsResponse as _parallax_v1_ListRunsResponse, ListRunsResponse__Output as _parallax_v1_ListRunsResponse__Output } from './parallax/v1/ListRunsResponse.js';
import type { ListSchedulesRequest as _parallax_v1_ListSchedulesRequest, ListSchedulesRequest__Output as _parallax_v1_ListSchedulesRequest__Output } from './parallax/v1/ListSchedulesRequest.js';
import type { ListSchedulesResponse as _parallax_v1_ListSchedulesResponse, ListSchedulesResponse__Output as _parallax_v1_ListSchedulesResponse__Output } from './parallax/v1/ListSchedulesResponse.js';
import type { ListTenantsRequest as _parallax_v1_ListTenantsRequest, ListTenantsRequest__Output as _parallax_v1_ListTenantsRequest__Output } from './parallax/v1/ListTenantsRequest.js';
import type { ListTenantsResponse as _parallax_v1_ListTenantsResponse, ListTenantsResponse__Output as _parallax_v1_ListTenantsResponse__Output } from './parallax/v1/ListTenantsResponse.js';
import type { ListTokensRequest as _parallax_v1_ListTokensRequest, ListTokensRequest__Output as _parallax_v1_ListTokensRequest__Output } from './parallax/v1/ListTokensRequest.js';
import type { ListTokensResponse as _parallax_v1_ListTokensResponse, ListTokensResponse__Output as _parallax_v1_ListTokensResponse__Output } from './parallax/v1/ListTokensResponse.js';
import type { ListUsersRequest as _parallax_v1_ListUsersRequest, ListUsersRequest__Output as _parallax_v1_ListUsersRequest__Output } from './parallax/v1/ListUsersRequest.js';
import type { ListUsersResponse as _parallax_v1_ListUsersResponse, ListUsersResponse__Output as _parallax_v1_ListUsersResponse__Output } from './parallax/v1/ListUsersResponse.js';
import type { ListVariablesRequest as _parallax_v1_ListVariablesRequest, ListVariablesRequest__Output as _parallax_v1_ListVariablesRequest__Output } from './parallax/v1/ListVariablesRequest.js';
import type { ListVariablesResponse as _parallax_v1_ListVariablesResponse, ListVariablesResponse__Output as _parallax_v1_ListVariablesResponse__Output } from './parallax/v1/ListVariablesResponse.js';
import type { LoginInfoRequest as _parallax_v1_LoginInfoRequest, LoginInfoRequest__Output as _parallax_v1_LoginInfoRequest__Output } from './parallax/v1/LoginInfoRequest.js';
import type { LoginInfoResponse as _parallax_v1_LoginInfoResponse, LoginInfoResponse__Output as _parallax_v1_LoginInfoResponse__Output } from './parallax/v1/LoginInfoResponse.js';
import type { NextDueTimesRequest as _parallax_v1_NextDueTimesRequest, NextDueTimesRequest__Output as _parallax_v1_NextDueTimesRequest__Output } from './parallax/v1/NextDueTimesRequest.js';
import type { NextDueTimesResponse as _parallax_v1_NextDueTimesResponse, NextDueTimesResponse__Output as _parallax_v1_NextDueTimesResponse__Output } from './parallax/v1/NextDueTimesResponse.js';
import type { OutputChunk as _parallax_v1_OutputChunk, OutputChunk__Output as _parallax_v1_OutputChunk__Output } from './parallax/v1/OutputChunk.js';
import type { PutVariableRequest as _parallax_v1_PutVariableRequest, PutVariableRequest__Output as _parallax_v1_PutVariableRequest__Output } from './parallax/v1/PutVariableRequest.js';
import type { Quotas as _parallax_v1_Quotas, Quotas__Output as _parallax_v1_Quotas__Output } from './parallax/v1/Quotas.js';
import type { ReadRunOutputRequest as _parallax_v1_ReadRunOutputRequest, ReadRunOutputRequest__Output as _parallax_v1_ReadRunOutputRequest__Output } from './parallax/v1/ReadRunOutputRequest.js';
import type { RemoveAgentRequest as _parallax_v1_RemoveAgentRequest, RemoveAgentRequest__Output as _parallax_v1_RemoveAgentRequest__Output } from './parallax/v1/RemoveAgentRequest.js';
import type { RemoveAgentResponse as _parallax_v1_RemoveAgentResponse, RemoveAgentResponse__Output as _parallax_v1_RemoveAgentResponse__Output } from './parallax/v1/RemoveAgentResponse.js';
import type { RemoveMemberRequest as _parallax_v1_RemoveMemberRequest, RemoveMemberRequest__Output as _parallax_v1_RemoveMemberRequest__Output } from './parallax/v1/RemoveMemberRequest.js';
import type { RevokeTokenRequest as _parallax_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _parallax_v1_RevokeTokenRequest__Output } from './parallax/v1/RevokeTokenRequest.js';
import type { Role as _parallax_v1_Role, Role__Output as _parallax_v1_Role__Output } from './parallax/v1/Role.js';
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
import type { Tenant as _parallax_v1_Tenant, Tenant__Output as _parallax_v1_Tenant__Output } from './parallax/v1/Tenant.js';
import type { Token as _parallax_v1_Token, Token__Output as _parallax_v1_Token__Output } from './parallax/v1/Token.js';
import type { TransferLeaderRequest as _parallax_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _parallax_v1_TransferLeaderRequest__Output } from './parallax/v1/TransferLeaderRequest.js';
import type { TriggerScheduleRequest as _parallax_v1_TriggerScheduleRequest, TriggerScheduleRequest__Output as _parallax_v1_TriggerScheduleRequest__Output } from './parallax/v1/TriggerScheduleRequest.js';
import type { UpdateScheduleRequest as _parallax_v1_UpdateScheduleRequest, UpdateScheduleRequest__Output as _parallax_v1_UpdateScheduleRequest__Output } from './parallax/v1/UpdateScheduleRequest.js';
import type { UpdateTenantRequest as _parallax_v1_UpdateTenantRequest, UpdateTenantRequest__Output as _parallax_v1_UpdateTenantRequest__Output } from './parallax/v1/UpdateTenantRequest.js';
import type { User as _parallax_v1_User, User__Output as _parallax_v1_User__Output } from './parallax/v1/User.js';
import type { Variable as _parallax_v1_Variable, Variable__Output as _parallax_v1_Variable__Output } from './parallax/v1/Variable.js';
import type { VerifyAuditRequest as _parallax_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _parallax_v1_VerifyAuditRequest__Output } from './parallax/v1/VerifyAuditRequest.js';
import type { VerifyAuditResponse as _parallax_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _parallax_v1_VerifyAuditResponse__Output } from './parallax/v1/VerifyAuditResponse.js';
import type { WhoamiRequest as _parallax_v1_WhoamiRequest, WhoamiRequest__Output as _parallax_v1_WhoamiRequest__Output } from './parallax/v1/WhoamiRequest.js';
import type { WhoamiResponse as _parallax_v1_WhoamiResponse, WhoamiResponse__Output as _parallax_v1_WhoamiResponse__Output } from './parallax/v1/WhoamiResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  parallax: {
    v1: {
      AddMemberRequest: MessageTypeDefinition<_parallax_v1_AddMemberRequest, _parallax_v1_AddMemberRequest__Output>
      Agent: MessageTypeDefinition<_parallax_v1_Agent, _parallax_v1_Agent__Output>
      Attempt: MessageTypeDefinition<_parallax_v1_Attempt, _parallax_v1_Attempt__Output>
      AuditEntry: MessageTypeDefinition<_parallax_v1_AuditEntry, _parallax_v1_AuditEntry__Output>
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
      CreateRoleRequest: MessageTypeDefinition<_parallax_v1_CreateRoleRequest, _parallax_v1_CreateRoleRequest__Output>
      CreateScheduleRequest: MessageTypeDefinition<_parallax_v1_CreateScheduleRequest, _parallax_v1_CreateScheduleRequest__Output>
      CreateTenantRequest: MessageTypeDefinition<_parallax_v1_CreateTenantRequest, _parallax_v1_CreateTenantRequest__Output>
      CreateTokenRequest: MessageTypeDefinition<_parallax_v1_CreateTokenRequest, _parallax_v1_CreateTokenRequest__Output>
      CreateTokenResponse: MessageTypeDefinition<_parallax_v1_CreateTokenResponse, _parallax_v1_CreateTokenResponse__Output>
      DeleteRoleRequest: MessageTypeDefinition<_parallax_v1_DeleteRoleRequest, _parallax_v1_DeleteRoleRequest__Output>
      DeleteRoleResponse: MessageTypeDefinition<_parallax_v1_DeleteRoleResponse, _parallax_v1_DeleteRoleResponse__Output>
      DeleteScheduleRequest: MessageTypeDefinition<_parallax_v1_DeleteScheduleRequest, _parallax_v1_DeleteScheduleRequest__Output>
      DeleteScheduleResponse: MessageTypeDefinition<_parallax_v1_DeleteScheduleResponse, _parallax_v1_DeleteScheduleResponse__Output>
      DeleteTenantRequest: MessageTypeDefinition<_parallax_v1_DeleteTenantRequest, _parallax_v1_DeleteTenantRequest__Output>
      DeleteTenantResponse: MessageTypeDefinition<_parallax_v1_DeleteTenantResponse, _parallax_v1_DeleteTenantResponse__Output>
      DeleteVariableRequest: MessageTypeDefinition<_parallax_v1_DeleteVariableRequest, _parallax_v1_DeleteVariableRequest__Output>
      DeleteVariableResponse: MessageTypeDefinition<_parallax_v1_DeleteVariableResponse, _parallax_v1_DeleteVariableResponse__Output>
      DrainAgentRequest: MessageTypeDefinition<_parallax_v1_DrainAgentRequest, _parallax_v1_DrainAgentRequest__Output>
      DueTime: MessageTypeDefinition<_parallax_v1_DueTime, _parallax_v1_DueTime__Output>
      FieldChange: MessageTypeDefinition<_parallax_v1_FieldChange, _parallax_v1_FieldChange__Output>
      GetRunRequest: MessageTypeDefinition<_parallax_v1_GetRunRequest, _parallax_v1_GetRunRequest__Output>
      GetScheduleRequest: MessageTypeDefinition<_parallax_v1_GetScheduleRequest, _parallax_v1_GetScheduleRequest__Output>
      GetTenantRequest: MessageTypeDefinition<_parallax_v1_GetTenantRequest, _parallax_v1_GetTenantRequest__Output>
      GetUserRequest: MessageTypeDefinition<_parallax_v1_GetUserRequest, _parallax_v1_GetUserRequest__Output>
      GetVariableRequest: MessageTypeDefinition<_parallax_v1_GetVariableRequest, _parallax_v1_GetVariableRequest__Output>
      Grant: MessageTypeDefinition<_parallax_v1_Grant, _parallax_v1_Grant__Output>
      GrantRoleRequest: MessageTypeDefinition<_parallax_v1_GrantRoleRequest, _parallax_v1_GrantRoleRequest__Output>
      HistoryEntry: MessageTypeDefinition<_parallax_v1_HistoryEntry, _parallax_v1_HistoryEntry__Output>
      HttpRequest: MessageTypeDefinition<_parallax_v1_HttpRequest, _parallax_v1_HttpRequest__Output>
      ListAgentsRequest: MessageTypeDefinition<_parallax_v1_ListAgentsRequest, _parallax_v1_ListAgentsRequest__Output>
      ListAgentsResponse: MessageTypeDefinition<_parallax_v1_ListAgentsResponse, _parallax_v1_ListAgentsResponse__Output>
      ListAuditRequest: MessageTypeDefinition<_parallax_v1_ListAuditRequest, _parallax_v1_ListAuditRequest__Output>
      ListAuditResponse: MessageTypeDefinition<_parallax_v1_ListAuditResponse, _parallax_v1_ListAuditResponse__Output>
      ListRolesRequest: MessageTypeDefinition<_parallax_v1_ListRolesRequest, _parallax_v1_ListRolesRequest__Output>
      ListRolesResponse: MessageTypeDefinition<_parallax_v1_ListRolesResponse, _parallax_v1_ListRolesResponse__Output>
      ListRunsRequest: MessageTypeDefinition<_parallax_v1_ListRunsRequest, _parallax_v1_ListRunsRequest__Output>
      ListRunsResponse: MessageTypeDefinition<_parallax_v1_ListRunsResponse, _parallax_v1_ListRunsResponse__Output>
      ListSchedulesRequest: MessageTypeDefinition<_parallax_v1_ListSchedulesRequest, _parallax_v1_ListSchedulesRequest__Output>
      ListSchedulesResponse: MessageTypeDefinition<_parallax_v1_ListSchedulesResponse, _parallax_v1_ListSchedulesResponse__Output>
      ListTenantsRequest: MessageTypeDefinition<_parallax_v1_ListTenantsRequest, _parallax_v1_ListTenantsRequest__Output>
      ListTenantsResponse: MessageTypeDefinition<_parallax_v1_ListTenantsResponse, _parallax_v1_ListTenantsResponse__Output>
      ListTokensRequest: MessageTypeDefinition<_parallax_v1_ListTokensRequest, _parallax_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_parallax_v1_ListTokensResponse, _parallax_v1_ListTokensResponse__Output>
      ListUsersRequest: MessageTypeDefinition<_parallax_v1_ListUsersRequest, _parallax_v1_ListUsersRequest__Output>
      ListUsersResponse: MessageTypeDefinition<_parallax_v1_ListUsersResponse, _parallax_v1_ListUsersResponse__Output>
      ListVariablesRequest: MessageTypeDefinition<_parallax_v1_ListVariablesRequest, _parallax_v1_ListVariablesRequest__Output>
      ListVariablesResponse: MessageTypeDefinition<_parallax_v1_ListVariablesResponse, _parallax_v1_ListVariablesResponse__Output>
      LoginInfoRequest: MessageTypeDefinition<_parallax_v1_LoginInfoRequest, _parallax_v1_LoginInfoRequest__Output>
      LoginInfoResponse: MessageTypeDefinition<_parallax_v1_LoginInfoResponse, _parallax_v1_LoginInfoResponse__Output>
      NextDueTimesRequest: MessageTypeDefinition<_parallax_v1_NextDueTimesRequest, _parallax_v1_NextDueTimesRequest__Output>
      NextDueTimesResponse: MessageTypeDefinition<_parallax_v1_NextDueTimesResponse, _parallax_v1_NextDueTimesResponse__Output>
      OutputChunk: MessageTypeDefinition<_parallax_v1_OutputChunk, _parallax_v1_OutputChunk__Output>
      PutVariableRequest: MessageTypeDefinition<_parallax_v1_PutVariableRequest, _parallax_v1_PutVariableRequest__Output>
      Quotas: MessageTypeDefinition<_parallax_v1_Quotas, _parallax_v1_Quotas__Output>
      ReadRunOutputRequest: MessageTypeDefinition<_parallax_v1_ReadRunOutputRequest, _parallax_v1_ReadRunOutputRequest__Output>
      RemoveAgentRequest: MessageTypeDefinition<_parallax_v1_RemoveAgentRequest, _parallax_v1_RemoveAgentRequest__Output>
      RemoveAgentResponse: MessageTypeDefinition<_parallax_v1_RemoveAgentResponse, _parallax_v1_RemoveAgentResponse__Output>
      RemoveMemberRequest: MessageTypeDefinition<_parallax_v1_RemoveMemberRequest, _parallax_v1_RemoveMemberRequest__Output>
      RevokeTokenRequest: MessageTypeDefinition<_parallax_v1_RevokeTokenRequest, _parallax_v1_RevokeTokenRequest__Output>
      Role: MessageTypeDefinition<_parallax_v1_Role, _parallax_v1_Role__Output>
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
      Tenant: MessageTypeDefinition<_parallax_v1_Tenant, _parallax_v1_Tenant__Output>
      Token: MessageTypeDefinition<_parallax_v1_Token, _parallax_v1_Token__Output>
      TransferLeaderRequest: MessageTypeDefinition<_parallax_v1_TransferLeaderRequest, _parallax_v1_TransferLeaderRequest__Output>
      TriggerScheduleRequest: MessageTypeDefinition<_parallax_v1_TriggerScheduleRequest, _parallax_v1_TriggerScheduleRequest__Output>
      UpdateScheduleRequest: MessageTypeDefinition<_parallax_v1_UpdateScheduleRequest, _parallax_v1_UpdateScheduleRequest__Output>
      UpdateTenantRequest: MessageTypeDefinition<_parallax_v1_UpdateTenantRequest, _parallax_v1_UpdateTenantRequest__Output>
      User: MessageTypeDefinition<_parallax_v1_User, _parallax_v1_User__Output>
      Variable: MessageTypeDefinition<_parallax_v1_Variable, _parallax_v1_Variable__Output>
      VerifyAuditRequest: MessageTypeDefinition<_parallax_v1_VerifyAuditRequest, _parallax_v1_VerifyAuditRequest__Output>
      VerifyAuditResponse: MessageTypeDefinition<_parallax_v1_VerifyAuditResponse, _parallax_v1_VerifyAuditResponse__Output>
      WhoamiRequest: MessageTypeDefinition<_parallax_v1_WhoamiRequest, _parallax_v1_WhoamiRequest__Output>
      WhoamiResponse: MessageTypeDefinition<_parallax_v1_WhoamiResponse, _parallax_v1_WhoamiResponse__Output>
    }
  }
}

