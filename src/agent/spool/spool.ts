import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FailedPreconditionError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Timers } from '../timers.js';
import { type AttemptIdentity, AttemptSpool, type AttemptSpoolTuning, type SpoolBudget } from './attempt-spool.js';
import { Journal, readJournal } from './journal.js';
import { replaySpoolFile, type SpooledAttempt } from './replay.js';

export interface SpoolOptions extends AttemptSpoolTuning {
  /** The agent's data directory; the spool is its `spool/` directory. */
  dataDir: string;
  /** Unacknowledged output all attempts together may keep on disk; default 1 GiB. */
  maxBytes?: number;
  /** The journal starts a new segment past this (and twice what attempts hold); default 16 MiB. */
  segmentBytes?: number;
  logger: Logger;
  timers: Timers;
}

export interface RecoveredAttempt {
  spooled: SpooledAttempt;
  spool: AttemptSpool;
  /** When the spool was last written: about when its process ended, if it has no finish record. */
  modifiedAt: number;
}

const GiB = 1024 * 1024 * 1024;

/**
 * The agent's spool: the records of every attempt whose reports the coordinator has not all acknowledged, in one
 * journal (journal.ts), so that neither a coordinator outage nor a restart of the agent loses a run's output or how
 * it ended. It bounds the unacknowledged output of all attempts together (each attempt's own cap is its
 * reporter's), and holds a lock so that two agents never share one.
 */
export class Spool implements SpoolBudget {
  readonly dir: string;
  private readonly lockFile: string;
  private readonly maxBytes: number;
  private readonly held = new Map<AttemptSpool, number>();
  private total = 0;
  private isFull = false;
  private journal!: Journal;
  /** What the previous run of the agent left, until recover() hands it out. */
  private found: { key: string; attempt: SpooledAttempt; bytes: number }[] = [];
  private foundAt = 0;

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
    try {
      spool.load();
    } catch (err) {
      throw new Error(`cannot use the data directory ${options.dataDir}: ${describe(err)}`);
    }
    return spool;
  }

  /**
   * What the previous run of the agent left: every attempt with something the coordinator did not acknowledge,
   * each with its spool, ready to be delivered. Read when the spool was opened.
   */
  recover(): RecoveredAttempt[] {
    const found = this.found;
    this.found = [];
    return found.map(({ key, attempt, bytes }) => {
      const spool = new AttemptSpool(attempt, (snapshot) => this.journal.entry(key, snapshot, bytes), this, this.options.timers, this.options, {
        process: attempt.process,
        startedAcked: attempt.started === undefined,
        buffer: attempt.buffer,
        outcome: attempt.outcome,
      });
      this.holds(spool, attempt.buffer.liveBytes);
      return { spooled: attempt, spool, modifiedAt: this.foundAt };
    });
  }

  /** A new attempt starts now (one of the same run and attempt number is replaced). */
  create(identity: AttemptIdentity): AttemptSpool {
    return new AttemptSpool(identity, (snapshot) => this.journal.entry(keyOf(identity), snapshot), this, this.options.timers, this.options);
  }

  /** Syncs the journal (every attempt's records stay for the next start) and releases the lock. */
  async close(): Promise<void> {
    for (const attempt of [...this.held.keys()]) attempt.keep();
    await this.journal.close();
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

  /**
   * Reads what the previous run of the agent left (the journal, and the files of agents from before it), and starts
   * the journal anew with it: what is unusable is dropped and said, a torn tail cut off, files of another format
   * left alone.
   */
  private load(): void {
    const { logger } = this.options;
    const contents = new Map<string, Buffer>();
    const obsolete: string[] = [];
    let lastWrittenAt = 0;
    // An agent before the journal kept a file per attempt: read the same way, then folded into the journal.
    for (const name of readdirSync(this.dir).sort()) {
      const path = join(this.dir, name);
      if (name.endsWith('.log.tmp')) {
        rmSync(path, { force: true });
        continue;
      }
      if (!name.endsWith('.log')) continue;
      try {
        const content = readFileSync(path);
        const first = replaySpoolFile(content);
        if (first.foreign !== undefined) {
          logger.warn('a spool file of another format (a newer agent?); leaving it', { file: path, format: first.foreign });
          continue;
        }
        lastWrittenAt = Math.max(lastWrittenAt, statSync(path).mtimeMs);
        const key = first.attempt === undefined ? `file:${name}` : keyOf(first.attempt);
        contents.set(key, content);
        obsolete.push(path);
      } catch (err) {
        logger.warn('cannot read a spool file; leaving it', { file: path, error: describe(err) });
      }
    }
    const journal = readJournal(this.dir);
    for (const { file, format } of journal.foreign) logger.warn('a spool journal of another format (a newer agent?); leaving it', { file, format });
    for (const { file, validBytes, problem } of journal.damaged) {
      // Expected after a crash: the last write did not complete.
      logger.info('the spool journal ends in a damaged frame; reading it up to there', { file, problem, validBytes });
    }
    for (const [key, content] of journal.contents) contents.set(key, content);
    obsolete.push(...journal.segments);
    this.foundAt = Math.max(lastWrittenAt, journal.lastWrittenAt);

    const kept = new Map<string, Buffer>();
    for (const [key, content] of contents) {
      const replayed = replaySpoolFile(content);
      if (replayed.attempt === undefined || replayed.foreign !== undefined) {
        logger.warn('an unusable spool entry; removing it', { entry: key, problem: replayed.damage ?? `format ${replayed.foreign}` });
        continue;
      }
      if (replayed.validBytes < content.length) {
        logger.info('a spooled attempt ends in a damaged record; reading it up to there', {
          entry: key,
          problem: replayed.damage,
          ignoredBytes: content.length - replayed.validBytes,
        });
      }
      const valid = content.subarray(0, replayed.validBytes);
      const attemptKey = keyOf(replayed.attempt);
      kept.set(attemptKey, valid);
      this.found.push({ key: attemptKey, attempt: replayed.attempt, bytes: valid.length });
    }
    this.journal = Journal.create(
      {
        dir: this.dir,
        ...(this.options.segmentBytes === undefined ? {} : { segmentBytes: this.options.segmentBytes }),
        onError: (what, err) =>
          logger.error('cannot write the spool journal; runs are reported from memory only, and a restart of the agent before they are acknowledged loses them', {
            dir: this.dir,
            operation: what,
            error: describe(err),
          }),
      },
      kept,
      obsolete,
    );
    // Until recover() hands them out, they are kept as they were read, through any new segment.
    for (const { key } of this.found) {
      const content = kept.get(key)!;
      this.journal.entry(key, () => [content], content.length);
    }
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
      throw new FailedPreconditionError(
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

/** An attempt's key in the journal. */
function keyOf(identity: { runId: string; attempt: number }): string {
  return `${identity.runId}#${identity.attempt}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
