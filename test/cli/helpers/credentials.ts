import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { StoredCredentials } from '../../../src/cli/lib/credentials.js';
import { root } from '../../helpers/procs.js';

export const builtModule = join(root, 'dist/cli/lib/credentials.js');
const driver = join(import.meta.dirname, 'credentials-driver.mjs');

export const oidc: StoredCredentials = {
  kind: 'oidc',
  accessToken: 'access-SECRET-1',
  refreshToken: 'refresh-SECRET-1',
  expiresAt: 1_900_000_000_000,
  issuer: 'https://id.example',
  clientId: 'parallax-cli',
};
export const apiToken: StoredCredentials = { kind: 'token', accessToken: 'plx_SECRET_2' };

/** The child runs dist/, so a build older than the sources would test old code: say so rather than pass on it. */
export function assertBuilt(): void {
  if (!existsSync(builtModule)) throw new Error(`${builtModule} is missing: run "npm run build" first`);
  const lib = join(root, 'src/cli/lib');
  const newest = Math.max(...readdirSync(lib).map((name) => statSync(join(lib, name)).mtimeMs));
  if (statSync(builtModule).mtimeMs < newest) throw new Error(`${builtModule} is older than src/cli/lib: run "npm run build"`);
}

export type Step =
  | { op: 'open'; env?: Record<string, string> }
  | { op: 'set'; profile: string; credentials: StoredCredentials }
  | { op: 'get' | 'delete' | 'keyring-lookup'; profile: string }
  | { op: 'keyring-store'; profile: string; secret: string }
  | { op: 'files' };

export interface StepResult {
  op: string;
  value?: unknown;
  error?: { name: string; message: string };
}

export interface DriverResult {
  warnings: string[];
  steps: StepResult[];
  /** everything the session printed, for failure messages */
  output: string;
}

/**
 * A home of its own for the child, so that nothing it starts (a D-Bus activated gnome-keyring) reads or writes the
 * keyring of whoever runs the tests. Without DBUS_SESSION_BUS_ADDRESS and DISPLAY unless `extra` sets them.
 */
export function childEnv(home: string, configDir: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('PARALLAX_') || key.startsWith('XDG_')) continue;
    if (['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL'].includes(key)) continue;
    env[key] = value;
  }
  const runtime = join(home, 'run');
  mkdirSync(runtime, { recursive: true, mode: 0o700 });
  return {
    ...env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_RUNTIME_DIR: runtime,
    PARALLAX_CONFIG_DIR: configDir,
    ...extra,
  };
}

const homes = new Set<string>();
const dirs: string[] = [];

/** A fresh directory, removed after the test (helpers/tmp.ts registers its afterEach too late when called in a test). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-credentials-test-'));
  dirs.push(dir);
  return dir;
}

/**
 * Processes left behind with one of our homes in their environment (a keyring daemon that outlived its bus) are ours:
 * ended by pid.
 */
export function killStrays(home: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let environ: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue;
    }
    if (environ.split('\0').includes(`HOME=${home}`)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // It ended on its own in between.
      }
    }
  }
}

afterEach(() => {
  for (const home of homes) killStrays(home);
  homes.clear();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `command args…` (which ends by running the driver: `exec "$NODE" "$DRIVER"` in a shell, or node itself) in its
 * own process group with `env`, and gives what the driver printed. The whole group is killed after `timeoutMs`.
 */
export function runDriver(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  plan: readonly Step[],
  timeoutMs = 30_000,
): Promise<DriverResult> {
  const home = env.HOME!;
  homes.add(home);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: {
        ...env,
        NODE: process.execPath,
        DRIVER: driver,
        PARALLAX_TEST_MODULE: builtModule,
        PARALLAX_TEST_PLAN: JSON.stringify(plan),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
      reject(new Error(`${command} did not finish within ${timeoutMs} ms; it printed:\n${output}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command} (${err.message}): run scripts/install-test-deps.sh`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      killStrays(home);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (line === undefined) {
        reject(new Error(`${command} ended (${signal ?? `code ${code}`}) without a result; it printed:\n${output}`));
        return;
      }
      resolve({ ...(JSON.parse(line.slice('RESULT '.length)) as Omit<DriverResult, 'output'>), output });
    });
  });
}

/** The value of the step `op` at `index`, or a failure that shows what went wrong instead. */
export function valueOf(result: DriverResult, index: number, op: string): unknown {
  const step = result.steps[index];
  if (step?.op !== op) throw new Error(`step ${index} is not ${op}: ${JSON.stringify(result.steps)}`);
  if (step.error !== undefined) {
    throw new Error(`step ${index} (${op}) failed: ${step.error.name}: ${step.error.message}\n${result.output}`);
  }
  return step.value;
}
