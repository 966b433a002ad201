// Original file: proto/parallax/v1/control.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddMemberRequest as _parallax_v1_AddMemberRequest, AddMemberRequest__Output as _parallax_v1_AddMemberRequest__Output } from '../../parallax/v1/AddMemberRequest.js';
import type { Agent as _parallax_v1_Agent, Agent__Output as _parallax_v1_Agent__Output } from '../../parallax/v1/Agent.js';
import type { BackfillScheduleRequest as _parallax_v1_BackfillScheduleRequest, BackfillScheduleRequest__Output as _parallax_v1_BackfillScheduleRequest__Output } from '../../parallax/v1/BackfillScheduleRequest.js';
import type { BackfillScheduleResponse as _parallax_v1_BackfillScheduleResponse, BackfillScheduleResponse__Output as _parallax_v1_BackfillScheduleResponse__Output } from '../../parallax/v1/BackfillScheduleResponse.js';
import type { CancelRunRequest as _parallax_v1_CancelRunRequest, CancelRunRequest__Output as _parallax_v1_CancelRunRequest__Output } from '../../parallax/v1/CancelRunRequest.js';
import type { ClusterStatusRequest as _parallax_v1_ClusterStatusRequest, ClusterStatusRequest__Output as _parallax_v1_ClusterStatusRequest__Output } from '../../parallax/v1/ClusterStatusRequest.js';
import type { ClusterStatusResponse as _parallax_v1_ClusterStatusResponse, ClusterStatusResponse__Output as _parallax_v1_ClusterStatusResponse__Output } from '../../parallax/v1/ClusterStatusResponse.js';
import type { CreateRoleRequest as _parallax_v1_CreateRoleRequest, CreateRoleRequest__Output as _parallax_v1_CreateRoleRequest__Output } from '../../parallax/v1/CreateRoleRequest.js';
import type { CreateScheduleRequest as _parallax_v1_CreateScheduleRequest, CreateScheduleRequest__Output as _parallax_v1_CreateScheduleRequest__Output } from '../../parallax/v1/CreateScheduleRequest.js';
import type { CreateTenantRequest as _parallax_v1_CreateTenantRequest, CreateTenantRequest__Output as _parallax_v1_CreateTenantRequest__Output } from '../../parallax/v1/CreateTenantRequest.js';
import type { CreateTokenRequest as _parallax_v1_CreateTokenRequest, CreateTokenRequest__Output as _parallax_v1_CreateTokenRequest__Output } from '../../parallax/v1/CreateTokenRequest.js';
import type { CreateTokenResponse as _parallax_v1_CreateTokenResponse, CreateTokenResponse__Output as _parallax_v1_CreateTokenResponse__Output } from '../../parallax/v1/CreateTokenResponse.js';
import type { DeleteRoleRequest as _parallax_v1_DeleteRoleRequest, DeleteRoleRequest__Output as _parallax_v1_DeleteRoleRequest__Output } from '../../parallax/v1/DeleteRoleRequest.js';
import type { DeleteRoleResponse as _parallax_v1_DeleteRoleResponse, DeleteRoleResponse__Output as _parallax_v1_DeleteRoleResponse__Output } from '../../parallax/v1/DeleteRoleResponse.js';
import type { DeleteScheduleRequest as _parallax_v1_DeleteScheduleRequest, DeleteScheduleRequest__Output as _parallax_v1_DeleteScheduleRequest__Output } from '../../parallax/v1/DeleteScheduleRequest.js';
import type { DeleteScheduleResponse as _parallax_v1_DeleteScheduleResponse, DeleteScheduleResponse__Output as _parallax_v1_DeleteScheduleResponse__Output } from '../../parallax/v1/DeleteScheduleResponse.js';
import type { DeleteTenantRequest as _parallax_v1_DeleteTenantRequest, DeleteTenantRequest__Output as _parallax_v1_DeleteTenantRequest__Output } from '../../parallax/v1/DeleteTenantRequest.js';
import type { DeleteTenantResponse as _parallax_v1_DeleteTenantResponse, DeleteTenantResponse__Output as _parallax_v1_DeleteTenantResponse__Output } from '../../parallax/v1/DeleteTenantResponse.js';
import type { DeleteVariableRequest as _parallax_v1_DeleteVariableRequest, DeleteVariableRequest__Output as _parallax_v1_DeleteVariableRequest__Output } from '../../parallax/v1/DeleteVariableRequest.js';
import type { DeleteVariableResponse as _parallax_v1_DeleteVariableResponse, DeleteVariableResponse__Output as _parallax_v1_DeleteVariableResponse__Output } from '../../parallax/v1/DeleteVariableResponse.js';
import type { DrainAgentRequest as _parallax_v1_DrainAgentRequest, DrainAgentRequest__Output as _parallax_v1_DrainAgentRequest__Output } from '../../parallax/v1/DrainAgentRequest.js';
import type { GetRunRequest as _parallax_v1_GetRunRequest, GetRunRequest__Output as _parallax_v1_GetRunRequest__Output } from '../../parallax/v1/GetRunRequest.js';
import type { GetScheduleRequest as _parallax_v1_GetScheduleRequest, GetScheduleRequest__Output as _parallax_v1_GetScheduleRequest__Output } from '../../parallax/v1/GetScheduleRequest.js';
import type { GetTenantRequest as _parallax_v1_GetTenantRequest, GetTenantRequest__Output as _parallax_v1_GetTenantRequest__Output } from '../../parallax/v1/GetTenantRequest.js';
import type { GetUserRequest as _parallax_v1_GetUserRequest, GetUserRequest__Output as _parallax_v1_GetUserRequest__Output } from '../../parallax/v1/GetUserRequest.js';
import type { GetVariableRequest as _parallax_v1_GetVariableRequest, GetVariableRequest__Output as _parallax_v1_GetVariableRequest__Output } from '../../parallax/v1/GetVariableRequest.js';
import type { GrantRoleRequest as _parallax_v1_GrantRoleRequest, GrantRoleRequest__Output as _parallax_v1_GrantRoleRequest__Output } from '../../parallax/v1/GrantRoleRequest.js';
import type { ListAgentsRequest as _parallax_v1_ListAgentsRequest, ListAgentsRequest__Output as _parallax_v1_ListAgentsRequest__Output } from '../../parallax/v1/ListAgentsRequest.js';
import type { ListAgentsResponse as _parallax_v1_ListAgentsResponse, ListAgentsResponse__Output as _parallax_v1_ListAgentsResponse__Output } from '../../parallax/v1/ListAgentsResponse.js';
import type { ListAuditRequest as _parallax_v1_ListAuditRequest, ListAuditRequest__Output as _parallax_v1_ListAuditRequest__Output } from '../../parallax/v1/ListAuditRequest.js';
import type { ListAuditResponse as _parallax_v1_ListAuditResponse, ListAuditResponse__Output as _parallax_v1_ListAuditResponse__Output } from '../../parallax/v1/ListAuditResponse.js';
import type { ListRolesRequest as _parallax_v1_ListRolesRequest, ListRolesRequest__Output as _parallax_v1_ListRolesRequest__Output } from '../../parallax/v1/ListRolesRequest.js';
import type { ListRolesResponse as _parallax_v1_ListRolesResponse, ListRolesResponse__Output as _parallax_v1_ListRolesResponse__Output } from '../../parallax/v1/ListRolesResponse.js';
import type { ListRunsRequest as _parallax_v1_ListRunsRequest, ListRunsRequest__Output as _parallax_v1_ListRunsRequest__Output } from '../../parallax/v1/ListRunsRequest.js';
import type { ListRunsResponse as _parallax_v1_ListRunsResponse, ListRunsResponse__Output as _parallax_v1_ListRunsResponse__Output } from '../../parallax/v1/ListRunsResponse.js';
import type { ListSchedulesRequest as _parallax_v1_ListSchedulesRequest, ListSchedulesRequest__Output as _parallax_v1_ListSchedulesRequest__Output } from '../../parallax/v1/ListSchedulesRequest.js';
import type { ListSchedulesResponse as _parallax_v1_ListSchedulesResponse, ListSchedulesResponse__Output as _parallax_v1_ListSchedulesResponse__Output } from '../../parallax/v1/ListSchedulesResponse.js';
import type { ListTenantsRequest as _parallax_v1_ListTenantsRequest, ListTenantsRequest__Output as _parallax_v1_ListTenantsRequest__Output } from '../../parallax/v1/ListTenantsRequest.js';
import type { ListTenantsResponse as _parallax_v1_ListTenantsResponse, ListTenantsResponse__Output as _parallax_v1_ListTenantsResponse__Output } from '../../parallax/v1/ListTenantsResponse.js';
import type { ListTokensRequest as _parallax_v1_ListTokensRequest, ListTokensRequest__Output as _parallax_v1_ListTokensRequest__Output } from '../../parallax/v1/ListTokensRequest.js';
import type { ListTokensResponse as _parallax_v1_ListTokensResponse, ListTokensResponse__Output as _parallax_v1_ListTokensResponse__Output } from '../../parallax/v1/ListTokensResponse.js';
import type { ListUsersRequest as _parallax_v1_ListUsersRequest, ListUsersRequest__Output as _parallax_v1_ListUsersRequest__Output } from '../../parallax/v1/ListUsersRequest.js';
import type { ListUsersResponse as _parallax_v1_ListUsersResponse, ListUsersResponse__Output as _parallax_v1_ListUsersResponse__Output } from '../../parallax/v1/ListUsersResponse.js';
import type { ListVariablesRequest as _parallax_v1_ListVariablesRequest, ListVariablesRequest__Output as _parallax_v1_ListVariablesRequest__Output } from '../../parallax/v1/ListVariablesRequest.js';
import type { ListVariablesResponse as _parallax_v1_ListVariablesResponse, ListVariablesResponse__Output as _parallax_v1_ListVariablesResponse__Output } from '../../parallax/v1/ListVariablesResponse.js';
import type { LoginInfoRequest as _parallax_v1_LoginInfoRequest, LoginInfoRequest__Output as _parallax_v1_LoginInfoRequest__Output } from '../../parallax/v1/LoginInfoRequest.js';
import type { LoginInfoResponse as _parallax_v1_LoginInfoResponse, LoginInfoResponse__Output as _parallax_v1_LoginInfoResponse__Output } from '../../parallax/v1/LoginInfoResponse.js';
import type { NextDueTimesRequest as _parallax_v1_NextDueTimesRequest, NextDueTimesRequest__Output as _parallax_v1_NextDueTimesRequest__Output } from '../../parallax/v1/NextDueTimesRequest.js';
import type { NextDueTimesResponse as _parallax_v1_NextDueTimesResponse, NextDueTimesResponse__Output as _parallax_v1_NextDueTimesResponse__Output } from '../../parallax/v1/NextDueTimesResponse.js';
import type { OutputChunk as _parallax_v1_OutputChunk, OutputChunk__Output as _parallax_v1_OutputChunk__Output } from '../../parallax/v1/OutputChunk.js';
import type { PutVariableRequest as _parallax_v1_PutVariableRequest, PutVariableRequest__Output as _parallax_v1_PutVariableRequest__Output } from '../../parallax/v1/PutVariableRequest.js';
import type { ReadRunOutputRequest as _parallax_v1_ReadRunOutputRequest, ReadRunOutputRequest__Output as _parallax_v1_ReadRunOutputRequest__Output } from '../../parallax/v1/ReadRunOutputRequest.js';
import type { RemoveAgentRequest as _parallax_v1_RemoveAgentRequest, RemoveAgentRequest__Output as _parallax_v1_RemoveAgentRequest__Output } from '../../parallax/v1/RemoveAgentRequest.js';
import type { RemoveAgentResponse as _parallax_v1_RemoveAgentResponse, RemoveAgentResponse__Output as _parallax_v1_RemoveAgentResponse__Output } from '../../parallax/v1/RemoveAgentResponse.js';
import type { RemoveMemberRequest as _parallax_v1_RemoveMemberRequest, RemoveMemberRequest__Output as _parallax_v1_RemoveMemberRequest__Output } from '../../parallax/v1/RemoveMemberRequest.js';
import type { RevokeTokenRequest as _parallax_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _parallax_v1_RevokeTokenRequest__Output } from '../../parallax/v1/RevokeTokenRequest.js';
import type { Role as _parallax_v1_Role, Role__Output as _parallax_v1_Role__Output } from '../../parallax/v1/Role.js';
import type { Run as _parallax_v1_Run, Run__Output as _parallax_v1_Run__Output } from '../../parallax/v1/Run.js';
import type { Schedule as _parallax_v1_Schedule, Schedule__Output as _parallax_v1_Schedule__Output } from '../../parallax/v1/Schedule.js';
import type { ScheduleHistoryRequest as _parallax_v1_ScheduleHistoryRequest, ScheduleHistoryRequest__Output as _parallax_v1_ScheduleHistoryRequest__Output } from '../../parallax/v1/ScheduleHistoryRequest.js';
import type { ScheduleHistoryResponse as _parallax_v1_ScheduleHistoryResponse, ScheduleHistoryResponse__Output as _parallax_v1_ScheduleHistoryResponse__Output } from '../../parallax/v1/ScheduleHistoryResponse.js';
import type { ScheduleVersionsRequest as _parallax_v1_ScheduleVersionsRequest, ScheduleVersionsRequest__Output as _parallax_v1_ScheduleVersionsRequest__Output } from '../../parallax/v1/ScheduleVersionsRequest.js';
import type { ScheduleVersionsResponse as _parallax_v1_ScheduleVersionsResponse, ScheduleVersionsResponse__Output as _parallax_v1_ScheduleVersionsResponse__Output } from '../../parallax/v1/ScheduleVersionsResponse.js';
import type { StatusRequest as _parallax_v1_StatusRequest, StatusRequest__Output as _parallax_v1_StatusRequest__Output } from '../../parallax/v1/StatusRequest.js';
import type { StatusResponse as _parallax_v1_StatusResponse, StatusResponse__Output as _parallax_v1_StatusResponse__Output } from '../../parallax/v1/StatusResponse.js';
import type { Tenant as _parallax_v1_Tenant, Tenant__Output as _parallax_v1_Tenant__Output } from '../../parallax/v1/Tenant.js';
import type { Token as _parallax_v1_Token, Token__Output as _parallax_v1_Token__Output } from '../../parallax/v1/Token.js';
import type { TransferLeaderRequest as _parallax_v1_TransferLeaderRequest, TransferLeaderRequest__Output as _parallax_v1_TransferLeaderRequest__Output } from '../../parallax/v1/TransferLeaderRequest.js';
import type { TriggerScheduleRequest as _parallax_v1_TriggerScheduleRequest, TriggerScheduleRequest__Output as _parallax_v1_TriggerScheduleRequest__Output } from '../../parallax/v1/TriggerScheduleRequest.js';
import type { UpdateScheduleRequest as _parallax_v1_UpdateScheduleRequest, UpdateScheduleRequest__Output as _parallax_v1_UpdateScheduleRequest__Output } from '../../parallax/v1/UpdateScheduleRequest.js';
import type { UpdateTenantRequest as _parallax_v1_UpdateTenantRequest, UpdateTenantRequest__Output as _parallax_v1_UpdateTenantRequest__Output } from '../../parallax/v1/UpdateTenantRequest.js';
import type { User as _parallax_v1_User, User__Output as _parallax_v1_User__Output } from '../../parallax/v1/User.js';
import type { Variable as _parallax_v1_Variable, Variable__Output as _parallax_v1_Variable__Output } from '../../parallax/v1/Variable.js';
import type { VerifyAuditRequest as _parallax_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _parallax_v1_VerifyAuditRequest__Output } from '../../parallax/v1/VerifyAuditRequest.js';
import type { VerifyAuditResponse as _parallax_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _parallax_v1_VerifyAuditResponse__Output } from '../../parallax/v1/VerifyAuditResponse.js';
import type { WhoamiRequest as _parallax_v1_WhoamiRequest, WhoamiRequest__Output as _parallax_v1_WhoamiRequest__Output } from '../../parallax/v1/WhoamiRequest.js';
import type { WhoamiResponse as _parallax_v1_WhoamiResponse, WhoamiResponse__Output as _parallax_v1_WhoamiResponse__Output } from '../../parallax/v1/WhoamiResponse.js';

