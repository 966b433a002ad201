import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/** util-linux's setpriv (in every Debian and most distributions): it sets the user's groups as login does. */
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path));

/** What to spawn: the command itself, or setpriv starting it as another user, or (without setpriv) it with ids. */
export interface Launch {
  file: string;
  args: string[];
  /** For spawn's uid and gid options: the run gets the user's primary group only. */
  ids?: { uid: number; gid: number };
  /** Started through setpriv, which sets the user's groups and execs the command in its own place. */
  throughSetpriv?: boolean;
}

/**
 * How to start `file args` as `runAs`. Node's own uid/gid options drop every supplementary group (libuv calls
 * setgroups(0) before setuid), so a run as "deploy" could not use what deploy's groups allow (the docker socket, a
 * shared directory), unlike under cron, sudo or su. setpriv sets the groups the user database gives the user
 * (initgroups), then the gid and uid, and execs the command in its own place: same pid, same process group. Without
 * setpriv, the run gets the user's primary group alone.
 */
export function commandAs(runAs: RunAs, file: string, args: string[]): Launch {
  if (SETPRIV === undefined) return { file, args, ids: { uid: runAs.uid, gid: runAs.gid } };
  return { file: SETPRIV, args: [`--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--init-groups', '--', file, ...args], throughSetpriv: true };
}

/**
 * Whether `file` can be found as spawn would find it, from the run's working directory `cwd` (a path, or a name
 * looked up in PATH): a program started through setpriv that is not there would be setpriv's failure (exit 127),
 * not the "no such file" a run without --user gets.
 */
export function programExists(file: string, path: string | undefined, cwd: string): boolean {
  const candidates = file.includes('/') ? [file] : (path ?? '').split(':').map((dir) => join(dir === '' ? '.' : dir, file));
  return candidates.some((candidate) => {
    try {
      accessSync(resolve(cwd, candidate), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
