import { Args } from '@oclif/core';
import type { ClusterStatusResponse__Output } from '../../../common/proto/gen/parallax/v1/ClusterStatusResponse.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { clusterStatusJson } from './status.js';

export default class ClusterTransferLeader extends BaseCommand<ClusterStatusResponse__Output> {
  static override summary = 'Make another voter the leader.';

  static override description =
    'The leader brings the member up to date and tells it to stand for election at once, so the cluster is without a leader for a moment only. Use it before maintenance on the leader\'s host.';

  static override args = {
    id: Args.string({ description: 'Name of the voter to lead.', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> n3'];

  async run(): Promise<ClusterStatusResponse__Output> {
    const { args, flags } = await this.parse(ClusterTransferLeader);
    return call(await this.control(flags), 'transferLeader', { id: args.id });
  }

  protected override toJson(result: ClusterStatusResponse__Output): unknown {
    return clusterStatusJson(result);
  }

  protected render(result: ClusterStatusResponse__Output): void {
    process.stdout.write(`${result.leader === '' ? 'No leader yet' : `${result.leader} leads`} (term ${result.term}).\n`);
  }
}
