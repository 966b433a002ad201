import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import type { CoordinatorMessage } from '../../src/common/proto/gen/parallax/v1/CoordinatorMessage.js';
import { DEFAULT_DISPATCH_OPTIONS, Dispatcher } from '../../src/coordinator/dispatch/dispatcher.js';
import { RaftLog } from '../../src/coordinator/replication/raft-log.js';
import { DEFAULT_LIMITS } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { runKey } from '../../src/coordinator/storage/keys.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const quiet = createLogger('test', { level: 'error' });
const spec = { shell: 'true', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };

/**
 * An agent's slot is free once its process has ended, which the agent says in its RunFinished: the next run is leased
 * to it while that report is still being written to the log, not after.
 */
describe('a dispatcher and the slots of a busy agent', () => {
  it('hands the next run to an agent at capacity as soon as it reports a process ended, and only then', async () => {
    const store = await Store.open(tempDir());
    const raft = await RaftLog.open(store, new Fsm(DEFAULT_LIMITS), quiet, { nodeId: 'n1', membership: { voters: ['n1'], learners: [], addresses: {} } });
    const dispatcher = new Dispatcher(raft, { now: () => Date.now() }, quiet, DEFAULT_DISPATCH_OPTIONS);
    try {
      await waitFor('n1 to lead', () => raft.isLeader());
      const now = Date.now();
      await raft.propose({
        type: 'schedule.create',
        tenant: 'default',
        schedule: { name: 'job', cron: '0 0 1 1 *', tz: 'UTC', paused: false, spec, selector: {}, createdAt: now, lastFiredDueAt: 0, overlap: 'allow' },
      });
      await dispatcher.start(() => store.tenants());
      const assigned: string[] = [];
      const link = { send: (m: CoordinatorMessage) => void (m.assign && assigned.push(`${m.assign.runId}#${m.assign.attempt}`)), close: () => undefined };
      dispatcher.connect({ name: 'agent-a', hostname: 'host-a', labels: {}, capacity: 1, version: 'test', running: [] }, link);

      await raft.propose({ type: 'schedule.trigger', tenant: 'default', name: 'job', runId: 'run-1', now });
      await raft.propose({ type: 'schedule.trigger', tenant: 'default', name: 'job', runId: 'run-2', now });
      await waitFor('run-1 to be assigned', () => assigned.includes('run-1#1'));
      // Capacity 1: run-2 waits, and says why.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(assigned).toEqual(['run-1#1']);

      // A report about another attempt, or from another agent, frees nothing.
      dispatcher.processEnded('run-1', 2, 'agent-a');
      dispatcher.processEnded('run-1', 1, 'agent-b');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(assigned).toEqual(['run-1#1']);
      expect(dispatcher.live('agent-a').running).toBe(1);

      dispatcher.processEnded('run-1', 1, 'agent-a');
      await waitFor('run-2 to be assigned', () => assigned.includes('run-2#1'));
      // run-1's end is not in the log yet: its lease is kept (renewable, and counted for its tenant), its slot is not.
      expect(dispatcher.live('agent-a').running).toBe(1);
      const run1 = await raft.read(async (state) => JSON.parse((await state.get(runKey('default', 'run-1')))!.toString('utf8')) as { state: string });
      expect(run1.state).toBe('leased');
    } finally {
      dispatcher.stop();
      await raft.close();
    }
  });
});
