import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Logger } from '../../common/logger.js';
import type { Executor, ExecutorCallbacks, RunHandle, RunOutcome, RunSpec, RunToStart } from './executor.js';
import { commandAs, type Launch, programExists, resolveRunAs } from './run-as.js';
import { inheritedEnvironment, runEnvironment } from './run-env.js';
import { SupervisedProcess } from './supervised-process.js';

export interface ShellExecutorOptions {
  /** The environment runs inherit (minus PARALLAX_ variables), read once; default the agent's. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Where a run without spec.cwd starts; default the agent's working directory. */
  cwd?: string;
  /** SIGTERM to SIGKILL when the spec does not say; default 10 s. */
  defaultKillGraceMs?: number;
  /** How long output may keep flowing after the main process exited; default 1 s. */
  drainMs?: number;
  logger?: Logger;
}

/** Runs spec.shell with /bin/sh -c, or spec.argv directly, on this host, each run in its own process group. */
export class ShellExecutor implements Executor {
  private readonly inheritedEnv: Readonly<Record<string, string>>;
  private readonly cwd: string;
  private readonly defaultKillGraceMs: number;
  private readonly drainMs: number;
  private readonly logger: Logger | undefined;
  private warnedGroups = false;

  constructor(options: ShellExecutorOptions = {}) {
    this.inheritedEnv = inheritedEnvironment(options.baseEnv ?? process.env);
    this.cwd = options.cwd ?? process.cwd();
    this.defaultKillGraceMs = options.defaultKillGraceMs ?? 10_000;
    this.drainMs = options.drainMs ?? 1_000;
    this.logger = options.logger;
  }

  start(run: RunToStart, callbacks: ExecutorCallbacks): RunHandle {
    const asGiven = commandOf(run.spec);
    if (typeof asGiven === 'string') return notStarted(`cannot start: ${asGiven}`);
    const runAs = run.spec.user === undefined || run.spec.user === '' ? undefined : resolveRunAs(run.spec.user);
    if (typeof runAs === 'string') return notStarted(`cannot start: ${runAs}`);
    const command: Launch = runAs === undefined ? asGiven : commandAs(runAs, asGiven.file, asGiven.args);
    if (command.ids !== undefined && !this.warnedGroups) {
      this.warnedGroups = true;
      this.logger?.warn('setpriv (util-linux) is not installed: runs as another user get its primary group only, not its other groups');
    }
    // A run as another user starts in that user's home (or /, for system accounts without one) unless it names a
    // directory.
    const homeOrRoot = runAs === undefined ? undefined : checkDirectory(runAs.home) === undefined ? runAs.home : '/';
    const cwd = run.spec.cwd !== undefined && run.spec.cwd !== '' ? run.spec.cwd : (homeOrRoot ?? this.cwd);
    const cwdProblem = checkDirectory(cwd);
    if (cwdProblem !== undefined) return notStarted(`cannot start: ${cwdProblem}`);
    const env = runEnvironment(this.inheritedEnv, run);
    if (runAs !== undefined) Object.assign(env, { HOME: runAs.home, USER: runAs.name, LOGNAME: runAs.name });
    if (command.throughSetpriv === true && !programExists(asGiven.file, env.PATH, cwd)) return notStarted(`cannot start: ${asGiven.file}: no such file or directory`);
    let child: ChildProcess;
    try {
      child = spawn(command.file, command.args, {
        cwd,
        env,
        ...command.ids,
        // Its own process group, so a timeout or cancel reaches every process the run started.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      // spawn throws synchronously for arguments the OS cannot take, such as a NUL byte in argv.
      return notStarted(`cannot start: ${err instanceof Error ? err.message : String(err)}`);
    }
    return new SupervisedProcess(child, {
      timeoutMs: positive(run.spec.timeoutMs) ?? 0,
      killGraceMs: positive(run.spec.killGraceMs) ?? this.defaultKillGraceMs,
      drainMs: this.drainMs,
      callbacks,
      logger: this.logger,
    });
  }
}

function commandOf(spec: RunSpec): { file: string; args: string[] } | string {
  const hasShell = spec.shell !== undefined && spec.shell !== '';
  const argv = spec.argv ?? [];
  if (hasShell && argv.length > 0) return 'the run spec sets both shell and argv; exactly one is accepted';
  if (hasShell) return { file: '/bin/sh', args: ['-c', spec.shell!] };
  const [file, ...args] = argv;
  if (file === undefined || file === '') return 'the run spec sets neither shell nor argv; exactly one is needed';
  return { file, args };
}

function checkDirectory(path: string): string | undefined {
  try {
    return statSync(path).isDirectory() ? undefined : `working directory ${path} is not a directory`;
  } catch {
    return `working directory ${path} does not exist or cannot be read`;
  }
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

function notStarted(error: string): RunHandle {
  const outcome: RunOutcome = { state: 'failed', error };
  return { pid: undefined, cancel: () => undefined, kill: () => undefined, outcome: Promise.resolve(outcome) };
}
