/**
 * What every way of executing a run (shell, http; ssh later) offers the agent. An executor never talks to
 * the coordinator: it starts the work, hands output over as it comes and settles one outcome.
 */

/** One HTTP request (the proto's HttpRequest fits it). */
export interface HttpSpec {
  method?: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Codes and ranges, such as "200-299,304"; empty: 200-299. */
  successCodes?: string;
  /** Response bytes kept as output; 0 or absent: 64 KiB. */
  maxBodyBytes?: number;
  insecureTls?: boolean;
  /** Follow up to 5 redirects; headers are not sent on to another origin. */
  followRedirects?: boolean;
}

/** A host reached over SSH, with what the coordinator resolved for this attempt (the proto's SshTarget fits it). */
export interface SshSpec {
  user: string;
  host: string;
  port: number;
  privateKey: string;
  /** Trusted host key fingerprints (SHA256:…). */
  hostKeys?: string[];
  /** known_hosts lines, OpenSSH's format. */
  knownHosts?: string;
  connectTimeoutMs?: number;
}

/** What to execute; the proto's RunSpec fits it. Exactly one of `shell`, `argv` and `http` is set. */
export interface RunSpec {
  shell?: string;
  argv?: string[];
  http?: HttpSpec | null;
  /** With shell: run it on this host over SSH. */
  ssh?: SshSpec | null;
  env?: Record<string, string>;
  cwd?: string;
  /** 0 or absent: no timeout. */
  timeoutMs?: number;
  /** SIGTERM to SIGKILL; 0 or absent: the executor's default. */
  killGraceMs?: number;
  /** Run as this user (an agent running as root only); empty or absent: the agent's own. */
  user?: string;
}

/** The attempt a start belongs to: the run sees these as PARALLAX_RUN_ID, PARALLAX_ATTEMPT, PARALLAX_SCHEDULE. */
export interface RunToStart {
  runId: string;
  attempt: number;
  /** Empty for a run not started by a schedule. */
  schedule: string;
  spec: RunSpec;
}

export type OutputStream = 'stdout' | 'stderr';

export type FinalState = 'succeeded' | 'failed' | 'timed_out' | 'cancelled';

export interface RunOutcome {
  /** `lost` is the agent's own, never an executor's: it stopped the run because its lease ran out. */
  state: FinalState | 'lost';
  exitCode?: number;
  /** The signal that ended the process, such as SIGKILL. */
  signal?: string;
  /** Why the run ended without an exit code, such as `cannot start: …`. */
  error?: string;
  /** When the process ended, by the agent's clock (set by the agent, not the executor). */
  endedAt?: number;
}

export interface ExecutorCallbacks {
  /** Called in the order the agent received the bytes, across both streams. */
  onOutput(stream: OutputStream, data: Buffer): void;
  /**
   * The run began where the agent has no process of it: the SSH command was started on its host, the HTTP request
   * was sent. (A local process is told by the handle's pid instead.)
   */
  onStarted?(): void;
}

export interface RunHandle {
  /** The process id once it spawned; undefined when it could not start (the outcome then says why). */
  readonly pid: number | undefined;
  /**
   * Ends the run politely: SIGTERM, then SIGKILL after the spec's grace period, or after `graceMs` when that is
   * shorter (a shutting-down agent has a deadline). The outcome is then `cancelled`.
   */
  cancel(reason: string, graceMs?: number): void;
  /** Ends the run at once (SIGKILL): for an attempt that is no longer ours, whose processes must not run on. */
  kill(): void;
  /** Settles once the run has ended and every process it started has been killed; never rejects. */
  readonly outcome: Promise<RunOutcome>;
}

export interface Executor {
  start(run: RunToStart, callbacks: ExecutorCallbacks): RunHandle;
}
