import { Flags } from '@oclif/core';
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
    /** null: the node that answered cannot tell (its own view, asked with --local, of a follower). */
    healthy: boolean | null;
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
      healthy: m.healthKnown ? m.healthy : null,
    })),
  };
}

export default class ClusterStatus extends BaseCommand<ClusterStatusResponse__Output> {
  static override summary = 'Show the coordinator cluster: term, leader, and how each member is doing.';

  static override description =
    "The leader's view, whichever coordinator is asked: a follower passes the question on, and answers with its own view when there is no leader or it cannot reach it (\"Answered by\" says which node answered). A follower hears only from the leader, so its own view shows how far the others have replicated the log (MATCH), when they were heard from and whether they are healthy only for itself and the leader; the rest are shown as unknown (-, ?).";

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --json',
    '<%= config.bin %> <%= command.id %> --coordinator 10.0.0.2:7070 --local',
  ];

  static override flags = {
    local: Flags.boolean({ summary: "The view of the coordinator asked, not the leader's: its term, its commit index, and whom it hears from." }),
  };

  async run(): Promise<ClusterStatusResponse__Output> {
    const { flags } = await this.parse(ClusterStatus);
    return call(await this.control(flags), 'clusterStatus', { local: flags.local });
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
    // The node that answered does not contact itself; another may have been heard from this very millisecond.
    m.healthy === null || m.id === s.nodeId ? '-' : m.lastContactMs === null ? 'never' : `${(m.lastContactMs / 1000).toFixed(1)}s ago`,
    m.healthy === null ? '?' : m.healthy ? { text: 'yes', style: c.green } : { text: 'no', style: c.red },
  ]);
  process.stdout.write(table(['MEMBER', 'ADDRESS', 'ROLE', 'MATCH', 'LAST CONTACT', 'HEALTHY'], rows, c));
  if (s.leader === null) process.stdout.write(`\n${c.yellow(noLeaderNote(s.members.filter((m) => m.voter).length, s.nodeId))}\n`);
}

/** What an operator looking at a cluster without a leader should know: how many voters it takes, and what to do. */
function noLeaderNote(voters: number, answering: string): string {
  const needed = Math.floor(voters / 2) + 1;
  return `No leader: a leader needs ${needed} of the ${voters} voters running and reaching each other (${answering}, which answered, is one). Start those that are down, or look for what keeps them apart; a leader is elected within seconds of ${needed} being up.`;
}
