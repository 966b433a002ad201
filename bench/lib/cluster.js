// What the benchmarks share: free ports, percentiles, RSS, child processes that are always cleaned up, the
// administrator token of a new Parallax cluster, and a Parallax cluster of coordinators on loopback.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { scriptCommand } from '../../dist/common/script-launch.js';

export const root = join(import.meta.dirname, '..', '..');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` distinct free ports on 127.0.0.1 (all held open at once, so none is handed out twice). */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function rssMiB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The machine, for the figures' header: other work on it (load average) makes every figure worse. */
export function machine() {
  return `${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(1)} before the start`;
}

/** User + system CPU seconds a process has used so far (from /proc; Linux's USER_HZ is 100). */
export function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * `--coordinator-args "--flag value"` as parseArgs takes it (`--coordinator-args=--flag value`): it refuses a value
 * that starts with a dash when it is a separate argument.
 */
export function coordinatorArgsJoined(argv) {
  const i = argv.indexOf('--coordinator-args');
  return i < 0 || i + 1 >= argv.length ? argv : [...argv.slice(0, i), `--coordinator-args=${argv[i + 1]}`, ...argv.slice(i + 2)];
}

/** Thrown by a waitFor condition that can no longer become true: waitFor stops at once. */
export class GiveUp extends Error {}

/** Polls `fn` until it returns something other than undefined; throws `what` after `timeoutMs`. */
export async function waitFor(what, timeoutMs, fn, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (err) {
      if (err instanceof GiveUp) throw err;
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(intervalMs);
  }
}

export function unary(client, method, request, deadlineMs, metadata = new grpc.Metadata()) {
  return new Promise((resolve, reject) =>
    client[method](request, metadata, { deadline: Date.now() + deadlineMs }, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

/**
 * Flags every benchmark coordinator gets (before --coordinator-args, which can override them): the per-caller rate
 * limit (default 100 requests a second) raised out of the way, since a benchmark's client and agents all present
 * the one administrator token and make far more calls than that. Each call still pays the limiter's bookkeeping.
 */
export const COORDINATOR_ARGS = ['--rate-limit', '1000000'];

/**
 * A new administrator token for a cluster (plx_ and 43 base64url characters, as Parallax makes them), written with
 * mode 0600 to a file in `dir`: { token, file }. Made once, before anything is measured.
 */
export function adminToken(dir) {
  const token = `plx_${randomBytes(32).toString('base64url')}`;
  const file = join(dir, 'admin.token');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}

/** `parallax-coordinator init` on a data dir no coordinator has started on yet: the token in `tokenFile` becomes the administrator. */
export function initDataDir(dataDir, tokenFile) {
  try {
    execFileSync(process.execPath, [join(root, 'bin/parallax-coordinator'), 'init', '--data-dir', dataDir, '--token-file', tokenFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PARALLAX_LOG_LEVEL: 'warn' },
    });
  } catch (err) {
    throw new Error(`parallax-coordinator init --data-dir ${dataDir} failed: ${err.stderr?.toString().trim() || err.message}`);
  }
}

/**
 * grpc-js client options that send `authorization: Bearer <token>` with every call (src/common/bearer.ts, as the CLI
 * and agents do): `(options) => options with the interceptor added`.
 */
export async function withToken(token) {
  const { bearerInterceptor } = await import(join(root, 'dist/common/bearer.js'));
  const interceptor = bearerInterceptor(() => token);
  return (options = {}) => ({ ...options, interceptors: [...(options.interceptors ?? []), interceptor] });
}

/** Until `call()` succeeds: a new cluster's token is refused (UNAUTHENTICATED) until its leader has committed it. */
export function waitForToken(call, timeoutMs = 30_000) {
  return waitFor('the administrator token to be accepted', timeoutMs, async () => {
    await call();
    return true;
  }, 250);
}

// Every process and directory a benchmark made, so that they go away on any exit: normal, thrown, or Ctrl-C.
const children = new Set();
const dirs = new Set();
let hooked = false;

function hook() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the benchmark's processes…\n`);
      cleanup().finally(() => process.exit(130));
    });
  }
}

export function tempDir(prefix) {
  hook();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.add(dir);
  return dir;
}

/** Starts a process whose stderr goes to `onStderr` (a function, or 'inherit' / 'ignore' / a file descriptor). */
export function startProcess(command, args, { env, onStderr } = {}) {
  hook();
  const child = spawn(command, args, {
    stdio: ['ignore', 'ignore', typeof onStderr === 'function' ? 'pipe' : (onStderr ?? 'ignore')],
    env: { ...process.env, ...env },
  });
  if (typeof onStderr === 'function') child.stderr.on('data', onStderr);
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.once('error', (err) => process.stderr.write(`${command}: ${err.message}\n`));
  return child;
}

