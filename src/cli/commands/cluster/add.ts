import { Args } from '@oclif/core';
import type { ClusterStatusResponse__Output } from '../../../common/proto/gen/parallax/v1/ClusterStatusResponse.js';
import { BaseCommand } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { clusterStatusJson, renderClusterStatus } from './status.js';

export default class ClusterAdd extends BaseCommand<ClusterStatusResponse__Output> {
  static override summary = 'Add a coordinator to the cluster.';

  static override description =
    'Adds the member as a learner: it receives the log but does not vote, so a node still copying the state never weakens the quorum. Then start it with --join; the leader makes it a voter once it has caught up.';

  static override args = {
    id: Args.string({ description: 'Name of the new member (its --id).', required: true, ignoreStdin: true }),
    address: Args.string({ description: 'HOST:PORT the other members reach it on (its --listen).', required: true, ignoreStdin: true }),
  };

  static override examples = [
    '<%= config.bin %> <%= command.id %> n4 10.0.0.14:7070\nparallax-coordinator --id n4 --listen 10.0.0.14:7070 --data-dir /var/lib/parallax --join 10.0.0.11:7070,10.0.0.12:7070',
  ];

  private added = { id: '', address: '' };

  async run(): Promise<ClusterStatusResponse__Output> {
    const { args, flags } = await this.parse(ClusterAdd);
    this.added = { id: args.id, address: args.address };
    return call(await this.control(flags), 'addMember', { id: args.id, address: args.address });
  }

  protected override toJson(result: ClusterStatusResponse__Output): unknown {
    return clusterStatusJson(result);
  }

  protected render(result: ClusterStatusResponse__Output): void {
    const { id, address } = this.added;
    process.stdout.write(`Added ${id} as a learner. Start it with: parallax-coordinator --id ${id} --listen ${address} --join ${joinList(result, id)} --data-dir DIR\n\n`);
    renderClusterStatus(result);
  }
}

/** The voters' addresses: a learner added before this one may not have started yet. */
function joinList(status: ClusterStatusResponse__Output, except: string): string {
  return status.members.filter((m) => m.id !== except && m.voter).map((m) => m.address).join(',');
}
