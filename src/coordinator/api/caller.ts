import type { Permission } from '../auth/permissions.js';
import type { AuditContext } from '../state/audit.js';
import type { Grant } from '../state/identity-records.js';

/**
 * Who makes a request, as the API sees it once the request is authenticated and authorized: every handler gets
 * one, and hands its tenant to the state layer explicitly.
 */
export interface Caller {
  /** user: an identity provider's token; token: an API token (the bootstrap one included) */
  kind: 'user' | 'token';
  /** the user's name, or the token's */
  name: string;
  /** the tenant the request acts in ('' for calls that act in none, such as whoami) */
  tenant: string;
  /** every grant the caller holds, in any tenant */
  grants: Grant[];
  /** what the caller may do in `tenant` */
  permissions: ReadonlySet<Permission>;
  /** holds a cluster-wide grant: sees every tenant */
  clusterWide: boolean;
  /** when the credential stops being valid (null: not by time) */
  expiresAt: number | null;
  /** the client's address, for the audit log */
  client: string;
  /**
   * The audit context of a change to `resource` (such as schedule/backup-db) made by this request. Its action is the
   * permission the request needed, unless `action` names the change more precisely where one permission allows
   * several (agents:undrain beside agents:drain, variables:delete beside variables:write).
   */
  audit(resource: string, action?: string): AuditContext;
}
