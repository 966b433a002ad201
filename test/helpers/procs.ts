import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { afterEach } from 'vitest';
import { scriptCommand } from '../../src/common/script-launch.js';
import { tempDir } from './tmp.js';
import { exitedAndRead, waitFor } from './wait.js';

export { waitFor };

export const root = join(import.meta.dirname, '../..');
export const bin = (name: string) => join(root, 'bin', name);

/**
 * The administrator token of every cluster a test starts: `parallax-coordinator init --token-file` makes it the
 * first administrator of each new data directory, and cli() and startAgent() present it, so a test that is not about
 * identity reads as it did before clusters had one. Tests about identity make their own tokens and pass
 * PARALLAX_TOKEN themselves (an empty one sends none).
 */
export const ADMIN_TOKEN = `plx_${randomBytes(32).toString('base64url')}`;
/**
 * Runs `parallax-coordinator init` on a data directory a new cluster starts from. The token file lives only as long
 * as init: a vitest worker ends without an 'exit' event, so nothing removes what outlives the call.
 */
export function initDataDir(dataDir: string): void {
  const tokenDir = mkdtempSync(join(tmpdir(), 'parallax-token-'));
  try {
    const tokenFile = join(tokenDir, 'admin.token');
    writeFileSync(tokenFile, `${ADMIN_TOKEN}\n`, { mode: 0o600 });
    execFileSync(process.execPath, [bin('parallax-coordinator'), 'init', '--data-dir', dataDir, '--token-file', tokenFile], { stdio: 'pipe' });
  } finally {
    rmSync(tokenDir, { recursive: true, force: true });
  }
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Proc>();
afterEach(async () => {
  await Promise.all([...running].map((p) => p.stop(3_000)));
});

export function spawnProc(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Proc {
  const launch = scriptCommand(command, args);
  const child = spawn(launch.file, launch.args, {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1', ...launch.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // PARALLAX_TEST_LOG_DIR keeps every process's output in a file of its own, to read after a failed run.
  const logDir = process.env.PARALLAX_TEST_LOG_DIR;
  const named = args.findIndex((a) => a === '--id' || a === '--name');
  const logFile = logDir === undefined ? undefined : join(logDir, `${basename(command)}-${named < 0 ? '' : args[named + 1]}-${child.pid}.log`);
  const collect = (d: Buffer) => {
    output += d.toString();
    if (logFile !== undefined) appendFileSync(logFile, d);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = exitedAndRead(child).then((status) => {
    running.delete(proc);
    return status;
  });
  const proc: Proc = {
    child,
    output: () => output,
    exited,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(proc);
  return proc;
}

export function startCoordinator(dataDir: string, port: number, nodeId = 'n1', initialCluster?: string, extra: string[] = []): Proc {
  // One member of a new cluster holds the bootstrap token: the first one named (a joining node holds nothing yet).
  const first = initialCluster === undefined ? nodeId : initialCluster.split('=', 1)[0];
  if (!existsSync(dataDir) && first === nodeId && !extra.includes('--join')) initDataDir(dataDir);
  const cluster = initialCluster === undefined ? [] : ['--initial-cluster', initialCluster];
  return spawnProc(bin('parallax-coordinator'), ['--data-dir', dataDir, '--listen', `127.0.0.1:${port}`, '--insecure', '--id', nodeId, ...cluster, ...extra]);
}

/** Coordinators on loopback forming one new cluster, each on a free port and its own data directory under `dir`. */
export interface TestCluster {
  dir: string;
  ids: string[];
  ports: number[];
  address(id: string): string;
  nodes: Map<string, Proc>;
  /** Starts member `id` (again, after a kill) on its data directory, with the cluster's `extra` flags. */
  start(id: string): void;
}

/** Starts a cluster of `ids` (three members by default); `extra` flags go to every member. */
export async function startCluster(ids: string[] = ['n1', 'n2', 'n3'], extra: string[] = []): Promise<TestCluster> {
  const dir = tempDir();
  const ports = await Promise.all(ids.map(() => freePort()));
  const address = (id: string) => `127.0.0.1:${ports[ids.indexOf(id)]}`;
  const initial = ids.map((id) => `${id}=${address(id)}`).join(',');
  const nodes = new Map<string, Proc>();
  const start = (id: string) => void nodes.set(id, startCoordinator(join(dir, id), ports[ids.indexOf(id)]!, id, initial, extra));
  ids.forEach(start);
  return { dir, ids, ports, address, nodes, start };
}

/**
 * An agent of the coordinator on `port`, or of every coordinator of a cluster (it finds the leader). Each has its own
 * data directory, removed after the test, unless the test gives one (to start an agent again on the same spool).
 */
export function startAgent(port: number | number[], name: string, labels: string[] = [], capacity = 4, dataDir = tempDir('parallax-agent-')): Proc {
  const labelArgs = labels.flatMap((l) => ['--label', l]);
  const coordinators = (Array.isArray(port) ? port : [port]).map((p) => `127.0.0.1:${p}`).join(',');
  // A short drain, so stopping a test's agent does not wait for its runs.
  const args = ['--coordinator', coordinators, '--name', name, '--capacity', String(capacity), '--drain-grace', '1s', '--data-dir', dataDir, '--insecure', ...labelArgs];
  return spawnProc(bin('parallax-agent'), args, { PARALLAX_AGENT_TOKEN: ADMIN_TOKEN });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the `parallax` CLI as a user would, with its own config dir, and collects what it prints. */
export function cli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin('parallax'), ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', PARALLAX_TOKEN: ADMIN_TOKEN, PARALLAX_KEYCHAIN: 'off', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** The CLI's JSON output, or a failure that shows what it printed instead. */
export function json<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`expected JSON on stdout (exit ${result.code}):\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  }
}

/** One coordinator on a free port, waited for, and the environment that points the CLI at it. */
export async function singleNode(): Promise<{ dir: string; port: number; env: NodeJS.ProcessEnv }> {
  const dir = tempDir();
  const port = await freePort();
  startCoordinator(join(dir, 'data'), port);
  const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
  await waitFor('the coordinator', async () => (await cli(['status', '--json'], env)).code === 0);
  return { dir, port, env };
}

/** Whether process `pid` still exists (signal 0 checks without sending anything). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
