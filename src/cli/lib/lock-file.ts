import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { UnavailableError } from '../../common/errors.js';
import { shortSpan } from './human-time.js';

export interface LockFileOptions {
  /** How long to wait for a lock another process holds. */
  timeoutMs: number;
  /** A lock this old was left by a process that cannot still be working under it. */
  staleMs: number;
  /** What the lock is for, in the message when the wait is given up. */
  purpose: string;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const POLL_MS = 50;

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

/** Whether the process that wrote `owner` ("host:pid") has ended. Only known for a process on this host. */
function ownerEnded(owner: string): boolean {
  const [host, pid] = [owner.slice(0, owner.lastIndexOf(':')), Number(owner.slice(owner.lastIndexOf(':') + 1))];
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return errorCode(err) === 'ESRCH';
  }
}

/** Creates the lock file; false when another process holds it. */
function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${hostname()}:${process.pid}`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes the lock at `path` when the process that holds it has ended (or it is older than staleMs). */
function removeIfStale(path: string, staleMs: number, now: number): void {
  let owner: string;
  let mtimeMs: number;
  try {
    owner = readFileSync(path, 'utf8');
    mtimeMs = statSync(path).mtimeMs;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return;
    throw err;
  }
  // A lock being written has no owner yet: give it its moment.
  if (owner === '' && now - mtimeMs < staleMs) return;
  if (owner !== '' && !ownerEnded(owner) && now - mtimeMs < staleMs) return;
  // Only if it is still the same lock: another waiter may have removed it and taken a new one meanwhile.
  let again: string;
  try {
    again = readFileSync(path, 'utf8');
  } catch {
    return;
  }
  if (again === owner) rmSync(path, { force: true });
}

/**
 * Runs `fn` holding an exclusive lock, a file created with O_EXCL at `path`, so that processes of the CLI take turns.
 * The file names the host and pid of its holder: a lock left by a process that was killed is taken over at once on
 * the same host, and after staleMs by its age (a config directory shared between hosts).
 */
export async function withLockFile<T>(path: string, fn: () => Promise<T>, options: LockFileOptions): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const deadline = now() + options.timeoutMs;
  while (!tryCreate(path)) {
    removeIfStale(path, options.staleMs, now());
    if (now() >= deadline) {
      throw new UnavailableError(
        `another parallax command has been ${options.purpose} for ${shortSpan(options.timeoutMs)} (it holds ${path}): ` +
          'try again, or delete that file if no parallax command is running',
      );
    }
    await sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    // Not a lock taken over meanwhile because this one looked stale: that one is another process's.
    let owner: string | undefined;
    try {
      owner = readFileSync(path, 'utf8');
    } catch {
      owner = undefined;
    }
    if (owner === `${hostname()}:${process.pid}`) rmSync(path, { force: true });
  }
}
