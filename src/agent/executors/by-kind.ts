import type { Executor, ExecutorCallbacks, RunHandle, RunToStart } from './executor.js';

/** Hands each run to the executor for its kind: an HTTP request, a command over SSH, or a command on this host. */
export class ExecutorByKind implements Executor {
  constructor(private readonly executors: { command: Executor; http: Executor; ssh: Executor }) {}

  start(run: RunToStart, callbacks: ExecutorCallbacks): RunHandle {
    const { http, ssh } = run.spec;
    if (http !== undefined && http !== null && http.url !== '') return this.executors.http.start(run, callbacks);
    if (ssh !== undefined && ssh !== null && ssh.host !== '') return this.executors.ssh.start(run, callbacks);
    return this.executors.command.start(run, callbacks);
  }
}
