import { BaseCommand } from '../lib/base-command.js';
import { profileName } from '../lib/auth-session.js';
import { configDir, readConfig } from '../lib/config.js';

export default class Logout extends BaseCommand<{ profile: string; loggedOut: boolean }> {
  static override summary = "Forget the profile's stored credentials (PARALLAX_TOKEN, if set, is not affected).";

  async run(): Promise<{ profile: string; loggedOut: boolean }> {
    const { flags } = await this.parse(Logout);
    const dir = configDir();
    const profile = profileName(flags, process.env, () => readConfig(dir));
    const { openCredentialStore } = await import('../lib/credentials.js');
    const store = await openCredentialStore({ configDir: dir, warn: (m) => process.stderr.write(`${m}\n`) });
    return { profile, loggedOut: await store.delete(profile) };
  }

  protected render(result: { profile: string; loggedOut: boolean }): void {
    process.stdout.write(result.loggedOut ? `Logged out of profile "${result.profile}".\n` : `Profile "${result.profile}" was not logged in.\n`);
  }
}
