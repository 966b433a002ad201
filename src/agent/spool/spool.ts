import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../common/logger.js';
import type { Timers } from '../timers.js';
import { AttemptFile } from './attempt-file.js';
import { type AttemptIdentity, AttemptSpool, type AttemptSpoolTuning, type SpoolBudget } from './attempt-spool.js';
import { replaySpoolFile, type SpooledAttempt } from './replay.js';

export interface SpoolOptions extends AttemptSpoolTuning {
  /** The agent's data directory; the spool is its `spool/` directory. */
  dataDir: string;
  /** Unacknowledged output all attempts together may keep on disk; default 1 GiB. */
  maxBytes?: number;
  logger: Logger;
  timers: Timers;
}

export interface RecoveredAttempt {
  spooled: SpooledAttempt;
  spool: AttemptSpool;
  /** When the file was last written: about when its process ended, if it has no finish record. */
  modifiedAt: number;
}

const GiB = 1024 * 1024 * 1024;

/**
 * The agent's spool: one append-only file per attempt whose reports the coordinator has not all acknowledged, so that
 * neither a coordinator outage nor a restart of the agent loses a run's output or how it ended. It bounds the
 * unacknowledged output of all attempts together (each attempt's own cap is its reporter's), and holds a lock so
 * that two agents never share one.
 */
export class Spool implements SpoolBudget {
  readonly dir: string;
  private readonly lockFile: string;
  private readonly maxBytes: number;
  private readonly held = new Map<AttemptSpool, number>();
  private total = 0;
  private isFull = false;

  private constructor(private readonly options: SpoolOptions) {
    this.dir = join(options.dataDir, 'spool');
    this.lockFile = join(options.dataDir, 'agent.lock');
    this.maxBytes = options.maxBytes ?? GiB;
  }

  /**
   * Creates the data directory (0700) if needed and takes its lock. Throws, with a message for the operator, when
   * the directory cannot be used or another agent uses it.
   */
  static open(options: SpoolOptions): Spool {
    const spool = new Spool(options);
    try {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      mkdirSync(spool.dir, { recursive: true, mode: 0o700 });
      // Spooled output is the runs' output: only the agent's user may read it.
      chmodSync(spool.dir, 0o700);
    } catch (err) {
      throw new Error(`cannot use the data directory ${options.dataDir}: ${describe(err)}`);
    }
    spool.lock();
    return spool;
  }

  /**
   * Reads what the previous run of the agent left: every attempt with something the coordinator did not
   * acknowledge. Damaged tails are cut off; files with nothing usable are removed; files of another format are
   * left alone.
   */
  recover(): RecoveredAttempt[] {
    const { logger } = this.options;
    const recovered: RecoveredAttempt[] = [];
    for (const name of readdirSync(this.dir).sort()) {
      const path = join(this.dir, name);
      if (name.endsWith('.tmp')) {
        // A rewrite interrupted before its rename: the file it was to replace is intact.
        rmSync(path, { force: true });
        continue;
      }
      if (!name.endsWith('.log')) continue;
      let content: Buffer;
      let modifiedAt: number;
      try {
        content = readFileSync(path);
        modifiedAt = statSync(path).mtimeMs;
      } catch (err) {
        logger.warn('cannot read a spool file; leaving it', { file: path, error: describe(err) });
        continue;
      }
      const replayed = replaySpoolFile(content);
      if (replayed.foreign !== undefined) {
        logger.warn('a spool file of another format (a newer agent?); leaving it', { file: path, format: replayed.foreign });
        continue;
      }
      if (replayed.attempt === undefined) {
        logger.warn('an unusable spool file; removing it', { file: path, problem: replayed.damage });
        rmSync(path, { force: true });
        continue;
      }
      const { attempt } = replayed;
      if (replayed.validBytes < content.length) {
        // Expected after a crash: the last write did not complete.
        logger.info('spool file ends in a damaged record; reading it up to there', {
          file: path,
          problem: replayed.damage,
          ignoredBytes: content.length - replayed.validBytes,
        });
      }
      const file = AttemptFile.reopen(path, replayed.validBytes, this.fileError(path));
      const spool = new AttemptSpool(attempt, file, this, this.options.timers, this.options, { started: attempt.started, outcome: attempt.outcome });
      this.holds(spool, attempt.buffer.liveBytes);
      recovered.push({ spooled: attempt, spool, modifiedAt });
    }
    return recovered;
  }

  /** A new file for an attempt that starts now. */
  create(identity: AttemptIdentity): AttemptSpool {
    const path = join(this.dir, `${fileSafe(identity.runId)}-${identity.attempt}.log`);
    return new AttemptSpool(identity, AttemptFile.create(path, this.fileError(path)), this, this.options.timers, this.options);
  }

  /** Closes every file still open (keeping them for the next start) and releases the lock. */
  async close(): Promise<void> {
    await Promise.all([...this.held.keys()].map((attempt) => attempt.keep()));
    try {
      if (readFileSync(this.lockFile, 'utf8').trim() === String(process.pid)) rmSync(this.lockFile, { force: true });
    } catch {
      // Gone already.
    }
  }

  capFor(attempt: AttemptSpool, capBytes: number, unsentBytes: number): number {
    const room = this.maxBytes - this.total;
    return Math.min(capBytes, Math.max(0, unsentBytes + room));
  }

  holds(attempt: AttemptSpool, bytes: number): void {
    this.total += bytes - (this.held.get(attempt) ?? 0);
    this.held.set(attempt, bytes);
    if (this.isFull && this.total < 0.9 * this.maxBytes) {
      this.isFull = false;
      this.options.logger.info('the spool has room again', { dir: this.dir, bytes: this.total, limit: this.maxBytes });
    }
  }

  full(): void {
    if (this.isFull) return;
    this.isFull = true;
    this.options.logger.warn(
      'the spool is full: the unacknowledged output of all runs together has reached its limit, and the oldest unsent output of runs is being dropped (each run says how much in its output); raise --spool-limit or restore the connection to the coordinators',
      { dir: this.dir, bytes: this.total, limit: this.maxBytes, attempts: this.held.size },
    );
  }

  release(attempt: AttemptSpool): void {
    this.holds(attempt, 0);
    this.held.delete(attempt);
  }

  private fileError(path: string): (what: string, err: unknown) => void {
    return (what, err) =>
      this.options.logger.error('cannot use a spool file; this run is reported from memory only, and a restart of the agent before it is acknowledged loses it', {
        file: path,
        operation: what,
        error: describe(err),
      });
  }

  /** The lock: the data directory's agent.lock names the process using it. */
  private lock(): void {
    try {
      writeFileSync(this.lockFile, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return;
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) {
        throw new Error(`cannot use the data directory ${this.options.dataDir}: ${describe(err)}`);
      }
    }
    const holder = Number(readFileSync(this.lockFile, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAgentProcess(holder)) {
      throw new Error(
        `another parallax-agent (pid ${holder}) uses the data directory ${this.options.dataDir}: give each agent its own --data-dir`,
      );
    }
    // Left by an agent that did not stop cleanly.
    writeFileSync(this.lockFile, `${process.pid}\n`, { mode: 0o600 });
  }
}

/** Whether `pid` is a live parallax-agent (a pid reused by another program after a crash does not count). */
function isAgentProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ESRCH') return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('parallax-agent');
  } catch {
    // No /proc to tell: assume the worst.
    return true;
  }
}

/** Run ids are base32; anything else is escaped rather than trusted in a file name. */
function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
