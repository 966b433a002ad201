import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLockFile } from '../../src/cli/lib/lock-file.js';
import { UnavailableError } from '../../src/common/errors.js';
import { tempDir } from '../helpers/tmp.js';

const options = { timeoutMs: 5_000, staleMs: 60_000, purpose: 'refreshing a login' };

/** The pid of a process that has ended. */
function endedPid(): number {
  return Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).toString());
}

describe('withLockFile', () => {
  it('lets one holder in at a time, and removes the file after', async () => {
    const path = join(tempDir(), 'config', 'refresh.lock');
    const events: string[] = [];
    const holder = (name: string) =>
      withLockFile(
        path,
        async () => {
          events.push(`${name} in`);
          expect(readFileSync(path, 'utf8')).toBe(`${hostname()}:${process.pid}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
          events.push(`${name} out`);
          return name;
        },
        options,
      );
    expect(await Promise.all([holder('a'), holder('b'), holder('c')])).toEqual(['a', 'b', 'c']);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace(' in', ' out'));
    expect(existsSync(path)).toBe(false);
    // The directory it had to create is its owner's only.
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
  });

  it('removes the file when what it guards fails', async () => {
    const path = join(tempDir(), 'refresh.lock');
    await expect(withLockFile(path, () => Promise.reject(new Error('refused')), options)).rejects.toThrow('refused');
    expect(existsSync(path)).toBe(false);
  });

  it('takes over at once a lock left by a process of this host that has ended', async () => {
    const path = join(tempDir(), 'refresh.lock');
    writeFileSync(path, `${hostname()}:${endedPid()}`);
    const started = Date.now();
    expect(await withLockFile(path, async () => 'ran', options)).toBe('ran');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('waits for a lock held elsewhere, gives up saying where it is, and takes it over once it is stale', async () => {
    const path = join(tempDir(), 'refresh.lock');
    writeFileSync(path, 'another-host:1');
    const err = await withLockFile(path, async () => 'ran', { ...options, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toBe(
      `another parallax command has been refreshing a login for 300ms (it holds ${path}): try again, or delete that file if no parallax command is running`,
    );
    expect(readFileSync(path, 'utf8')).toBe('another-host:1');

    const old = (Date.now() - 120_000) / 1000;
    utimesSync(path, old, old);
    expect(await withLockFile(path, async () => 'ran', options)).toBe('ran');
    expect(existsSync(path)).toBe(false);
  });
});
