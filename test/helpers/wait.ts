import type { ChildProcess } from 'node:child_process';

/** Polls `check` until it returns a value other than undefined/false, at most `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Resolves once `child` has exited and everything it wrote has been read. Node emits 'exit' before the pipes are
 * drained, so a test that reads a process's last log line on 'exit' can miss it; 'close' comes once they are. A
 * process the child started may keep the pipes open after it, so 'close' is awaited for at most `drainMs`.
 */
export function exitedAndRead(
  child: ChildProcess,
  drainMs = 2_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      const done = () => {
        clearTimeout(timer);
        resolve({ code, signal });
      };
      const timer = setTimeout(done, drainMs);
      child.once('close', done);
    }),
  );
}
