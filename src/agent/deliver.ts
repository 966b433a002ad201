import { FailedPreconditionError, NotFoundError } from '../common/errors.js';
import { fromServiceError } from '../common/grpc-errors.js';
import type { Fields, Logger } from '../common/logger.js';
import { Backoff } from './backoff.js';
import type { Timers } from './timers.js';

export interface DeliveryContext {
  /** The coordinator's address, for messages. */
  target: string;
  timers: Timers;
  random: () => number;
  logger: Logger;
  /** Aborted when the agent stops: pending retries then end as `abandoned`. */
  signal: AbortSignal;
}

export type Delivery = { kind: 'delivered' } | { kind: 'refused'; reason: string } | { kind: 'abandoned' };

/**
 * Sends one report until the coordinator answers it. A refusal with FAILED_PRECONDITION or NOT_FOUND is final: the
 * attempt is no longer current (fencing). Everything else is retried with backoff for as long as the agent runs:
 * unreachable and timed-out calls obviously, and other errors too, because giving up would silently lose how a
 * run ended, while retrying keeps the attempt visible as running and the reason in the log. Retrying is safe: the
 * coordinator treats a repeated report (the same pieces, the same outcome) as already done.
 */
export async function deliver(what: string, send: () => Promise<void>, context: DeliveryContext, fields: Fields): Promise<Delivery> {
  const backoff = new Backoff({ random: context.random });
  let failures = 0;
  for (;;) {
    if (context.signal.aborted) return { kind: 'abandoned' };
    try {
      await send();
      if (failures > 0) context.logger.info(`${what} delivered after ${failures} failed tries`, fields);
      return { kind: 'delivered' };
    } catch (err) {
      if (context.signal.aborted) return { kind: 'abandoned' };
      const error = fromServiceError(err, context.target);
      if (error instanceof FailedPreconditionError || error instanceof NotFoundError) {
        return { kind: 'refused', reason: error.message };
      }
      failures++;
      const delayMs = backoff.next();
      // The first failure is worth a line; the retries that follow would only repeat it every few seconds.
      context.logger[failures === 1 ? 'warn' : 'debug'](`${what} failed; retrying`, { ...fields, error: error.message, code: error.code, retryInMs: delayMs });
      await sleep(delayMs, context.timers, context.signal);
    }
  }
}

function sleep(ms: number, timers: Timers, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = timers.setTimeout(ms, done);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      timer.cancel();
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
