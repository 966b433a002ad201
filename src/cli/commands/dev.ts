import { Flags } from '@oclif/core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, FailedPreconditionError, InvalidArgumentError, isParallaxError, UnavailableError } from '../../common/errors.js';
import { BaseCommand } from '../lib/base-command.js';
import { Child, describeExit, type ChildExit } from '../lib/child.js';
import { call, connect } from '../lib/client.js';
import { configDir, configPath, saveProfile } from '../lib/config.js';
import { FailureError } from '../lib/failure-error.js';
import { portInUse } from '../lib/port-check.js';
import { writePrivateFile } from '../lib/private-file.js';
import { stopSignals } from '../lib/stop-signals.js';

const HOST = '127.0.0.1';
const PROFILE = 'dev';
const READY_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 250;
const STATUS_DEADLINE_MS = 1_000;
const STOP_GRACE_MS = 10_000;

export interface DevReady {
  coordinator: string;
  dataDir: string;
  profile: string;
  configDir: string;
}

// From dist/cli/commands/ (where this runs) to the package's bin/.
const BIN_DIR = fileURLToPath(new URL('../../../bin/', import.meta.url));

type Outcome = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'exit'; child: Child; exit: ChildExit };

export default class Dev extends BaseCommand<void> {
  static override summary = 'Run a one-node coordinator and an agent on this machine, to try Parallax.';

