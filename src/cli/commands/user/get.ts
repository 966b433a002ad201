import { Args } from '@oclif/core';
import type { User__Output } from '../../../common/proto/gen/parallax/v1/User.js';
import { BaseCommand, readFlags } from '../../lib/base-command.js';
import { call } from '../../lib/client.js';
import { userJson } from '../../lib/identity-json.js';
import { grantsText } from './list.js';

export default class UserGet extends BaseCommand<User__Output> {
  static override summary = 'Show the roles granted to a user by name.';

  static override args = {
    name: Args.string({ description: "The user's name, as the identity provider gives it.", required: true, ignoreStdin: true }),
  };

  static override flags = { ...readFlags };

  async run(): Promise<User__Output> {
    const { args, flags } = await this.parse(UserGet);
    return call(await this.control(flags), 'getUser', { name: args.name });
  }

  protected override toJson(result: User__Output): unknown {
    return userJson(result);
  }

  protected render(user: User__Output): void {
    process.stdout.write(`${user.name}: ${grantsText(user)}\n`);
  }
}
