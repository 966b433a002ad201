import type { Permission } from './permissions.js';

/**
 * What each RPC needs. `authenticated`: any valid credential (it only tells callers about themselves); `public`:
 * nothing (how to log in). A test checks that every RPC of every service is here, so a new RPC cannot be served
 * without deciding who may call it.
 */
export const RPC_PERMISSIONS = {
  'Control.LoginInfo': 'public',
  'Control.Whoami': 'authenticated',
  'Control.Status': 'cluster:read',
  'Control.ClusterStatus': 'cluster:read',
  'Control.AddMember': 'cluster:manage',
  'Control.RemoveMember': 'cluster:manage',
  'Control.TransferLeader': 'cluster:manage',
  'Control.CreateSchedule': 'schedules:create',
  'Control.GetSchedule': 'schedules:read',
  'Control.ListSchedules': 'schedules:read',
  'Control.DeleteSchedule': 'schedules:delete',
  'Control.UpdateSchedule': 'schedules:update',
  'Control.TriggerSchedule': 'schedules:trigger',
  'Control.BackfillSchedule': 'schedules:trigger',
  'Control.NextDueTimes': 'schedules:read',
  'Control.ScheduleHistory': 'schedules:read',
  'Control.ScheduleVersions': 'schedules:read',
  'Control.GetRun': 'runs:read',
  'Control.ListRuns': 'runs:read',
  'Control.CancelRun': 'runs:cancel',
  'Control.ReadRunOutput': 'runs:read',
  'Control.ListAgents': 'agents:read',
  'Control.DrainAgent': 'agents:drain',
  'Control.PutVariable': 'variables:write',
  'Control.GetVariable': 'variables:read',
  'Control.ListVariables': 'variables:read',
  'Control.DeleteVariable': 'variables:write',
  'Control.CreateTenant': 'tenants:create',
  'Control.GetTenant': 'tenants:read',
  'Control.ListTenants': 'tenants:read',
  'Control.UpdateTenant': 'tenants:update',
  'Control.DeleteTenant': 'tenants:delete',
  'Control.ListUsers': 'users:read',
  'Control.GetUser': 'users:read',
  'Control.GrantRole': 'users:grant',
  'Control.RevokeRole': 'users:revoke',
  'Control.ListRoles': 'roles:read',
  'Control.CreateRole': 'roles:write',
  'Control.DeleteRole': 'roles:write',
  'Control.CreateToken': 'tokens:create',
  'Control.ListTokens': 'tokens:read',
  'Control.RevokeToken': 'tokens:revoke',
  'Control.ListAudit': 'audit:read',
  'Control.VerifyAudit': 'audit:verify',
  'AgentService.Session': 'agents:connect',
  'AgentService.RunStarted': 'agents:connect',
  'AgentService.AppendOutput': 'agents:connect',
  'AgentService.RunFinished': 'agents:connect',
} as const satisfies Record<string, Permission | 'authenticated' | 'public'>;

export type RpcName = keyof typeof RPC_PERMISSIONS;
