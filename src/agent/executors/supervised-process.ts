import type { ChildProcess } from 'node:child_process';
import { formatDuration } from '../../common/duration.js';
import type { Logger } from '../../common/logger.js';
import type { ExecutorCallbacks, FinalState, RunHandle, RunOutcome } from './executor.js';
import { signalGroup } from './process-group.js';

export interface SupervisionOptions {
  /** 0: no timeout. */
  timeoutMs: number;
  killGraceMs: number;
  /** How long to wait for stdout/stderr to close once the main process has exited. */
  drainMs: number;
  callbacks: ExecutorCallbacks;
  logger: Logger | undefined;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * Watches one spawned process that leads its own process group (spawned detached) until it and everything it
 * started are gone, and settles the outcome. Signals always go to the whole group, so a run's children die with it.
 */
export class SupervisedProcess implements RunHandle {
  readonly pid: number | undefined;
  readonly outcome: Promise<RunOutcome>;
  private resolve!: (outcome: RunOutcome) => void;
  private ending: { state: Exclude<FinalState, 'succeeded' | 'failed'>; error: string } | undefined;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private openStreams = 2;
  private settled = false;
  private readonly timers = new Set<Timer>();

  constructor(
    private readonly child: ChildProcess,
    private readonly options: SupervisionOptions,
  ) {
    this.pid = child.pid;
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    child.on('error', (err) => this.onError(err));
    if (this.pid === undefined) return;
    for (const stream of ['stdout', 'stderr'] as const) {
      const pipe = child[stream];
      if (pipe === null) {
        this.openStreams--;
        continue;
      }
      pipe.on('data', (data: Buffer) => options.callbacks.onOutput(stream, data));
      pipe.on('close', () => {
        this.openStreams--;
        this.maybeSettle();
      });
    }
    child.on('exit', (code, signal) => this.onExit(code, signal));
    if (options.timeoutMs > 0) {
      this.after(options.timeoutMs, () => {
        if (this.exit !== undefined || this.ending !== undefined) return;
        this.ending = { state: 'timed_out', error: `timed out after ${formatDuration(options.timeoutMs)}` };
        this.terminate(options.killGraceMs);
      });
    }
  }

  cancel(reason: string, graceMs?: number): void {
    // Once the main process has exited the run has ended on its own; a late cancel must not rewrite that.
    if (this.settled || this.exit !== undefined || this.ending !== undefined || this.pid === undefined) return;
    this.ending = { state: 'cancelled', error: reason };
    this.terminate(Math.min(graceMs ?? this.options.killGraceMs, this.options.killGraceMs));
  }

  kill(): void {
    if (this.settled || this.pid === undefined) return;
    this.ending ??= { state: 'cancelled', error: 'killed by the agent' };
    this.signal('SIGKILL');
  }

  private onError(err: Error): void {
    if (this.pid === undefined) {
      this.settle({ state: 'failed', error: `cannot start: ${describeSpawnError(err)}` });
    } else {
      this.options.logger?.warn('error from a run process', { pid: this.pid, error: err.message });
    }
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exit = { code, signal };
    // A backgrounded child that still holds the pipes would otherwise keep the run "running" forever: give the
    // output a moment to drain, then kill the rest of the group and stop reading.
    this.after(this.options.drainMs, () => {
      this.signal('SIGKILL');
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      this.openStreams = 0;
      this.maybeSettle();
    });
    this.maybeSettle();
  }

  private maybeSettle(): void {
    if (this.exit === undefined || this.openStreams > 0) return;
    const { code, signal } = this.exit;
    const observed: RunOutcome = { state: code === 0 ? 'succeeded' : 'failed' };
    if (code !== null) observed.exitCode = code;
    if (signal !== null) observed.signal = signal;
    if (this.ending !== undefined) {
      observed.state = this.ending.state;
      observed.error = this.ending.error;
    }
    this.settle(observed);
  }

  private settle(outcome: RunOutcome): void {
    if (this.settled) return;
    this.settled = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    // A run's process group never outlives the run: whatever it left behind (even with its output redirected
    // away from our pipes) is killed, so nothing keeps running unaccounted for on the host.
    if (this.pid !== undefined) this.signal('SIGKILL');
    this.resolve(outcome);
  }

  private terminate(graceMs: number): void {
    this.signal('SIGTERM');
    this.after(graceMs, () => this.signal('SIGKILL'));
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.pid === undefined) return;
    const err = signalGroup(this.pid, signal);
    if (err !== undefined) this.options.logger?.warn('cannot signal a run', { pid: this.pid, signal, error: err.message });
  }

  private after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}

function describeSpawnError(err: NodeJS.ErrnoException): string {
  const file = err.path ?? 'the program';
  switch (err.code) {
    case 'ENOENT':
      return `${file}: no such file or directory`;
    case 'EACCES':
      return `${file}: permission denied`;
    default:
      return err.message;
  }
}
