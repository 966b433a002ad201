import type { ClusterStatusResponse__Output } from '../../../common/proto/gen/parallax/v1/ClusterStatusResponse.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { details, palette, table } from '../../lib/output.js';

export interface ClusterStatusJson {
  clusterId: string;
  nodeId: string;
  term: number;
  leader: string | null;
  commitIndex: number;
  appliedIndex: number;
  members: {
    id: string;
    address: string;
    voter: boolean;
    matchIndex: number | null;
    lastContactMs: number | null;
    healthy: boolean;
  }[];
}

export function clusterStatusJson(s: ClusterStatusResponse__Output): ClusterStatusJson {
  return {
    clusterId: s.clusterId,
    nodeId: s.nodeId,
    term: s.term,
    leader: s.leader === '' ? null : s.leader,
    commitIndex: s.commitIndex,
    appliedIndex: s.appliedIndex,
    members: s.members.map((m) => ({
      id: m.id,
      address: m.address,
      voter: m.voter,
      matchIndex: m.matchIndex < 0 ? null : m.matchIndex,
      lastContactMs: m.lastContactMs < 0 ? null : m.lastContactMs,
      healthy: m.healthy,
    })),
  };
}

export default class ClusterStatus extends BaseCommand<ClusterStatusResponse__Output> {
  static override summary = 'Show the coordinator cluster: term, leader, and how each member is doing.';

  static override description =
    'The view of the coordinator that answers. Ask the leader to see how far each member has replicated the log (MATCH); a follower knows only its own.';

  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json'];

  async run(): Promise<ClusterStatusResponse__Output> {
    const { flags } = await this.parse(ClusterStatus);
    return call(await this.control(flags), 'clusterStatus', {});
  }

  protected override toJson(result: ClusterStatusResponse__Output): unknown {
    return clusterStatusJson(result);
  }

  protected render(result: ClusterStatusResponse__Output): void {
    renderClusterStatus(result);
  }
}

/** The cluster as a table: what `cluster status` prints, and what the membership commands print after a change. */
export function renderClusterStatus(result: ClusterStatusResponse__Output): void {
  const s = clusterStatusJson(result);
  const c = palette();
  process.stdout.write(
    details(
      [
        ['Cluster', s.clusterId],
        ['Answered by', s.nodeId],
        ['Term', String(s.term)],
        ['Leader', s.leader ?? 'none'],
        ['Commit index', String(s.commitIndex)],
      ],
      c,
    ),
  );
  process.stdout.write('\n');
  const rows = s.members.map((m) => [
    m.id + (m.id === s.leader ? ' (leader)' : ''),
    m.address,
    m.voter ? 'voter' : 'learner',
    m.matchIndex === null ? '-' : String(m.matchIndex),
    m.lastContactMs === null ? 'never' : m.lastContactMs === 0 ? '-' : `${(m.lastContactMs / 1000).toFixed(1)}s ago`,
    m.healthy ? { text: 'yes', style: c.green } : { text: 'no', style: c.red },
  ]);
  process.stdout.write(table(['MEMBER', 'ADDRESS', 'ROLE', 'MATCH', 'LAST CONTACT', 'HEALTHY'], rows, c));
}
