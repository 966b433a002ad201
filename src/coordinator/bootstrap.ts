import type { Logger } from '../common/logger.js';
import type { Clock } from '../common/time.js';
import type { ReplicatedLog } from './replication/log.js';
import type { Store } from './storage/db.js';
import { BOOTSTRAP_PENDING_KEY, BOOTSTRAPPED_KEY } from './storage/keys.js';

const RETRY_MS = 500;

/**
 * Makes the token `parallax-coordinator init` printed the cluster's first administrator. init can only write to
 * this node's data directory, so the hash waits there until the cluster has a leader to commit it; the FSM takes
 * the first such proposal of the cluster's life and ignores any later one. Returns a function that stops trying.
 */
export function proposeBootstrap(store: Store, log: ReplicatedLog, clock: Clock, logger: Logger): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = async (): Promise<void> => {
    const pending = await store.get(BOOTSTRAP_PENDING_KEY);
    if (pending === undefined || stopped) return;
    if (log.leaderId() !== undefined) {
      try {
        const { created } = await log.propose({ type: 'auth.bootstrap', hash: pending.toString('utf8'), now: clock.now() });
        if (!created && (await store.get(BOOTSTRAPPED_KEY)) !== undefined) {
          logger.warn('this cluster already had an administrator: the token parallax-coordinator init printed on this node is not valid');
        } else if (created) {
          logger.info('the token parallax-coordinator init printed is now the cluster administrator');
        }
        await store.write([{ type: 'del', key: BOOTSTRAP_PENDING_KEY }], true);
        return;
      } catch (err) {
        logger.debug('the bootstrap token could not be committed yet; trying again', { error: String(err) });
      }
    }
    if (!stopped) timer = setTimeout(() => void attempt(), RETRY_MS);
  };
  void attempt();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
