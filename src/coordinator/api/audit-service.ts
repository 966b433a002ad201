import { InvalidArgumentError, PermissionDeniedError } from '../../common/errors.js';
import type { ControlHandlers } from '../../common/proto/gen/parallax/v1/Control.js';
import type { ReplicatedLog } from '../replication/log.js';
import { listAudit, verifyAudit } from '../state/audit.js';
import { readOptions } from './read-options.js';
import { type ApiContext, unary } from './unary.js';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100_000;

/** The audit log: read by tenant, verified whole. */
export function auditHandlers(deps: { log: ReplicatedLog; api: ApiContext }): Pick<ControlHandlers, 'ListAudit' | 'VerifyAudit'> {
  const { log, api } = deps;
  return {
    ListAudit: unary(api, 'Control.ListAudit', async (req, caller, call) => {
      if (req.allTenants && !caller.clusterWide) throw new PermissionDeniedError(`${caller.name} holds no cluster-wide role, so it sees its tenant's entries only`);
      if (!Number.isInteger(req.limit) || req.limit < 0 || req.limit > MAX_LIMIT) {
        throw new InvalidArgumentError(`invalid --limit ${req.limit}: expected 1 to ${MAX_LIMIT}`, { field: 'limit' });
      }
      const entries = await log.read(
        (s) =>
          listAudit(s, {
            ...(req.allTenants ? {} : { tenant: caller.tenant }),
            ...(req.sinceMs > 0 ? { since: req.sinceMs } : {}),
            ...(req.actor.trim() !== '' ? { actor: req.actor.trim() } : {}),
            limit: req.limit === 0 ? DEFAULT_LIMIT : req.limit,
          }),
        readOptions(call),
      );
      return { entries: entries.map((e) => ({ ...e, atMs: e.at, actorKind: e.actorKind })) };
    }),

    VerifyAudit: unary(api, 'Control.VerifyAudit', async (_req, _caller, call) => {
      const verdict = await log.read((s) => verifyAudit(s), readOptions(call));
      return verdict;
    }),
  };
}
