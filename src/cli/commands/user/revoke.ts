import UserGrant from './grant.js';

export default class UserRevoke extends UserGrant {
  static override summary = 'Take a role granted by name away from a user, in the tenant (--tenant) or cluster-wide.';

  static override description = "A role the user holds through the identity provider's groups is taken away there, not here.";

  static override examples = ['<%= config.bin %> <%= command.id %> alice --tenant payments --role operator'];

  protected override readonly method = 'revokeRole' as const;
}
