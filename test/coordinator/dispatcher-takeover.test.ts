import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import type { CoordinatorMessage } from '../../src/common/proto/gen/parallax/v1/CoordinatorMessage.js';
import { DEFAULT_DISPATCH_OPTIONS, Dispatcher } from '../../src/coordinator/dispatch/dispatcher.js';
import type { ReplicatedLog } from '../../src/coordinator/replication/log.js';
import { RaftLog } from '../../src/coordinator/replication/raft-log.js';
import { DEFAULT_LIMITS } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const quiet = createLogger('test', { level: 'error' });
const spec = { shell: 'sleep 60', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };
const HELLO = { name: 'agent-a', hostname: 'host-a', labels: {}, capacity: 4, version: 'test' };

/**
 * A new leader's dispatcher takes over the leases of runs in progress. It reads them first; an agent that said Hello
 * before that read was done was told its attempts were not current, and stopped runs that were (seen in the
 * exactly-once e2e test as a run cancelled during a failover).
 */
describe('a dispatcher taking over runs in progress', () => {
  it('takes no agent until it knows the leases, then keeps the runs the agent reports', async () => {
    const store = await Store.open(tempDir());
    const raft = await RaftLog.open(store, new Fsm(DEFAULT_LIMITS), quiet, { nodeId: 'n1', membership: { voters: ['n1'], learners: [], addresses: {} } });
    try {
      await waitFor('n1 to lead', () => raft.isLeader());
      const now = Date.now();
      await raft.propose({
        type: 'schedule.create',
        tenant: 'default',
        schedule: { name: 'job', cron: '0 0 1 1 *', tz: 'UTC', paused: false, spec, selector: {}, createdAt: now, lastFiredDueAt: 0 },
      });
      await raft.propose({ type: 'schedule.trigger', tenant: 'default', name: 'job', runId: 'run-1', now });
      await raft.propose({ type: 'run.lease', tenant: 'default', runId: 'run-1', agent: 'agent-a', attempt: 1, now });

      // The read of the runs in progress is held until the test lets it go.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const log: ReplicatedLog = Object.create(raft) as ReplicatedLog;
      let reads = 0;
      log.read = async (fn, options) => {
        if (reads++ === 0) await held;
        return raft.read(fn, options);
      };
      const dispatcher = new Dispatcher(log, { now: () => Date.now() }, quiet, DEFAULT_DISPATCH_OPTIONS);
      const started = dispatcher.start(() => store.tenants());
      expect(dispatcher.isRunning).toBe(false);
      release();
      await started;
      expect(dispatcher.isRunning).toBe(true);

      const sent: CoordinatorMessage[] = [];
      const session = dispatcher.connect({ ...HELLO, running: [{ runId: 'run-1', attempt: 1 }, { runId: 'run-gone', attempt: 3 }] }, { send: (m) => sent.push(m), close: () => undefined });
      // Only the attempt the leader does not hold is stopped.
      expect(sent.filter((m) => m.cancel !== undefined).map((m) => m.cancel!.runId)).toEqual(['run-gone']);
      expect(session.heartbeat([{ runId: 'run-1', attempt: 1 }])).toBe(true);
      expect(dispatcher.live('agent-a')).toMatchObject({ connected: true, running: 1 });
      dispatcher.stop();
      expect(dispatcher.isRunning).toBe(false);
    } finally {
      await raft.close();
    }
  });
});
