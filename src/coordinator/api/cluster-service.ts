import { formatHostPort, parseHostPort } from '../../common/address.js';
import type { ControlHandlers } from '../../common/proto/gen/parallax/v1/Control.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { NodeInfo } from './control-service.js';
import type { LeaderForwarder } from './leader-forward.js';
import type { Caller } from './caller.js';
import { type ApiContext, unary } from './unary.js';
import { validateMemberId } from './validate.js';

type ClusterHandlers = Pick<ControlHandlers, 'ClusterStatus' | 'AddMember' | 'RemoveMember' | 'TransferLeader'>;

/** The cluster part of the Control API: its status, membership changes and leadership transfer. */
export function clusterHandlers(deps: { log: ReplicatedLog; api: ApiContext; node: NodeInfo; forward: LeaderForwarder }): ClusterHandlers {
  const { log, api, node, forward } = deps;
  const logger = api.logger;

  // A transfer is not a log entry: its audit entry is recorded once it is done (by the new leader, to which the
  // proposal goes). A membership change's entry rides in the change's own log entry.
  const audited = (caller: Caller, resource: string) =>
    log.propose({ type: 'audit.record', result: 'ok', reason: '', audit: caller.audit(resource) }).catch((err: unknown) =>
      logger.warn('recording a leadership transfer in the audit log failed', { error: String(err) }),
    );

  const clusterStatus = () => {
    const view = log.clusterStatus();
    return {
      clusterId: node.clusterId,
      nodeId: node.nodeId,
      term: view.term,
      leader: view.leader,
      commitIndex: view.commitIndex,
      appliedIndex: log.appliedIndex(),
      members: view.members,
    };
  };

  return {
    // A follower knows how far the others have replicated, and whether they are up, only from the leader: it asks the
    // leader, and answers with its own view (what it can tell marked so) when it has none or cannot reach it.
    ClusterStatus: unary(api, 'Control.ClusterStatus', async (req, _caller, call) =>
      (req.local ? undefined : await forward.leaderView('clusterStatus', { local: true }, call.metadata)) ?? clusterStatus(),
    ),

    AddMember: unary(api, 'Control.AddMember', async (req, caller, call) => {
      const id = validateMemberId(req.id);
      const address = formatHostPort(parseHostPort(req.address, 'address'));
      if (!log.isLeader()) return forward.call('addMember', { id, address }, call.metadata);
      await log.changeMembership({ type: 'add', node: id, address, audit: caller.audit(`member/${id}`) });
      logger.info('member added', { id, address });
      return clusterStatus();
    }),

    RemoveMember: unary(api, 'Control.RemoveMember', async (req, caller, call) => {
      const id = validateMemberId(req.id);
      if (!log.isLeader()) return forward.call('removeMember', { id }, call.metadata);
      const done = await log.changeMembership({ type: 'remove', node: id, audit: caller.audit(`member/${id}`) });
      if (done === 'handed-over') {
        logger.info('handed leadership over before leaving the cluster', { to: log.leaderId() ?? '' });
        return forward.call('removeMember', { id }, call.metadata);
      }
      logger.info('member removed', { id });
      return clusterStatus();
    }),

    TransferLeader: unary(api, 'Control.TransferLeader', async (req, caller, call) => {
      const id = validateMemberId(req.id);
      if (!log.isLeader()) {
        if (log.leaderId() === id) return clusterStatus();
        return forward.call('transferLeader', { id }, call.metadata);
      }
      await log.transferLeadership(id);
      logger.info('leadership transferred', { to: id });
      await audited(caller, `leader/${id}`);
      return clusterStatus();
    }),

  };
}
