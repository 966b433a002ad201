import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = join(root, 'oclif.manifest.json');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The binary runs from dist/ and oclif.manifest.json, as it does for users. Rebuilds them when any source the CLI is
 * made of is newer, so the test never runs stale code; `npm run build` does the same by hand.
 */
export function ensureBuilt(): void {
  const sources = Math.max(
    newestMtime(join(root, 'src/cli')),
    newestMtime(join(root, 'src/common')),
    statSync(join(root, 'scripts/gen-manifest.js')).mtimeMs,
  );
  if (existsSync(manifest) && statSync(manifest).mtimeMs >= sources) return;
  const env = { ...process.env };
  delete env.NODE_ENV;
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: root,
      env,
      stdio: 'pipe',
      timeout: 180_000,
    });
  } catch (err) {
    // Other parts of the tree may not type-check yet; tsc still emits them, and ours are checked by `npm run lint`.
    if (!existsSync(join(root, 'dist/cli/commands/schedule/create.js'))) throw err;
  }
  execFileSync(process.execPath, [join(root, 'scripts/gen-manifest.js')], { cwd: root, env, stdio: 'pipe', timeout: 60_000 });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const homes: string[] = [];

export function removeTempHomes(): void {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
}

/** A clean environment: no address, profile or colour settings from whoever runs the tests, and a private config. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('PARALLAX_') || key === 'NODE_ENV' || key === 'NO_COLOR') continue;
    env[key] = value;
  }
  const home = mkdtempSync(join(tmpdir(), 'parallax-cli-test-'));
  homes.push(home);
  return { ...env, HOME: home, PARALLAX_CONFIG_DIR: join(home, 'config'), ...extra };
}

export function runCli(args: readonly string[], env: Record<string, string> = cleanEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'bin/parallax'), ...args],
      { cwd: root, env, timeout: 30_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err !== null && err.killed) {
          reject(new Error(`parallax ${args.join(' ')} did not finish in 30s\nstderr: ${stderr}`));
          return;
        }
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A port on 127.0.0.1 that nothing listens on (free when this returns). */
export async function freePort(): Promise<number> {
  const server = await listen(0);
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

export function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not a TCP server');
  return address.port;
}
