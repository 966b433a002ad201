import { formatHostPort, parseHostPort } from '../../common/address.js';
import type { Logger } from '../../common/logger.js';
import type { ControlHandlers } from '../../common/proto/gen/parallax/v1/Control.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { NodeInfo } from './control-service.js';
import type { LeaderForwarder } from './leader-forward.js';
import { unary } from './unary.js';
import { validateMemberId } from './validate.js';

type ClusterHandlers = Pick<ControlHandlers, 'ClusterStatus' | 'AddMember' | 'RemoveMember' | 'TransferLeader'>;

/** The cluster part of the Control API: its status, membership changes and leadership transfer. */
export function clusterHandlers(deps: { log: ReplicatedLog; logger: Logger; node: NodeInfo; forward: LeaderForwarder }): ClusterHandlers {
  const { log, logger, node, forward } = deps;

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
    ClusterStatus: unary(logger, 'ClusterStatus', async () => clusterStatus()),

    AddMember: unary(logger, 'AddMember', async (req, _caller, call) => {
      const id = validateMemberId(req.id);
      const address = formatHostPort(parseHostPort(req.address, 'address'));
      if (!log.isLeader()) return forward.call('addMember', { id, address }, call.metadata);
      await log.changeMembership({ type: 'add', node: id, address });
      logger.info('member added', { id, address });
      return clusterStatus();
    }),

    RemoveMember: unary(logger, 'RemoveMember', async (req, _caller, call) => {
      const id = validateMemberId(req.id);
      if (!log.isLeader()) return forward.call('removeMember', { id }, call.metadata);
      await log.changeMembership({ type: 'remove', node: id });
      logger.info('member removed', { id });
      return clusterStatus();
    }),

    TransferLeader: unary(logger, 'TransferLeader', async (req, _caller, call) => {
      const id = validateMemberId(req.id);
      if (!log.isLeader()) {
        if (log.leaderId() === id) return clusterStatus();
        return forward.call('transferLeader', { id }, call.metadata);
      }
      await log.transferLeadership(id);
      logger.info('leadership transferred', { to: id });
      return clusterStatus();
    }),

  };
}