/**
 * The API the CLI uses. Errors are gRPC statuses; the trailer `parallax-code` carries the stable error code.
 */
export interface ControlClient extends grpc.Client {
  /**
   * Membership changes and leadership transfer: done by the leader (another node passes the call on to it); each
   * answers with the cluster as the leader sees it once the change is applied.
   */
  AddMember(argument: _parallax_v1_AddMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  AddMember(argument: _parallax_v1_AddMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  AddMember(argument: _parallax_v1_AddMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  AddMember(argument: _parallax_v1_AddMemberRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Membership changes and leadership transfer: done by the leader (another node passes the call on to it); each
   * answers with the cluster as the leader sees it once the change is applied.
   */
  addMember(argument: _parallax_v1_AddMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  addMember(argument: _parallax_v1_AddMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  addMember(argument: _parallax_v1_AddMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  addMember(argument: _parallax_v1_AddMemberRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A run for each due time in [from, to), all in the past, at most 1000: for times the schedule did not cover.
   */
  BackfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  BackfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  BackfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  BackfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A run for each due time in [from, to), all in the past, at most 1000: for times the schedule did not cover.
   */
  backfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  backfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  backfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  backfillSchedule(argument: _parallax_v1_BackfillScheduleRequest, callback: grpc.requestCallback<_parallax_v1_BackfillScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Ends an active run as cancelled; the agent running its attempt stops the process tree (SIGTERM, then SIGKILL).
   */
  CancelRun(argument: _parallax_v1_CancelRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  CancelRun(argument: _parallax_v1_CancelRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  CancelRun(argument: _parallax_v1_CancelRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  CancelRun(argument: _parallax_v1_CancelRunRequest, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  /**
   * Ends an active run as cancelled; the agent running its attempt stops the process tree (SIGTERM, then SIGKILL).
   */
  cancelRun(argument: _parallax_v1_CancelRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  cancelRun(argument: _parallax_v1_CancelRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  cancelRun(argument: _parallax_v1_CancelRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  cancelRun(argument: _parallax_v1_CancelRunRequest, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  
  /**
   * The cluster as the node that answers sees it (the leader knows how far each member is).
   */
  ClusterStatus(argument: _parallax_v1_ClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _parallax_v1_ClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _parallax_v1_ClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  ClusterStatus(argument: _parallax_v1_ClusterStatusRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The cluster as the node that answers sees it (the leader knows how far each member is).
   */
  clusterStatus(argument: _parallax_v1_ClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _parallax_v1_ClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _parallax_v1_ClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  clusterStatus(argument: _parallax_v1_ClusterStatusRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  CreateRole(argument: _parallax_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _parallax_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _parallax_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  CreateRole(argument: _parallax_v1_CreateRoleRequest, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _parallax_v1_CreateRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _parallax_v1_CreateRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _parallax_v1_CreateRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  createRole(argument: _parallax_v1_CreateRoleRequest, callback: grpc.requestCallback<_parallax_v1_Role__Output>): grpc.ClientUnaryCall;
  
  CreateSchedule(argument: _parallax_v1_CreateScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  CreateSchedule(argument: _parallax_v1_CreateScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  CreateSchedule(argument: _parallax_v1_CreateScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  CreateSchedule(argument: _parallax_v1_CreateScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  createSchedule(argument: _parallax_v1_CreateScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  createSchedule(argument: _parallax_v1_CreateScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  createSchedule(argument: _parallax_v1_CreateScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  createSchedule(argument: _parallax_v1_CreateScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  
  /**
   * Tenants. A caller sees only the tenants it holds a role in (a cluster-wide caller sees all).
   */
  CreateTenant(argument: _parallax_v1_CreateTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  CreateTenant(argument: _parallax_v1_CreateTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  CreateTenant(argument: _parallax_v1_CreateTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  CreateTenant(argument: _parallax_v1_CreateTenantRequest, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  /**
   * Tenants. A caller sees only the tenants it holds a role in (a cluster-wide caller sees all).
   */
  createTenant(argument: _parallax_v1_CreateTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  createTenant(argument: _parallax_v1_CreateTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  createTenant(argument: _parallax_v1_CreateTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  createTenant(argument: _parallax_v1_CreateTenantRequest, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  
  /**
   * API tokens: the secret is in the answer to CreateToken and nowhere else, ever.
   */
  CreateToken(argument: _parallax_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _parallax_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _parallax_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _parallax_v1_CreateTokenRequest, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  /**
   * API tokens: the secret is in the answer to CreateToken and nowhere else, ever.
   */
  createToken(argument: _parallax_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _parallax_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _parallax_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _parallax_v1_CreateTokenRequest, callback: grpc.requestCallback<_parallax_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteRole(argument: _parallax_v1_DeleteRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _parallax_v1_DeleteRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _parallax_v1_DeleteRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  DeleteRole(argument: _parallax_v1_DeleteRoleRequest, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _parallax_v1_DeleteRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _parallax_v1_DeleteRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _parallax_v1_DeleteRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  deleteRole(argument: _parallax_v1_DeleteRoleRequest, callback: grpc.requestCallback<_parallax_v1_DeleteRoleResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  DeleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  DeleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  DeleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _parallax_v1_DeleteScheduleRequest, callback: grpc.requestCallback<_parallax_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Refused while the tenant holds schedules, unless force; refused while it has active runs.
   */
  DeleteTenant(argument: _parallax_v1_DeleteTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  DeleteTenant(argument: _parallax_v1_DeleteTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  DeleteTenant(argument: _parallax_v1_DeleteTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  DeleteTenant(argument: _parallax_v1_DeleteTenantRequest, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Refused while the tenant holds schedules, unless force; refused while it has active runs.
   */
  deleteTenant(argument: _parallax_v1_DeleteTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  deleteTenant(argument: _parallax_v1_DeleteTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  deleteTenant(argument: _parallax_v1_DeleteTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  deleteTenant(argument: _parallax_v1_DeleteTenantRequest, callback: grpc.requestCallback<_parallax_v1_DeleteTenantResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteVariable(argument: _parallax_v1_DeleteVariableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  DeleteVariable(argument: _parallax_v1_DeleteVariableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  DeleteVariable(argument: _parallax_v1_DeleteVariableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  DeleteVariable(argument: _parallax_v1_DeleteVariableRequest, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  deleteVariable(argument: _parallax_v1_DeleteVariableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  deleteVariable(argument: _parallax_v1_DeleteVariableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  deleteVariable(argument: _parallax_v1_DeleteVariableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  deleteVariable(argument: _parallax_v1_DeleteVariableRequest, callback: grpc.requestCallback<_parallax_v1_DeleteVariableResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Drains an agent (it finishes its running runs and is given no new ones) or undrains it; kept in the replicated
   * state, so it holds across restarts of the agent and failover.
   */
  DrainAgent(argument: _parallax_v1_DrainAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _parallax_v1_DrainAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _parallax_v1_DrainAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  DrainAgent(argument: _parallax_v1_DrainAgentRequest, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  /**
   * Drains an agent (it finishes its running runs and is given no new ones) or undrains it; kept in the replicated
   * state, so it holds across restarts of the agent and failover.
   */
  drainAgent(argument: _parallax_v1_DrainAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _parallax_v1_DrainAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _parallax_v1_DrainAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  drainAgent(argument: _parallax_v1_DrainAgentRequest, callback: grpc.requestCallback<_parallax_v1_Agent__Output>): grpc.ClientUnaryCall;
  
  GetRun(argument: _parallax_v1_GetRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  GetRun(argument: _parallax_v1_GetRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  GetRun(argument: _parallax_v1_GetRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  GetRun(argument: _parallax_v1_GetRunRequest, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  getRun(argument: _parallax_v1_GetRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  getRun(argument: _parallax_v1_GetRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  getRun(argument: _parallax_v1_GetRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  getRun(argument: _parallax_v1_GetRunRequest, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  
  GetSchedule(argument: _parallax_v1_GetScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  GetSchedule(argument: _parallax_v1_GetScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  GetSchedule(argument: _parallax_v1_GetScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  GetSchedule(argument: _parallax_v1_GetScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _parallax_v1_GetScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _parallax_v1_GetScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _parallax_v1_GetScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _parallax_v1_GetScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  
  GetTenant(argument: _parallax_v1_GetTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  GetTenant(argument: _parallax_v1_GetTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  GetTenant(argument: _parallax_v1_GetTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  GetTenant(argument: _parallax_v1_GetTenantRequest, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  getTenant(argument: _parallax_v1_GetTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  getTenant(argument: _parallax_v1_GetTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  getTenant(argument: _parallax_v1_GetTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  getTenant(argument: _parallax_v1_GetTenantRequest, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  
  GetUser(argument: _parallax_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _parallax_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _parallax_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _parallax_v1_GetUserRequest, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _parallax_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _parallax_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _parallax_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _parallax_v1_GetUserRequest, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  
  GetVariable(argument: _parallax_v1_GetVariableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  GetVariable(argument: _parallax_v1_GetVariableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  GetVariable(argument: _parallax_v1_GetVariableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  GetVariable(argument: _parallax_v1_GetVariableRequest, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  getVariable(argument: _parallax_v1_GetVariableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  getVariable(argument: _parallax_v1_GetVariableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  getVariable(argument: _parallax_v1_GetVariableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  getVariable(argument: _parallax_v1_GetVariableRequest, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  
  GrantRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  GrantRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  GrantRole(argument: _parallax_v1_GrantRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  GrantRole(argument: _parallax_v1_GrantRoleRequest, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  grantRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  grantRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  grantRole(argument: _parallax_v1_GrantRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  grantRole(argument: _parallax_v1_GrantRoleRequest, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  
  ListAgents(argument: _parallax_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _parallax_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _parallax_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  ListAgents(argument: _parallax_v1_ListAgentsRequest, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _parallax_v1_ListAgentsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _parallax_v1_ListAgentsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _parallax_v1_ListAgentsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  listAgents(argument: _parallax_v1_ListAgentsRequest, callback: grpc.requestCallback<_parallax_v1_ListAgentsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The audit log: entries of the request's tenant (all tenants for a cluster-wide caller that asks), oldest first.
   */
  ListAudit(argument: _parallax_v1_ListAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _parallax_v1_ListAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _parallax_v1_ListAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _parallax_v1_ListAuditRequest, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The audit log: entries of the request's tenant (all tenants for a cluster-wide caller that asks), oldest first.
   */
  listAudit(argument: _parallax_v1_ListAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _parallax_v1_ListAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _parallax_v1_ListAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _parallax_v1_ListAuditRequest, callback: grpc.requestCallback<_parallax_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The roles that can be held in the request's tenant: built-in ones and the tenant's own.
   */
  ListRoles(argument: _parallax_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _parallax_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _parallax_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  ListRoles(argument: _parallax_v1_ListRolesRequest, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The roles that can be held in the request's tenant: built-in ones and the tenant's own.
   */
  listRoles(argument: _parallax_v1_ListRolesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _parallax_v1_ListRolesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _parallax_v1_ListRolesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  listRoles(argument: _parallax_v1_ListRolesRequest, callback: grpc.requestCallback<_parallax_v1_ListRolesResponse__Output>): grpc.ClientUnaryCall;
  
  ListRuns(argument: _parallax_v1_ListRunsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _parallax_v1_ListRunsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _parallax_v1_ListRunsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  ListRuns(argument: _parallax_v1_ListRunsRequest, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _parallax_v1_ListRunsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _parallax_v1_ListRunsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _parallax_v1_ListRunsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  listRuns(argument: _parallax_v1_ListRunsRequest, callback: grpc.requestCallback<_parallax_v1_ListRunsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSchedules(argument: _parallax_v1_ListSchedulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _parallax_v1_ListSchedulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _parallax_v1_ListSchedulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _parallax_v1_ListSchedulesRequest, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _parallax_v1_ListSchedulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _parallax_v1_ListSchedulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _parallax_v1_ListSchedulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _parallax_v1_ListSchedulesRequest, callback: grpc.requestCallback<_parallax_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTenants(argument: _parallax_v1_ListTenantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  ListTenants(argument: _parallax_v1_ListTenantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  ListTenants(argument: _parallax_v1_ListTenantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  ListTenants(argument: _parallax_v1_ListTenantsRequest, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  listTenants(argument: _parallax_v1_ListTenantsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  listTenants(argument: _parallax_v1_ListTenantsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  listTenants(argument: _parallax_v1_ListTenantsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  listTenants(argument: _parallax_v1_ListTenantsRequest, callback: grpc.requestCallback<_parallax_v1_ListTenantsResponse__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _parallax_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _parallax_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _parallax_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _parallax_v1_ListTokensRequest, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _parallax_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _parallax_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _parallax_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _parallax_v1_ListTokensRequest, callback: grpc.requestCallback<_parallax_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Users and the roles granted to them by name, in the request's tenant (or cluster-wide).
   */
  ListUsers(argument: _parallax_v1_ListUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _parallax_v1_ListUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _parallax_v1_ListUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _parallax_v1_ListUsersRequest, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Users and the roles granted to them by name, in the request's tenant (or cluster-wide).
   */
  listUsers(argument: _parallax_v1_ListUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _parallax_v1_ListUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _parallax_v1_ListUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _parallax_v1_ListUsersRequest, callback: grpc.requestCallback<_parallax_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  
  ListVariables(argument: _parallax_v1_ListVariablesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  ListVariables(argument: _parallax_v1_ListVariablesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  ListVariables(argument: _parallax_v1_ListVariablesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  ListVariables(argument: _parallax_v1_ListVariablesRequest, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  listVariables(argument: _parallax_v1_ListVariablesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  listVariables(argument: _parallax_v1_ListVariablesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  listVariables(argument: _parallax_v1_ListVariablesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  listVariables(argument: _parallax_v1_ListVariablesRequest, callback: grpc.requestCallback<_parallax_v1_ListVariablesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * How to log in: the identity provider the coordinators trust (empty when none). Needs no credential.
   */
  LoginInfo(argument: _parallax_v1_LoginInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  LoginInfo(argument: _parallax_v1_LoginInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  LoginInfo(argument: _parallax_v1_LoginInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  LoginInfo(argument: _parallax_v1_LoginInfoRequest, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  /**
   * How to log in: the identity provider the coordinators trust (empty when none). Needs no credential.
   */
  loginInfo(argument: _parallax_v1_LoginInfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  loginInfo(argument: _parallax_v1_LoginInfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  loginInfo(argument: _parallax_v1_LoginInfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  loginInfo(argument: _parallax_v1_LoginInfoRequest, callback: grpc.requestCallback<_parallax_v1_LoginInfoResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The next due times of a schedule after a moment, by its cron expression in its zone (daylight saving included).
   */
  NextDueTimes(argument: _parallax_v1_NextDueTimesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  NextDueTimes(argument: _parallax_v1_NextDueTimesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  NextDueTimes(argument: _parallax_v1_NextDueTimesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  NextDueTimes(argument: _parallax_v1_NextDueTimesRequest, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The next due times of a schedule after a moment, by its cron expression in its zone (daylight saving included).
   */
  nextDueTimes(argument: _parallax_v1_NextDueTimesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  nextDueTimes(argument: _parallax_v1_NextDueTimesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  nextDueTimes(argument: _parallax_v1_NextDueTimesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  nextDueTimes(argument: _parallax_v1_NextDueTimesRequest, callback: grpc.requestCallback<_parallax_v1_NextDueTimesResponse__Output>): grpc.ClientUnaryCall;
  
  PutVariable(argument: _parallax_v1_PutVariableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  PutVariable(argument: _parallax_v1_PutVariableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  PutVariable(argument: _parallax_v1_PutVariableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  PutVariable(argument: _parallax_v1_PutVariableRequest, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  putVariable(argument: _parallax_v1_PutVariableRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  putVariable(argument: _parallax_v1_PutVariableRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  putVariable(argument: _parallax_v1_PutVariableRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  putVariable(argument: _parallax_v1_PutVariableRequest, callback: grpc.requestCallback<_parallax_v1_Variable__Output>): grpc.ClientUnaryCall;
  
  /**
   * Output chunks in the order they were written; with follow, stays open until the run has ended.
   */
  ReadRunOutput(argument: _parallax_v1_ReadRunOutputRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_parallax_v1_OutputChunk__Output>;
  ReadRunOutput(argument: _parallax_v1_ReadRunOutputRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_parallax_v1_OutputChunk__Output>;
  /**
   * Output chunks in the order they were written; with follow, stays open until the run has ended.
   */
  readRunOutput(argument: _parallax_v1_ReadRunOutputRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_parallax_v1_OutputChunk__Output>;
  readRunOutput(argument: _parallax_v1_ReadRunOutputRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_parallax_v1_OutputChunk__Output>;
  
  /**
   * Forgets an agent that is gone for good (a decommissioned host): it leaves the agent list. Refused while the agent
   * is connected or still holds leases. An agent of that name that connects later registers anew.
   */
  RemoveAgent(argument: _parallax_v1_RemoveAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _parallax_v1_RemoveAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _parallax_v1_RemoveAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  RemoveAgent(argument: _parallax_v1_RemoveAgentRequest, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Forgets an agent that is gone for good (a decommissioned host): it leaves the agent list. Refused while the agent
   * is connected or still holds leases. An agent of that name that connects later registers anew.
   */
  removeAgent(argument: _parallax_v1_RemoveAgentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _parallax_v1_RemoveAgentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _parallax_v1_RemoveAgentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  removeAgent(argument: _parallax_v1_RemoveAgentRequest, callback: grpc.requestCallback<_parallax_v1_RemoveAgentResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveMember(argument: _parallax_v1_RemoveMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  RemoveMember(argument: _parallax_v1_RemoveMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  RemoveMember(argument: _parallax_v1_RemoveMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  RemoveMember(argument: _parallax_v1_RemoveMemberRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _parallax_v1_RemoveMemberRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _parallax_v1_RemoveMemberRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _parallax_v1_RemoveMemberRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  removeMember(argument: _parallax_v1_RemoveMemberRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  RevokeRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  RevokeRole(argument: _parallax_v1_GrantRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  RevokeRole(argument: _parallax_v1_GrantRoleRequest, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  revokeRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  revokeRole(argument: _parallax_v1_GrantRoleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  revokeRole(argument: _parallax_v1_GrantRoleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  revokeRole(argument: _parallax_v1_GrantRoleRequest, callback: grpc.requestCallback<_parallax_v1_User__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _parallax_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _parallax_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _parallax_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _parallax_v1_RevokeTokenRequest, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _parallax_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _parallax_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _parallax_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _parallax_v1_RevokeTokenRequest, callback: grpc.requestCallback<_parallax_v1_Token__Output>): grpc.ClientUnaryCall;
  
  /**
   * What became of a schedule's due times, the latest first: fired (with the run and its state) or missed (why).
   */
  ScheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  ScheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  ScheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  ScheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  /**
   * What became of a schedule's due times, the latest first: fired (with the run and its state) or missed (why).
   */
  scheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  scheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  scheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  scheduleHistory(argument: _parallax_v1_ScheduleHistoryRequest, callback: grpc.requestCallback<_parallax_v1_ScheduleHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The versions of a schedule, the newest first: each change and what it changed (the newest 100 are kept).
   */
  ScheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  ScheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  ScheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  ScheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The versions of a schedule, the newest first: each change and what it changed (the newest 100 are kept).
   */
  scheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  scheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  scheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  scheduleVersions(argument: _parallax_v1_ScheduleVersionsRequest, callback: grpc.requestCallback<_parallax_v1_ScheduleVersionsResponse__Output>): grpc.ClientUnaryCall;
  
  Status(argument: _parallax_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _parallax_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _parallax_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _parallax_v1_StatusRequest, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _parallax_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _parallax_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _parallax_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _parallax_v1_StatusRequest, callback: grpc.requestCallback<_parallax_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  
  TransferLeader(argument: _parallax_v1_TransferLeaderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _parallax_v1_TransferLeaderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _parallax_v1_TransferLeaderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  TransferLeader(argument: _parallax_v1_TransferLeaderRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _parallax_v1_TransferLeaderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _parallax_v1_TransferLeaderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _parallax_v1_TransferLeaderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  transferLeader(argument: _parallax_v1_TransferLeaderRequest, callback: grpc.requestCallback<_parallax_v1_ClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  TriggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  TriggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  TriggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  TriggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  triggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  triggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  triggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  triggerSchedule(argument: _parallax_v1_TriggerScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Run__Output>): grpc.ClientUnaryCall;
  
  /**
   * Changes the fields named in `fields`, nothing else. Resuming or changing cron/tz does not catch up on due times
   * that have passed.
   */
  UpdateSchedule(argument: _parallax_v1_UpdateScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  UpdateSchedule(argument: _parallax_v1_UpdateScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  UpdateSchedule(argument: _parallax_v1_UpdateScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  UpdateSchedule(argument: _parallax_v1_UpdateScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  /**
   * Changes the fields named in `fields`, nothing else. Resuming or changing cron/tz does not catch up on due times
   * that have passed.
   */
  updateSchedule(argument: _parallax_v1_UpdateScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  updateSchedule(argument: _parallax_v1_UpdateScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  updateSchedule(argument: _parallax_v1_UpdateScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  updateSchedule(argument: _parallax_v1_UpdateScheduleRequest, callback: grpc.requestCallback<_parallax_v1_Schedule__Output>): grpc.ClientUnaryCall;
  
  UpdateTenant(argument: _parallax_v1_UpdateTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  UpdateTenant(argument: _parallax_v1_UpdateTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  UpdateTenant(argument: _parallax_v1_UpdateTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  UpdateTenant(argument: _parallax_v1_UpdateTenantRequest, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  updateTenant(argument: _parallax_v1_UpdateTenantRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  updateTenant(argument: _parallax_v1_UpdateTenantRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  updateTenant(argument: _parallax_v1_UpdateTenantRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  updateTenant(argument: _parallax_v1_UpdateTenantRequest, callback: grpc.requestCallback<_parallax_v1_Tenant__Output>): grpc.ClientUnaryCall;
  
  /**
   * Recomputes the hash chain of the whole log and names the first entry that does not match.
   */
  VerifyAudit(argument: _parallax_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _parallax_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _parallax_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _parallax_v1_VerifyAuditRequest, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Recomputes the hash chain of the whole log and names the first entry that does not match.
   */
  verifyAudit(argument: _parallax_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _parallax_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _parallax_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _parallax_v1_VerifyAuditRequest, callback: grpc.requestCallback<_parallax_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Who the caller is, as the coordinator sees the credential it sent: name, grants, what it may do, expiry.
   */
  Whoami(argument: _parallax_v1_WhoamiRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  Whoami(argument: _parallax_v1_WhoamiRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  Whoami(argument: _parallax_v1_WhoamiRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  Whoami(argument: _parallax_v1_WhoamiRequest, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Who the caller is, as the coordinator sees the credential it sent: name, grants, what it may do, expiry.
   */
  whoami(argument: _parallax_v1_WhoamiRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  whoami(argument: _parallax_v1_WhoamiRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  whoami(argument: _parallax_v1_WhoamiRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  whoami(argument: _parallax_v1_WhoamiRequest, callback: grpc.requestCallback<_parallax_v1_WhoamiResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * The API the CLI uses. Errors are gRPC statuses; the trailer `parallax-code` carries the stable error code.
 */
export interface ControlHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Membership changes and leadership transfer: done by the leader (another node passes the call on to it); each
   * answers with the cluster as the leader sees it once the change is applied.
   */
  AddMember: grpc.handleUnaryCall<_parallax_v1_AddMemberRequest__Output, _parallax_v1_ClusterStatusResponse>;
  
  /**
   * A run for each due time in [from, to), all in the past, at most 1000: for times the schedule did not cover.
   */
  BackfillSchedule: grpc.handleUnaryCall<_parallax_v1_BackfillScheduleRequest__Output, _parallax_v1_BackfillScheduleResponse>;
  
  /**
   * Ends an active run as cancelled; the agent running its attempt stops the process tree (SIGTERM, then SIGKILL).
   */
  CancelRun: grpc.handleUnaryCall<_parallax_v1_CancelRunRequest__Output, _parallax_v1_Run>;
  
  /**
   * The cluster as the node that answers sees it (the leader knows how far each member is).
   */
  ClusterStatus: grpc.handleUnaryCall<_parallax_v1_ClusterStatusRequest__Output, _parallax_v1_ClusterStatusResponse>;
  
  CreateRole: grpc.handleUnaryCall<_parallax_v1_CreateRoleRequest__Output, _parallax_v1_Role>;
  
  CreateSchedule: grpc.handleUnaryCall<_parallax_v1_CreateScheduleRequest__Output, _parallax_v1_Schedule>;
  
  /**
   * Tenants. A caller sees only the tenants it holds a role in (a cluster-wide caller sees all).
   */
  CreateTenant: grpc.handleUnaryCall<_parallax_v1_CreateTenantRequest__Output, _parallax_v1_Tenant>;
  
  /**
   * API tokens: the secret is in the answer to CreateToken and nowhere else, ever.
   */
  CreateToken: grpc.handleUnaryCall<_parallax_v1_CreateTokenRequest__Output, _parallax_v1_CreateTokenResponse>;
  
  DeleteRole: grpc.handleUnaryCall<_parallax_v1_DeleteRoleRequest__Output, _parallax_v1_DeleteRoleResponse>;
  
  DeleteSchedule: grpc.handleUnaryCall<_parallax_v1_DeleteScheduleRequest__Output, _parallax_v1_DeleteScheduleResponse>;
  
  /**
   * Refused while the tenant holds schedules, unless force; refused while it has active runs.
   */
  DeleteTenant: grpc.handleUnaryCall<_parallax_v1_DeleteTenantRequest__Output, _parallax_v1_DeleteTenantResponse>;
  
  DeleteVariable: grpc.handleUnaryCall<_parallax_v1_DeleteVariableRequest__Output, _parallax_v1_DeleteVariableResponse>;
  
  /**
   * Drains an agent (it finishes its running runs and is given no new ones) or undrains it; kept in the replicated
   * state, so it holds across restarts of the agent and failover.
   */
  DrainAgent: grpc.handleUnaryCall<_parallax_v1_DrainAgentRequest__Output, _parallax_v1_Agent>;
  
  GetRun: grpc.handleUnaryCall<_parallax_v1_GetRunRequest__Output, _parallax_v1_Run>;
  
  GetSchedule: grpc.handleUnaryCall<_parallax_v1_GetScheduleRequest__Output, _parallax_v1_Schedule>;
  
  GetTenant: grpc.handleUnaryCall<_parallax_v1_GetTenantRequest__Output, _parallax_v1_Tenant>;
  
  GetUser: grpc.handleUnaryCall<_parallax_v1_GetUserRequest__Output, _parallax_v1_User>;
  
  GetVariable: grpc.handleUnaryCall<_parallax_v1_GetVariableRequest__Output, _parallax_v1_Variable>;
  
  GrantRole: grpc.handleUnaryCall<_parallax_v1_GrantRoleRequest__Output, _parallax_v1_User>;
  
  ListAgents: grpc.handleUnaryCall<_parallax_v1_ListAgentsRequest__Output, _parallax_v1_ListAgentsResponse>;
  
  /**
   * The audit log: entries of the request's tenant (all tenants for a cluster-wide caller that asks), oldest first.
   */
  ListAudit: grpc.handleUnaryCall<_parallax_v1_ListAuditRequest__Output, _parallax_v1_ListAuditResponse>;
  
  /**
   * The roles that can be held in the request's tenant: built-in ones and the tenant's own.
   */
  ListRoles: grpc.handleUnaryCall<_parallax_v1_ListRolesRequest__Output, _parallax_v1_ListRolesResponse>;
  
  ListRuns: grpc.handleUnaryCall<_parallax_v1_ListRunsRequest__Output, _parallax_v1_ListRunsResponse>;
  
  ListSchedules: grpc.handleUnaryCall<_parallax_v1_ListSchedulesRequest__Output, _parallax_v1_ListSchedulesResponse>;
  
  ListTenants: grpc.handleUnaryCall<_parallax_v1_ListTenantsRequest__Output, _parallax_v1_ListTenantsResponse>;
  
  ListTokens: grpc.handleUnaryCall<_parallax_v1_ListTokensRequest__Output, _parallax_v1_ListTokensResponse>;
  
  /**
   * Users and the roles granted to them by name, in the request's tenant (or cluster-wide).
   */
  ListUsers: grpc.handleUnaryCall<_parallax_v1_ListUsersRequest__Output, _parallax_v1_ListUsersResponse>;
  
  ListVariables: grpc.handleUnaryCall<_parallax_v1_ListVariablesRequest__Output, _parallax_v1_ListVariablesResponse>;
  
  /**
   * How to log in: the identity provider the coordinators trust (empty when none). Needs no credential.
   */
  LoginInfo: grpc.handleUnaryCall<_parallax_v1_LoginInfoRequest__Output, _parallax_v1_LoginInfoResponse>;
  
  /**
   * The next due times of a schedule after a moment, by its cron expression in its zone (daylight saving included).
   */
  NextDueTimes: grpc.handleUnaryCall<_parallax_v1_NextDueTimesRequest__Output, _parallax_v1_NextDueTimesResponse>;
  
  PutVariable: grpc.handleUnaryCall<_parallax_v1_PutVariableRequest__Output, _parallax_v1_Variable>;
  
  /**
   * Output chunks in the order they were written; with follow, stays open until the run has ended.
   */
  ReadRunOutput: grpc.handleServerStreamingCall<_parallax_v1_ReadRunOutputRequest__Output, _parallax_v1_OutputChunk>;
  
  /**
   * Forgets an agent that is gone for good (a decommissioned host): it leaves the agent list. Refused while the agent
   * is connected or still holds leases. An agent of that name that connects later registers anew.
   */
  RemoveAgent: grpc.handleUnaryCall<_parallax_v1_RemoveAgentRequest__Output, _parallax_v1_RemoveAgentResponse>;
  
  RemoveMember: grpc.handleUnaryCall<_parallax_v1_RemoveMemberRequest__Output, _parallax_v1_ClusterStatusResponse>;
  
  RevokeRole: grpc.handleUnaryCall<_parallax_v1_GrantRoleRequest__Output, _parallax_v1_User>;
  
  RevokeToken: grpc.handleUnaryCall<_parallax_v1_RevokeTokenRequest__Output, _parallax_v1_Token>;
  
  /**
   * What became of a schedule's due times, the latest first: fired (with the run and its state) or missed (why).
   */
  ScheduleHistory: grpc.handleUnaryCall<_parallax_v1_ScheduleHistoryRequest__Output, _parallax_v1_ScheduleHistoryResponse>;
  
  /**
   * The versions of a schedule, the newest first: each change and what it changed (the newest 100 are kept).
   */
  ScheduleVersions: grpc.handleUnaryCall<_parallax_v1_ScheduleVersionsRequest__Output, _parallax_v1_ScheduleVersionsResponse>;
  
  Status: grpc.handleUnaryCall<_parallax_v1_StatusRequest__Output, _parallax_v1_StatusResponse>;
  
  TransferLeader: grpc.handleUnaryCall<_parallax_v1_TransferLeaderRequest__Output, _parallax_v1_ClusterStatusResponse>;
  
  TriggerSchedule: grpc.handleUnaryCall<_parallax_v1_TriggerScheduleRequest__Output, _parallax_v1_Run>;
  
  /**
   * Changes the fields named in `fields`, nothing else. Resuming or changing cron/tz does not catch up on due times
   * that have passed.
   */
  UpdateSchedule: grpc.handleUnaryCall<_parallax_v1_UpdateScheduleRequest__Output, _parallax_v1_Schedule>;
  
  UpdateTenant: grpc.handleUnaryCall<_parallax_v1_UpdateTenantRequest__Output, _parallax_v1_Tenant>;
  
  /**
   * Recomputes the hash chain of the whole log and names the first entry that does not match.
   */
  VerifyAudit: grpc.handleUnaryCall<_parallax_v1_VerifyAuditRequest__Output, _parallax_v1_VerifyAuditResponse>;
  
  /**
   * Who the caller is, as the coordinator sees the credential it sent: name, grants, what it may do, expiry.
   */
  Whoami: grpc.handleUnaryCall<_parallax_v1_WhoamiRequest__Output, _parallax_v1_WhoamiResponse>;
  
}

export interface ControlDefinition extends grpc.ServiceDefinition {
  AddMember: MethodDefinition<_parallax_v1_AddMemberRequest, _parallax_v1_ClusterStatusResponse, _parallax_v1_AddMemberRequest__Output, _parallax_v1_ClusterStatusResponse__Output>
  BackfillSchedule: MethodDefinition<_parallax_v1_BackfillScheduleRequest, _parallax_v1_BackfillScheduleResponse, _parallax_v1_BackfillScheduleRequest__Output, _parallax_v1_BackfillScheduleResponse__Output>
  CancelRun: MethodDefinition<_parallax_v1_CancelRunRequest, _parallax_v1_Run, _parallax_v1_CancelRunRequest__Output, _parallax_v1_Run__Output>
  ClusterStatus: MethodDefinition<_parallax_v1_ClusterStatusRequest, _parallax_v1_ClusterStatusResponse, _parallax_v1_ClusterStatusRequest__Output, _parallax_v1_ClusterStatusResponse__Output>
  CreateRole: MethodDefinition<_parallax_v1_CreateRoleRequest, _parallax_v1_Role, _parallax_v1_CreateRoleRequest__Output, _parallax_v1_Role__Output>
  CreateSchedule: MethodDefinition<_parallax_v1_CreateScheduleRequest, _parallax_v1_Schedule, _parallax_v1_CreateScheduleRequest__Output, _parallax_v1_Schedule__Output>
  CreateTenant: MethodDefinition<_parallax_v1_CreateTenantRequest, _parallax_v1_Tenant, _parallax_v1_CreateTenantRequest__Output, _parallax_v1_Tenant__Output>
  CreateToken: MethodDefinition<_parallax_v1_CreateTokenRequest, _parallax_v1_CreateTokenResponse, _parallax_v1_CreateTokenRequest__Output, _parallax_v1_CreateTokenResponse__Output>
  DeleteRole: MethodDefinition<_parallax_v1_DeleteRoleRequest, _parallax_v1_DeleteRoleResponse, _parallax_v1_DeleteRoleRequest__Output, _parallax_v1_DeleteRoleResponse__Output>
  DeleteSchedule: MethodDefinition<_parallax_v1_DeleteScheduleRequest, _parallax_v1_DeleteScheduleResponse, _parallax_v1_DeleteScheduleRequest__Output, _parallax_v1_DeleteScheduleResponse__Output>
  DeleteTenant: MethodDefinition<_parallax_v1_DeleteTenantRequest, _parallax_v1_DeleteTenantResponse, _parallax_v1_DeleteTenantRequest__Output, _parallax_v1_DeleteTenantResponse__Output>
  DeleteVariable: MethodDefinition<_parallax_v1_DeleteVariableRequest, _parallax_v1_DeleteVariableResponse, _parallax_v1_DeleteVariableRequest__Output, _parallax_v1_DeleteVariableResponse__Output>
  DrainAgent: MethodDefinition<_parallax_v1_DrainAgentRequest, _parallax_v1_Agent, _parallax_v1_DrainAgentRequest__Output, _parallax_v1_Agent__Output>
  GetRun: MethodDefinition<_parallax_v1_GetRunRequest, _parallax_v1_Run, _parallax_v1_GetRunRequest__Output, _parallax_v1_Run__Output>
  GetSchedule: MethodDefinition<_parallax_v1_GetScheduleRequest, _parallax_v1_Schedule, _parallax_v1_GetScheduleRequest__Output, _parallax_v1_Schedule__Output>
  GetTenant: MethodDefinition<_parallax_v1_GetTenantRequest, _parallax_v1_Tenant, _parallax_v1_GetTenantRequest__Output, _parallax_v1_Tenant__Output>
  GetUser: MethodDefinition<_parallax_v1_GetUserRequest, _parallax_v1_User, _parallax_v1_GetUserRequest__Output, _parallax_v1_User__Output>
  GetVariable: MethodDefinition<_parallax_v1_GetVariableRequest, _parallax_v1_Variable, _parallax_v1_GetVariableRequest__Output, _parallax_v1_Variable__Output>
  GrantRole: MethodDefinition<_parallax_v1_GrantRoleRequest, _parallax_v1_User, _parallax_v1_GrantRoleRequest__Output, _parallax_v1_User__Output>
  ListAgents: MethodDefinition<_parallax_v1_ListAgentsRequest, _parallax_v1_ListAgentsResponse, _parallax_v1_ListAgentsRequest__Output, _parallax_v1_ListAgentsResponse__Output>
  ListAudit: MethodDefinition<_parallax_v1_ListAuditRequest, _parallax_v1_ListAuditResponse, _parallax_v1_ListAuditRequest__Output, _parallax_v1_ListAuditResponse__Output>
  ListRoles: MethodDefinition<_parallax_v1_ListRolesRequest, _parallax_v1_ListRolesResponse, _parallax_v1_ListRolesRequest__Output, _parallax_v1_ListRolesResponse__Output>
  ListRuns: MethodDefinition<_parallax_v1_ListRunsRequest, _parallax_v1_ListRunsResponse, _parallax_v1_ListRunsRequest__Output, _parallax_v1_ListRunsResponse__Output>
  ListSchedules: MethodDefinition<_parallax_v1_ListSchedulesRequest, _parallax_v1_ListSchedulesResponse, _parallax_v1_ListSchedulesRequest__Output, _parallax_v1_ListSchedulesResponse__Output>
  ListTenants: MethodDefinition<_parallax_v1_ListTenantsRequest, _parallax_v1_ListTenantsResponse, _parallax_v1_ListTenantsRequest__Output, _parallax_v1_ListTenantsResponse__Output>
  ListTokens: MethodDefinition<_parallax_v1_ListTokensRequest, _parallax_v1_ListTokensResponse, _parallax_v1_ListTokensRequest__Output, _parallax_v1_ListTokensResponse__Output>
  ListUsers: MethodDefinition<_parallax_v1_ListUsersRequest, _parallax_v1_ListUsersResponse, _parallax_v1_ListUsersRequest__Output, _parallax_v1_ListUsersResponse__Output>
  ListVariables: MethodDefinition<_parallax_v1_ListVariablesRequest, _parallax_v1_ListVariablesResponse, _parallax_v1_ListVariablesRequest__Output, _parallax_v1_ListVariablesResponse__Output>
  LoginInfo: MethodDefinition<_parallax_v1_LoginInfoRequest, _parallax_v1_LoginInfoResponse, _parallax_v1_LoginInfoRequest__Output, _parallax_v1_LoginInfoResponse__Output>
  NextDueTimes: MethodDefinition<_parallax_v1_NextDueTimesRequest, _parallax_v1_NextDueTimesResponse, _parallax_v1_NextDueTimesRequest__Output, _parallax_v1_NextDueTimesResponse__Output>
  PutVariable: MethodDefinition<_parallax_v1_PutVariableRequest, _parallax_v1_Variable, _parallax_v1_PutVariableRequest__Output, _parallax_v1_Variable__Output>
  ReadRunOutput: MethodDefinition<_parallax_v1_ReadRunOutputRequest, _parallax_v1_OutputChunk, _parallax_v1_ReadRunOutputRequest__Output, _parallax_v1_OutputChunk__Output>
  RemoveAgent: MethodDefinition<_parallax_v1_RemoveAgentRequest, _parallax_v1_RemoveAgentResponse, _parallax_v1_RemoveAgentRequest__Output, _parallax_v1_RemoveAgentResponse__Output>
  RemoveMember: MethodDefinition<_parallax_v1_RemoveMemberRequest, _parallax_v1_ClusterStatusResponse, _parallax_v1_RemoveMemberRequest__Output, _parallax_v1_ClusterStatusResponse__Output>
  RevokeRole: MethodDefinition<_parallax_v1_GrantRoleRequest, _parallax_v1_User, _parallax_v1_GrantRoleRequest__Output, _parallax_v1_User__Output>
  RevokeToken: MethodDefinition<_parallax_v1_RevokeTokenRequest, _parallax_v1_Token, _parallax_v1_RevokeTokenRequest__Output, _parallax_v1_Token__Output>
  ScheduleHistory: MethodDefinition<_parallax_v1_ScheduleHistoryRequest, _parallax_v1_ScheduleHistoryResponse, _parallax_v1_ScheduleHistoryRequest__Output, _parallax_v1_ScheduleHistoryResponse__Output>
  ScheduleVersions: MethodDefinition<_parallax_v1_ScheduleVersionsRequest, _parallax_v1_ScheduleVersionsResponse, _parallax_v1_ScheduleVersionsRequest__Output, _parallax_v1_ScheduleVersionsResponse__Output>
  Status: MethodDefinition<_parallax_v1_StatusRequest, _parallax_v1_StatusResponse, _parallax_v1_StatusRequest__Output, _parallax_v1_StatusResponse__Output>
  TransferLeader: MethodDefinition<_parallax_v1_TransferLeaderRequest, _parallax_v1_ClusterStatusResponse, _parallax_v1_TransferLeaderRequest__Output, _parallax_v1_ClusterStatusResponse__Output>
  TriggerSchedule: MethodDefinition<_parallax_v1_TriggerScheduleRequest, _parallax_v1_Run, _parallax_v1_TriggerScheduleRequest__Output, _parallax_v1_Run__Output>
  UpdateSchedule: MethodDefinition<_parallax_v1_UpdateScheduleRequest, _parallax_v1_Schedule, _parallax_v1_UpdateScheduleRequest__Output, _parallax_v1_Schedule__Output>
  UpdateTenant: MethodDefinition<_parallax_v1_UpdateTenantRequest, _parallax_v1_Tenant, _parallax_v1_UpdateTenantRequest__Output, _parallax_v1_Tenant__Output>
  VerifyAudit: MethodDefinition<_parallax_v1_VerifyAuditRequest, _parallax_v1_VerifyAuditResponse, _parallax_v1_VerifyAuditRequest__Output, _parallax_v1_VerifyAuditResponse__Output>
  Whoami: MethodDefinition<_parallax_v1_WhoamiRequest, _parallax_v1_WhoamiResponse, _parallax_v1_WhoamiRequest__Output, _parallax_v1_WhoamiResponse__Output>
}
