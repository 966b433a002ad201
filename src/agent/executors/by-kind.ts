import type { Executor, ExecutorCallbacks, RunHandle, RunToStart } from './executor.js';

/** Hands each run to the executor for its kind: an HTTP request, or a command (shell or argv). */
export class ExecutorByKind implements Executor {
  constructor(private readonly executors: { command: Executor; http: Executor }) {}

  start(run: RunToStart, callbacks: ExecutorCallbacks): RunHandle {
    const http = run.spec.http;
    return (http !== undefined && http !== null && http.url !== '' ? this.executors.http : this.executors.command).start(run, callbacks);
  }
}
