import type { ParallaxError } from '../../common/errors.js';
import { errorFromCode, isParallaxError } from '../../common/errors.js';
import type { Logger } from '../../common/logger.js';
import type { Command } from '../state/commands.js';
import type { StateEvent } from '../state/events.js';
import type { Fsm, ResultOf } from '../state/fsm.js';
import { Tx } from '../state/tx.js';
import type { Store } from '../storage/db.js';
import { APPLIED_KEY, LOG_PREFIX, logKey } from '../storage/keys.js';
import type { KvOp, KvReader } from '../storage/kv.js';
import type { ReplicatedLog } from './log.js';

interface Pending {
  cmd: Command;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface LogEntry {
  term: number;
  cmd: Command;
}

/** A refused command is part of the log's outcome, the same on every node: it travels as data, not as a throw. */
type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string; field?: string };

const MAX_BATCH = 1024;
/** Applied entries kept in the log before the head is cut; the FSM state in the store is the snapshot. */
const KEEP_ENTRIES = 10_000;

/**
 * A log of one node: group commit (every proposal waiting while a write is on disk goes into the next write), then
 * apply in order. Entries are synced before they are applied; FSM writes are not synced, because after a crash
 * the entries after the durable applied index are applied again, and a later synced write makes them durable
 * anyway (LevelDB's write-ahead log is one sequence).
 */
export class SingleNodeLog implements ReplicatedLog {
  private queue: Pending[] = [];
  private flushing = false;
  private lastIndex = 0;
  private applied = 0;
  private firstIndex = 1;
  private closed = false;
  private readonly appliedListeners = new Set<(events: StateEvent[]) => void>();
  private readonly leadershipListeners = new Set<(leader: boolean) => void>();
  private idle: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: Store,
    private readonly fsm: Fsm,
    private readonly nodeId: string,
    private readonly log: Logger,
  ) {}

  static async open(store: Store, fsm: Fsm, nodeId: string, log: Logger): Promise<SingleNodeLog> {
    const node = new SingleNodeLog(store, fsm, nodeId, log);
    await node.recover();
    return node;
  }

  /** Applies what was logged but not yet applied when the process stopped. */
  private async recover(): Promise<void> {
    const applied = await this.store.get(APPLIED_KEY);
    this.applied = applied === undefined ? 0 : Number(applied.toString());
    this.lastIndex = this.applied;
    const replay: LogEntry[] = [];
    let first: number | undefined;
    for await (const [key, value] of this.store.scan({ gte: LOG_PREFIX, lt: LOG_PREFIX + '\u00ff' })) {
      const index = Number(key.slice(LOG_PREFIX.length));
      first ??= index;
      this.lastIndex = Math.max(this.lastIndex, index);
      if (index > this.applied) replay.push(JSON.parse(value.toString('utf8')) as LogEntry);
    }
    this.firstIndex = first ?? this.applied + 1;
    if (replay.length > 0) {
      this.log.info('applying logged commands after a restart', { from: this.applied + 1, count: replay.length });
      await this.applyBatch(replay.map((e) => e.cmd));
    }
  }

  propose<C extends Command>(cmd: C): Promise<ResultOf[C['type']]> {
    if (this.closed) return Promise.reject(errorFromCode('unavailable', 'the coordinator is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ cmd, resolve: resolve as (value: unknown) => void, reject });
      if (!this.flushing) {
        this.flushing = true;
        this.idle = new Promise((done) => setImmediate(() => void this.flush().finally(done)));
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        let outcomes: Outcome[];
        try {
          const ops: KvOp[] = batch.map((p) => ({
            type: 'put',
            key: logKey(++this.lastIndex),
            value: Buffer.from(JSON.stringify({ term: 1, cmd: p.cmd } satisfies LogEntry)),
          }));
          await this.store.write(ops, true);
          outcomes = await this.applyBatch(batch.map((p) => p.cmd));
        } catch (err) {
          // The store failed under us: nothing of this batch is acknowledged.
          this.log.error('writing the log failed', { error: err instanceof Error ? err.message : String(err) });
          for (const p of batch) p.reject(errorFromCode('unavailable', 'the coordinator cannot write its log; see its log'));
          continue;
        }
        batch.forEach((p, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) p.resolve(outcome.value);
          else p.reject(errorFromCode(outcome.code, outcome.message, outcome.field));
        });
      }
    } finally {
      this.flushing = false;
    }
  }

  private async applyBatch(cmds: Command[]): Promise<Outcome[]> {
    const tx = new Tx(this.store);
    const events: StateEvent[] = [];
    const outcomes: Outcome[] = [];
    for (const cmd of cmds) {
      const own: StateEvent[] = [];
      try {
        const value = await this.fsm.apply(cmd, tx, (e) => own.push(e));
        outcomes.push({ ok: true, value });
        events.push(...own);
      } catch (err) {
        // A defect in a handler must not stop the log: the entry is refused on every node alike, and logged.
        if (!isParallaxError(err)) this.log.error('applying a command failed', { type: cmd.type, error: String(err) });
        outcomes.push(isParallaxError(err) ? refusal(err) : { ok: false, code: 'internal', message: 'internal error applying the command; see the coordinator log' });
      }
    }
    this.applied += cmds.length;
    const ops = tx.ops();
    ops.push({ type: 'put', key: APPLIED_KEY, value: Buffer.from(String(this.applied)) });
    await this.store.write(ops, false);
    await this.compact();
    if (events.length > 0) for (const listener of this.appliedListeners) listener(events);
    return outcomes;
  }

  private async compact(): Promise<void> {
    const upTo = this.applied - KEEP_ENTRIES;
    if (upTo - this.firstIndex < KEEP_ENTRIES / 10) return;
    await this.store.clearRange(logKey(this.firstIndex), logKey(upTo));
    this.firstIndex = upTo;
  }

  read<T>(fn: (state: KvReader) => Promise<T>): Promise<T> {
    // One node: every acknowledged write is applied and in the store, so the store itself is linearizable.
    return fn(this.store);
  }

  isLeader(): boolean {
    return !this.closed;
  }

  leaderId(): string | undefined {
    return this.closed ? undefined : this.nodeId;
  }

  appliedIndex(): number {
    return this.applied;
  }

  onApplied(listener: (events: StateEvent[]) => void): () => void {
    this.appliedListeners.add(listener);
    return () => this.appliedListeners.delete(listener);
  }

  onLeadership(listener: (leader: boolean) => void): () => void {
    this.leadershipListeners.add(listener);
    queueMicrotask(() => listener(!this.closed));
    return () => this.leadershipListeners.delete(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.leadershipListeners) listener(false);
    await this.idle;
  }
}

function refusal(err: ParallaxError): Outcome {
  return err.field === undefined
    ? { ok: false, code: err.code, message: err.message }
    : { ok: false, code: err.code, message: err.message, field: err.field };
}