/** Signals the process, then SIGKILL if it has not exited after `graceMs`. Resolves when it has exited. */
export async function stopProcess(child, signal = 'SIGTERM', graceMs = 5_000) {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  if (exited()) return;
  const done = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

/** Stops every process still running (SIGTERM, SIGKILL after a few seconds) and removes the temporary dirs. */
export async function cleanup(graceMs = 5_000) {
  await Promise.all([...children].map((child) => stopProcess(child, 'SIGTERM', graceMs)));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

/**
 * A cluster of `size` coordinators on loopback, each on its own data dir under `dir`, the first one initialized with
 * a new administrator token; resolves once the token is accepted. `extraArgs` go to every coordinator; with
 * `cpuProfDir` each writes a CPU profile there when it stops (on SIGTERM, not on kill -9). The cluster's `token`
 * is for the benchmark's clients (`clientOptions(options)` adds it to grpc-js client options) and its agents
 * (`agentEnv`).
 */
export async function startParallaxCluster({ dir, size = 3, extraArgs = [], cpuProfDir } = {}) {
  const { controlProto } = await import(join(root, 'dist/common/proto/load.js'));
  const Control = controlProto().parallax.v1.Control;
  const ports = await freePorts(size);
  const nodes = ports.map((port, i) => ({ id: `n${i + 1}`, address: `127.0.0.1:${port}`, dataDir: join(dir, `n${i + 1}`), child: undefined }));
  const initialCluster = nodes.map((n) => `${n.id}=${n.address}`).join(',');
  const { token, file: tokenFile } = adminToken(dir);
  initDataDir(nodes[0].dataDir, tokenFile);
  const clientOptions = await withToken(token);
  const clients = new Map(nodes.map((n) => [n.id, new Control(n.address, grpc.credentials.createInsecure(), clientOptions())]));

  const start = (node) => {
    const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
    const args = ['--id', node.id, '--data-dir', node.dataDir, '--listen', node.address, '--initial-cluster', initialCluster, '--insecure'];
    const command = scriptCommand(join(root, 'bin/parallax-coordinator'), [...args, ...COORDINATOR_ARGS, ...extraArgs], profile);
    node.child = startProcess(command.file, command.args, {
      env: { ...command.env, PARALLAX_LOG_LEVEL: 'warn' },
      onStderr: (d) => process.stderr.write(`${node.id}: ${d}`),
    });
    node.child.once('exit', (code, signal) => {
      if (code !== 0 && signal === null) process.stderr.write(`${node.id}: exited with code ${code}\n`);
    });
  };

  const status = (node, deadlineMs = 1_000) => unary(clients.get(node.id), 'ClusterStatus', {}, deadlineMs);
  const running = () => nodes.filter((n) => n.child && n.child.exitCode === null && n.child.signalCode === null);

  /** The leader as a running node sees it, confirmed by the leader itself: { node, status }, or undefined. */
  const leader = async () => {
    if (running().length < Math.floor(size / 2) + 1) throw new GiveUp('too few coordinators are running to elect a leader');
    for (const node of running()) {
      const seen = await status(node).catch(() => undefined);
      const lead = seen && nodes.find((n) => n.id === seen.leader);
      if (!lead || !running().includes(lead)) continue;
      const own = await status(lead).catch(() => undefined);
      if (own && own.leader === lead.id) return { node: lead, status: own };
    }
    return undefined;
  };

  nodes.forEach(start);
  const cluster = {
    nodes,
    initialCluster,
    token,
    clientOptions,
    agentEnv: { PARALLAX_AGENT_TOKEN: token },
    start,
    status,
    leader,
    waitForLeader: (timeoutMs = 20_000) => waitFor('a Parallax leader', timeoutMs, leader),
    /** Waits until the leader reports every member healthy and caught up to `minMatch` (a log index). */
    waitHealthy: (timeoutMs = 30_000, minMatch = 0) =>
      waitFor(`${size} healthy members`, timeoutMs, async () => {
        const found = await leader();
        const members = found?.status.members ?? [];
        const ok = members.length === size && members.every((m) => m.healthy && Number(m.matchIndex) >= minMatch);
        return ok ? found : undefined;
      }),
    async stop(graceMs = 8_000) {
      for (const client of clients.values()) client.close();
      await Promise.all(running().map((n) => stopProcess(n.child, 'SIGTERM', graceMs)));
    },
  };
  // A member that answers has applied the committed token; until then it answers UNAUTHENTICATED (or nothing). One
  // member is asked, as each refusal of a token is recorded in the audit log (and warned about while no leader is).
  await waitForToken(() => {
    const [node] = running();
    if (node === undefined) throw new GiveUp('no coordinator is running');
    return status(node);
  });
  return cluster;
}
