import { Args } from '@oclif/core';
import type { ClusterStatusResponse__Output } from '../../../common/proto/gen/parallax/v1/ClusterStatusResponse.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { clusterStatusJson, renderClusterStatus } from './status.js';

export default class ClusterRemove extends BaseCommand<ClusterStatusResponse__Output> {
  static override summary = 'Remove a coordinator from the cluster.';

  static override description =
    'The member stops taking part once the change is applied, and its process exits. The leader, asked to remove itself, first hands leadership to the most up-to-date healthy voter, which then removes it: the cluster never waits out an election. To add the node again later, empty its data directory first.';

  static override args = {
    id: Args.string({ description: 'Name of the member to remove.', required: true, ignoreStdin: true }),
  };

  static override examples = ['<%= config.bin %> <%= command.id %> n2'];

  private removed = '';

  async run(): Promise<ClusterStatusResponse__Output> {
    const { args, flags } = await this.parse(ClusterRemove);
    this.removed = args.id;
    return call(await this.control(flags), 'removeMember', { id: args.id });
  }

  protected override toJson(result: ClusterStatusResponse__Output): unknown {
    return clusterStatusJson(result);
  }

  protected render(result: ClusterStatusResponse__Output): void {
    process.stdout.write(`Removed ${this.removed} from the cluster.\n\n`);
    renderClusterStatus(result);
  }
}
