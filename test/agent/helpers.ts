import { readdirSync, readFileSync } from 'node:fs';

/** Polls until `check` returns a value other than undefined/false, failing with `what` after the deadline. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A number no other process on the host has in its command line, to find a test's processes by. */
export function uniqueSleepSeconds(): string {
  return `299.${String(process.pid).padStart(7, '0')}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
}

interface ProcInfo {
  pid: number;
  pgid: number;
  state: string;
  cmdline: string;
}

function processes(): ProcInfo[] {
  const found: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may contain spaces; the fields after it are fixed.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      found.push({ pid: Number(entry), state: fields[0] ?? '', pgid: Number(fields[2]), cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  // Zombies are dead already; they only wait for a parent to reap them.
  return found.filter((p) => p.state !== 'Z');
}

export function liveWithMarker(marker: string): number[] {
  return processes()
    .filter((p) => p.cmdline.includes(marker) && p.pid !== process.pid)
    .map((p) => p.pid);
}

/** Processes whose whole command line is `command` (a shell whose script mentions it does not count). */
export function liveRunning(command: string): number[] {
  return processes()
    .filter((p) => p.cmdline.trimEnd() === command)
    .map((p) => p.pid);
}

export function liveInGroup(pgid: number): string[] {
  return processes()
    .filter((p) => p.pgid === pgid)
    .map((p) => `${p.pid} ${p.state} ${p.cmdline}`);
}

/** Waits until no process with the marker is left: killed processes take a moment to finish exiting. */
export async function waitUntilGone(marker: string): Promise<void> {
  await waitFor(`no process with ${marker} left`, () => liveWithMarker(marker).length === 0);
}

/** Timers that fire only when the test advances time, for behaviour that depends on what is due when. */
export class ManualTimers {
  private now = 0;
  private pending: { at: number; fn: () => void }[] = [];

  setTimeout(ms: number, fn: () => void): { cancel(): void } {
    const entry = { at: this.now + ms, fn };
    this.pending.push(entry);
    return { cancel: () => (this.pending = this.pending.filter((e) => e !== entry)) };
  }

  /** Moves time forward, firing what falls due in order, and lets the promises they settle run. */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      const next = this.pending.filter((e) => e.at <= until).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      this.pending = this.pending.filter((e) => e !== next);
      this.now = next.at;
      next.fn();
      await settle();
    }
    this.now = until;
  }
}

/** Lets pending promise callbacks and I/O callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
