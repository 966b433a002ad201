import { InvalidArgumentError } from '../../common/errors.js';
import type { RunSpec__Output } from '../../common/proto/gen/parallax/v1/RunSpec.js';
import type { RunSpecRecord } from '../state/records.js';
import { validateEnv, validateVariableKey } from './validate.js';
import { validateHttp } from './validate-http.js';
import { validateSsh } from './validate-ssh.js';

// What a schedule runs (a command, an HTTP request, or a command over SSH), checked: every problem names its flag.

const MAX_COMMAND_BYTES = 64 * 1024;
const MAX_TIMEOUT_MS = 31 * 24 * 3_600_000;
const DEFAULT_KILL_GRACE_MS = 10_000;

export function validateSpec(spec: RunSpec__Output | null): RunSpecRecord {
  if (spec === null) throw new InvalidArgumentError('a schedule needs a command: pass --shell CMD or -- PROGRAM ARGS…', { field: 'spec' });
  const hasShell = spec.shell.trim() !== '';
  const hasArgv = spec.argv.length > 0;
  const hasHttp = spec.http !== null && spec.http !== undefined && spec.http.url !== '';
  const kinds = [hasShell, hasArgv, hasHttp].filter(Boolean).length;
  if (kinds !== 1) {
    throw new InvalidArgumentError(
      kinds > 1
        ? 'give one of a shell command (--shell), a program with arguments (after --) and a request (--http), not several'
        : 'a schedule needs something to run: pass --shell CMD, --http URL, or -- PROGRAM ARGS…',
      { field: 'shell' },
    );
  }
  if (Buffer.byteLength(spec.shell) + spec.argv.reduce((n, a) => n + Buffer.byteLength(a), 0) > MAX_COMMAND_BYTES) {
    throw new InvalidArgumentError('the command is longer than 64 KiB', { field: 'shell' });
  }
  if (hasArgv && spec.argv[0] === '') throw new InvalidArgumentError('the program to run is empty', { field: 'argv' });
  const hasSsh = spec.ssh !== null && spec.ssh !== undefined && spec.ssh.host !== '';
  if (hasSsh && !hasShell) throw new InvalidArgumentError('--ssh runs a command line on the host: give it with --shell', { field: 'ssh' });
  validateEnv({ ...spec.env, ...spec.envFromVar });
  for (const key of Object.values(spec.envFromVar)) validateVariableKey(key, 'env-from-var');
  if (spec.timeoutMs < 0 || spec.timeoutMs > MAX_TIMEOUT_MS) {
    throw new InvalidArgumentError('invalid timeout: expected a duration from 1s to 31d, or none', { field: 'timeout' });
  }
  if (spec.killGraceMs < 0 || spec.killGraceMs > 3_600_000) {
    throw new InvalidArgumentError('invalid kill grace: expected a duration up to 1h', { field: 'kill-grace' });
  }
  if (spec.cwd !== '' && (hasHttp || hasSsh)) {
    throw new InvalidArgumentError(
      hasSsh ? '--cwd is for commands run on the agent: with --ssh, change directory in the command (cd DIR && …)' : '--cwd is for commands run on the agent (--shell or a program), not --http',
      { field: 'cwd' },
    );
  }
  return {
    shell: hasShell ? spec.shell : '',
    argv: hasArgv ? [...spec.argv] : [],
    ...(hasHttp ? { http: validateHttp(spec.http!) } : {}),
    ...(hasSsh ? { ssh: validateSsh(spec.ssh!) } : {}),
    ...(spec.user === '' ? {} : { user: validateUser(spec.user, hasHttp ? 'http' : hasSsh ? 'ssh' : 'command') }),
    env: { ...spec.env },
    envFromVar: { ...spec.envFromVar },
    cwd: spec.cwd,
    timeoutMs: spec.timeoutMs,
    killGraceMs: spec.killGraceMs || DEFAULT_KILL_GRACE_MS,
  };
}

const USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}\$?$/i;

/** The user a command runs as on its agent. */
function validateUser(user: string, kind: 'command' | 'http' | 'ssh'): string {
  if (!USER_NAME.test(user)) {
    throw new InvalidArgumentError(`invalid --user "${user}": expected a user name of letters, digits, ".", "_" and "-"`, { field: 'user' });
  }
  if (kind === 'http') throw new InvalidArgumentError('--user is for commands run on the agent (--shell or a program), not --http', { field: 'user' });
  if (kind === 'ssh') throw new InvalidArgumentError('--user is for commands run on the agent: with --ssh, the command runs as the user of --ssh USER@HOST', { field: 'user' });
  return user;
}