  static override description = `Starts parallax-coordinator and parallax-agent as child processes, points the "dev" profile of your config at the coordinator and makes it current, then stays in the foreground, showing their logs, until Ctrl-C. Without --data-dir, the data lives in a fresh temporary directory that is deleted on exit.`;

  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --port 7171 --data-dir ./parallax-data',
  ];

  static override flags = {
    'data-dir': Flags.directory({ summary: 'Keep the data here instead of in a temporary directory.', helpValue: 'DIR' }),
    port: Flags.integer({ summary: 'Port of the coordinator on 127.0.0.1.', default: 7070, min: 1, max: 65535, helpValue: 'PORT' }),
    name: Flags.string({ summary: 'Name of the agent (default: this host name).', helpValue: 'AGENT' }),
    capacity: Flags.integer({ summary: 'How many runs the agent runs at once.', default: 4, min: 1, helpValue: 'N' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Dev);
    const port = flags.port;
    const address = `${HOST}:${port}`;
    if (await portInUse(HOST, port)) throw portTaken(port);

    const ownsDataDir = flags['data-dir'] === undefined;
    const dataDir = ownsDataDir ? mkdtempSync(join(tmpdir(), 'parallax-dev-')) : makeDataDir(flags['data-dir'] ?? '.');

    const children: Child[] = [];
    const signals = stopSignals(() => {
      for (const child of children) child.kill('SIGKILL');
    });
    // Should we die some other way, the children (in their own process groups) must not outlive us.
    const killOnExit = () => children.forEach((child) => child.kill('SIGKILL'));
    process.once('exit', killOnExit);
    let stopWith: NodeJS.Signals = 'SIGTERM';
    const log = (line: string) => process.stderr.write(line + '\n');
    try {
      const token = adminToken(dataDir);
      const coordinator = new Child(
        'coordinator',
        join(BIN_DIR, 'parallax-coordinator'),
        ['--data-dir', join(dataDir, 'coordinator'), '--listen', address, '--insecure', '--node-id', 'dev'],
        log,
      );
      children.push(coordinator);
      const ready = await waitUntilReady(address, token, coordinator, signals.received, port);
      if (ready !== 'ready') {
        stopWith = forwarded(ready);
        return;
      }

      const agentName = flags.name ?? hostname();
      const agent = new Child(
        'agent',
        join(BIN_DIR, 'parallax-agent'),
        // Ctrl-C should not wait long for runs to finish.
        [
          ...['--coordinator', address, '--name', agentName, '--label', 'dev=true', '--capacity', String(flags.capacity), '--drain-grace', '2s'],
          // Its spool beside the coordinator's data, so a restart with the same --data-dir delivers what was left.
          ...['--data-dir', join(dataDir, 'agent'), '--insecure'],
        ],
        log,
        // The administrator token serves the agent too: one machine, one person.
        { PARALLAX_AGENT_TOKEN: token },
      );
      children.push(agent);

      const dir = configDir();
      saveProfile(dir, PROFILE, { coordinator: address, insecure: true }, true);
      const { openCredentialStore } = await import('../lib/credentials.js');
      await (await openCredentialStore({ configDir: dir, warn: log })).set(PROFILE, { kind: 'token', accessToken: token });
      const info: DevReady = { coordinator: address, dataDir, profile: PROFILE, configDir: dir };
      if (this.jsonEnabled()) this.printJson(info);
      process.stderr.write(tour(info, agentName, flags.capacity, ownsDataDir));

      const outcome = await Promise.race<Outcome>([
        signals.received.then((signal) => ({ kind: 'signal', signal })),
        ...children.map((child) => child.exited.then((exit): Outcome => ({ kind: 'exit', child, exit }))),
      ]);
      if (outcome.kind === 'signal') {
        stopWith = forwarded(outcome.signal);
        process.stderr.write(`Stopping (${outcome.signal})…\n`);
        return;
      }
      throw diedError(outcome.child, outcome.exit, port);
    } finally {
      await Promise.all(children.map((child) => child.stop(stopWith, STOP_GRACE_MS)));
      signals.dispose();
      process.off('exit', killOnExit);
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }

  protected render(): void {
    // Everything was said on stderr while it ran.
  }
}

/**
 * The administrator token of the dev cluster: made by \`parallax-coordinator init\` when the data directory is new,
 * and kept beside the coordinator's data (0600) so a later \`parallax dev --data-dir\` on it logs in again.
 */
function adminToken(dataDir: string): string {
  const file = join(dataDir, 'admin.token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (existsSync(join(dataDir, 'coordinator'))) {
    throw new InvalidArgumentError(`${dataDir} holds a coordinator but not its admin.token: it was not made by parallax dev; pass another --data-dir`, { field: 'data-dir' });
  }
  const token = execFileSync(process.execPath, [join(BIN_DIR, 'parallax-coordinator'), 'init', '--data-dir', join(dataDir, 'coordinator')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  writePrivateFile(file, `${token}\n`);
  return token;
}

function makeDataDir(path: string): string {
  const dir = resolve(path);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InvalidArgumentError(`cannot use --data-dir ${dir}: ${(err as Error).message}`, { field: 'data-dir' });
  }
  return dir;
}

/** The signal to pass on to the children: SIGHUP often means "reload" to a daemon, not "stop". */
function forwarded(signal: NodeJS.Signals): NodeJS.Signals {
  return signal === 'SIGHUP' ? 'SIGTERM' : signal;
}

function portTaken(port: number): UnavailableError {
  return new UnavailableError(`port ${port} is in use: pass --port`, { field: 'port' });
}

function diedError(child: Child, exit: ChildExit, port: number): Error {
  if (child.name === 'coordinator' && child.recentLines().some((line) => /EADDRINUSE|address already in use/i.test(line))) {
    return portTaken(port);
  }
  // A daemon that refuses to start says why on its last line, and exits with the code of the kind of refusal.
  const refusal = /^parallax-(?:coordinator|agent): (.+)$/.exec(child.recentLines().at(-1) ?? '')?.[1];
  if (refusal !== undefined) {
    const message = `the ${child.name} did not start: ${refusal}`;
    if (exit.code === ExitCode.usage) return new InvalidArgumentError(message);
    if (exit.code === ExitCode.conflict) return new FailedPreconditionError(message);
    if (exit.code === ExitCode.unavailable) return new UnavailableError(message);
  }
  return new FailureError(`the ${child.name} exited unexpectedly ${describeExit(exit)}; see its log above`);
}

/** Polls Status until the coordinator answers the token; 'ready', or the signal that asked us to stop meanwhile. */
async function waitUntilReady(
  address: string,
  token: string,
  coordinator: Child,
  stop: Promise<NodeJS.Signals>,
  port: number,
): Promise<'ready' | NodeJS.Signals> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no answer';
  let stopped: NodeJS.Signals | undefined;
  void stop.then((signal) => (stopped = signal));
  while (Date.now() < deadline) {
    if (stopped !== undefined) return stopped;
    if (!coordinator.running) throw diedError(coordinator, await coordinator.exited, port);
    // Ready means the administrator token works: the coordinator leads and has committed it.
    const conn = await connect(address, { token });
    try {
      await call(conn, 'status', {}, STATUS_DEADLINE_MS);
      return 'ready';
    } catch (err) {
      lastError = isParallaxError(err) ? err.message : String(err);
    } finally {
      conn.close();
    }
    await Promise.race([sleep(POLL_INTERVAL_MS), stop, coordinator.exited]);
  }
  throw new UnavailableError(
    `the coordinator did not answer at ${address} within ${READY_TIMEOUT_MS / 1000}s (${lastError}); see its log above`,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tilde(path: string): string {
  const home = homedir();
  return path.startsWith(home + '/') ? '~' + path.slice(home.length) : path;
}

function tour(info: DevReady, agentName: string, capacity: number, temporary: boolean): string {
  return `
Parallax is running.
  coordinator  ${info.coordinator} (data in ${join(info.dataDir, 'coordinator')})
  agent        ${agentName} (label dev=true, capacity ${capacity}, spool in ${join(info.dataDir, 'agent')})
  profile      "${info.profile}" in ${tilde(configPath(info.configDir))}, now the current profile
  data         ${info.dataDir}${temporary ? ' (deleted when this stops)' : ''}

Try, in another terminal:
  parallax schedule create hello --cron "*/2 * * * * *" --shell "echo hello from \\$(hostname)"
  parallax run list --schedule hello
  parallax run logs --follow "$(parallax schedule trigger hello)"
  parallax agent list
  parallax schedule delete hello

Press Ctrl-C to stop.

`;
}
