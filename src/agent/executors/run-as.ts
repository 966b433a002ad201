import { execFileSync } from 'node:child_process';

/** Who a run executes as, when it is not the agent's own user. */
export interface RunAs {
  uid: number;
  gid: number;
  home: string;
  name: string;
}

/**
 * The account a run asks for (`--user`), from the system's user database (getent, so LDAP and the like count too);
 * or why it cannot run as that user. Only an agent running as root can change user.
 */
export function resolveRunAs(user: string, agentUid: number | undefined = process.getuid?.()): RunAs | string {
  let entry: string;
  try {
    entry = execFileSync('getent', ['passwd', user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `no user "${user}" on this host`;
  }
  const [name, , uid, gid, , home] = entry.split('\n')[0]!.split(':');
  const run: RunAs = { name: name!, uid: Number(uid), gid: Number(gid), home: home ?? '/' };
  if (!Number.isInteger(run.uid) || !Number.isInteger(run.gid)) return `the user database has no usable entry for "${user}"`;
  if (agentUid !== 0 && agentUid !== run.uid) {
    return `running as user "${user}" needs the agent to run as root (it runs as uid ${agentUid ?? 'unknown'})`;
  }
  return run;
}
