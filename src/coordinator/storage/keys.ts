/**
 * The key layout of the data directory's LevelDB. Data that belongs to a tenant lives under `t/<tenant>/`, so every
 * such key starts with its tenant; what belongs to the cluster (agents) or to the log itself has its own prefix.
 *
 *   M/format, M/applied            format version; index of the last applied log entry
 *   M/damaged                      when LevelDB dropped corrupt records on opening, and what (storage/damage.ts)
 *   M/cluster-id                   the cluster this data directory belongs to
 *   M/raft/…                       the Raft hard state, membership and compaction point (storage/raft-store.ts)
 *   M/snapshot/<stage>/<key>       a snapshot from the leader as it arrives, until it is installed (snapshot-stage.ts)
 *   L/<index>                      log entries (16-digit decimal, so they sort)
 *   C/agent/<name>                 registered agents
 *   t/<tenant>/n                   counters of the tenant (schedules, runs, active runs)
 *   t/<tenant>/s/<schedule>        schedules
 *   t/<tenant>/r/<run>             runs
 *   t/<tenant>/rs/<schedule>/<run> runs of a schedule (index; run ids sort by creation)
 *   t/<tenant>/a/<run>             runs not yet ended (index)
 *   t/<tenant>/o/<run>/<chunk>     run output, one chunk per key (10-digit decimal)
 *   t/<tenant>/v/<key>             variables
 *   t/<tenant>/m/<schedule>/<to>   due times missed, a range per record, by its last due time (16-digit ms)
 *   t/<tenant>/sv/<schedule>/<v>   versions of a schedule: what each change changed (10-digit version)
 */
export const FORMAT_KEY = 'M/format';
export const APPLIED_KEY = 'M/applied';
export const DAMAGE_KEY = 'M/damaged';
export const CLUSTER_ID_KEY = 'M/cluster-id';
export const LOG_PREFIX = 'L/';
/** The node's own keys: never part of a snapshot, kept when one is installed. */
export const META_PREFIX = 'M/';
export const SNAPSHOT_STAGE_PREFIX = 'M/snapshot/';
export const AGENT_PREFIX = 'C/agent/';
export const TENANT_PREFIX = 't/';

export const logKey = (index: number): string => LOG_PREFIX + String(index).padStart(16, '0');
export const agentKey = (name: string): string => AGENT_PREFIX + name;

export const tenantPrefix = (tenant: string): string => `${TENANT_PREFIX}${tenant}/`;
export const countersKey = (tenant: string): string => `${tenantPrefix(tenant)}n`;
export const schedulePrefix = (tenant: string): string => `${tenantPrefix(tenant)}s/`;
export const scheduleKey = (tenant: string, name: string): string => schedulePrefix(tenant) + name;
export const runPrefix = (tenant: string): string => `${tenantPrefix(tenant)}r/`;
export const runKey = (tenant: string, id: string): string => runPrefix(tenant) + id;
/** The runs' prefix (t/<tenant>/r/) of a run's key, or undefined for any other key. */
export function runPrefixOf(key: string): string | undefined {
  if (!key.startsWith(TENANT_PREFIX)) return undefined;
  const slash = key.indexOf('/', TENANT_PREFIX.length);
  if (slash < 0 || !key.startsWith('r/', slash + 1)) return undefined;
  return key.slice(0, slash + 3);
}
export const runsOfSchedulePrefix = (tenant: string, schedule: string): string =>
  `${tenantPrefix(tenant)}rs/${schedule}/`;
export const activeRunPrefix = (tenant: string): string => `${tenantPrefix(tenant)}a/`;
/** A schedule's active runs (queued, leased or running), by id: what its overlap policy looks at. Empty values. */
export const schedulesActivePrefix = (tenant: string): string => `${tenantPrefix(tenant)}sa/`;
export const scheduleActivePrefix = (tenant: string, schedule: string): string => `${schedulesActivePrefix(tenant)}${schedule}/`;
export const activeRunKey = (tenant: string, id: string): string => activeRunPrefix(tenant) + id;
export const outputPrefix = (tenant: string, run: string): string => `${tenantPrefix(tenant)}o/${run}/`;
export const outputKey = (tenant: string, run: string, chunk: number): string =>
  outputPrefix(tenant, run) + String(chunk).padStart(10, '0');
export const variablePrefix = (tenant: string): string => `${tenantPrefix(tenant)}v/`;
export const variableKey = (tenant: string, key: string): string => variablePrefix(tenant) + key;
export const missesPrefix = (tenant: string, schedule: string): string => `${tenantPrefix(tenant)}m/${schedule}/`;
export const missKey = (tenant: string, schedule: string, to: number): string =>
  missesPrefix(tenant, schedule) + String(to).padStart(16, '0');
export const scheduleVersionsPrefix = (tenant: string, schedule: string): string => `${tenantPrefix(tenant)}sv/${schedule}/`;
export const scheduleVersionKey = (tenant: string, schedule: string, version: number): string =>
  scheduleVersionsPrefix(tenant, schedule) + String(version).padStart(10, '0');

/*
 * Identity and audit (state/identity.ts, state/audit.ts):
 *
 *   C/tenant/<name>                tenants and their quotas
 *   C/user/<name>                  users and the grants given to them
 *   C/token/<sha256>               API tokens, by the hash of their secret
 *   C/bootstrapped                 set once the first administrator token exists
 *   C/audit-head                   the last audit entry's number and hash
 *   A/<seq>                        audit entries, hash-chained (16-digit decimal)
 *   t/<tenant>/roles               the tenant's custom roles, one record
 *   t/<tenant>/tokens              the tenant's token names → hashes, one record (C/tokens: cluster-wide ones)
 */
export const TENANT_RECORD_PREFIX = 'C/tenant/';
export const USER_PREFIX = 'C/user/';
export const TOKEN_PREFIX = 'C/token/';
export const BOOTSTRAPPED_KEY = 'C/bootstrapped';
export const AUDIT_HEAD_KEY = 'C/audit-head';
export const AUDIT_PREFIX = 'A/';
/** Local to one node, never replicated: the hash of a token `parallax-coordinator init` made, until it is proposed. */
export const BOOTSTRAP_PENDING_KEY = 'M/bootstrap-pending';

export const tenantRecordKey = (name: string): string => TENANT_RECORD_PREFIX + name;
export const userKey = (name: string): string => USER_PREFIX + name;
export const tokenKey = (hash: string): string => TOKEN_PREFIX + hash;
export const auditKey = (seq: number): string => AUDIT_PREFIX + String(seq).padStart(16, '0');
export const rolesKey = (tenant: string): string => `${tenantPrefix(tenant)}roles`;
export const tokensKey = (tenant: string): string => (tenant === '*' ? 'C/tokens' : `${tenantPrefix(tenant)}tokens`);
