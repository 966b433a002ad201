import { randomBytes } from 'node:crypto';
import { errorFromCode, type ParallaxError, UnavailableError } from '../../common/errors.js';
import type { NodeId } from '../raft/types.js';

/** A refused command is part of the log's outcome, the same on every node: it travels as data, not as a throw. */
export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string; field?: string };

interface Waiter {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  /** The leader when the entry was proposed: if leadership moves on, the entry may be lost with the old leader. */
  lead: NodeId;
}

/**
 * The callers waiting for their proposals to be applied on this node. Each proposal carries an id unique to this
 * node and this boot; the node that applies an entry with one of its own ids answers that caller.
 */
export class Proposals {
  private readonly waiters = new Map<string, Waiter>();
  private readonly prefix: string;
  private seq = 0;

  constructor(
    nodeId: NodeId,
    private readonly timeoutMs: number,
  ) {
    this.prefix = `${nodeId}/${randomBytes(6).toString('hex')}/`;
  }

  nextId(): string {
    return this.prefix + String(++this.seq);
  }

  /**
   * Registers a waiter for proposal `id` made under leader `lead`, then calls `propose`; resolves with what the
   * entry's application answers, or rejects (propose threw, the timeout passed, leadership moved).
   */
  track(id: string, lead: NodeId, timeoutMessage: string, propose: () => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new UnavailableError(timeoutMessage));
      }, this.timeoutMs);
      this.waiters.set(id, { resolve, reject, timer, lead });
      try {
        propose();
      } catch (err) {
        clearTimeout(timer);
        this.waiters.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  has(id: string): boolean {
    return this.waiters.has(id);
  }

  settle(id: string, outcome: Outcome): void {
    const waiter = this.waiters.get(id);
    if (waiter === undefined) return;
    this.waiters.delete(id);
    clearTimeout(waiter.timer);
    if (outcome.ok) waiter.resolve(outcome.value);
    else waiter.reject(errorFromCode(outcome.code, outcome.message, outcome.field));
  }

  /**
   * Leadership moved to `lead`: a proposal handed to an earlier leader may have died with it. Its caller hears now,
   * rather than at the timeout, that the outcome is unknown (an idempotent call is simply sent again).
   */
  orphanedBy(lead: NodeId): void {
    this.failWhere((w) => w.lead !== lead, 'leadership moved while the change was in flight; it may or may not have been applied');
  }

  failAll(message: string): void {
    this.failWhere(() => true, message);
  }

  private failWhere(test: (w: Waiter) => boolean, message: string): void {
    for (const [id, waiter] of this.waiters) {
      if (!test(waiter)) continue;
      this.waiters.delete(id);
      clearTimeout(waiter.timer);
      waiter.reject(new UnavailableError(message));
    }
  }
}

export function refusal(err: ParallaxError): Outcome {
  return err.field === undefined
    ? { ok: false, code: err.code, message: err.message }
    : { ok: false, code: err.code, message: err.message, field: err.field };
}
