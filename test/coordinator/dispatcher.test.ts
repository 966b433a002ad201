import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger.js';
import type { CoordinatorMessage } from '../../src/common/proto/gen/parallax/v1/CoordinatorMessage.js';
import { DEFAULT_DISPATCH_OPTIONS, Dispatcher } from '../../src/coordinator/dispatch/dispatcher.js';
import type { ReplicatedLog } from '../../src/coordinator/replication/log.js';
import { RaftLog } from '../../src/coordinator/replication/raft-log.js';
import { DEFAULT_LIMITS } from '../../src/coordinator/state/commands.js';
import { Fsm } from '../../src/coordinator/state/fsm.js';
import { Store } from '../../src/coordinator/storage/db.js';
import { runKey } from '../../src/coordinator/storage/keys.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

const quiet = createLogger('test', { level: 'error' });
const HELLO = { name: 'agent-a', hostname: 'host-a', labels: {}, capacity: 4, version: 'test' };

/** A one-node cluster, leading, with a schedule `job` of `shell` (overlap as given). */
async function leadingLog(shell: string, overlap?: 'allow'): Promise<{ store: Store; raft: RaftLog }> {
  const store = await Store.open(tempDir());
  const raft = await RaftLog.open(store, new Fsm(DEFAULT_LIMITS), quiet, { nodeId: 'n1', membership: { voters: ['n1'], learners: [], addresses: {} } });
  await waitFor('n1 to lead', () => raft.isLeader());
  const spec = { shell, argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 10_000 };
  await raft.propose({
    type: 'schedule.create',
    tenant: 'default',
    schedule: { name: 'job', cron: '0 0 1 1 *', tz: 'UTC', paused: false, spec, selector: {}, createdAt: Date.now(), lastFiredDueAt: 0, ...(overlap === undefined ? {} : { overlap }) },
  });
  return { store, raft };
}

/**
 * A new leader's dispatcher takes over the leases of runs in progress. It reads them first; an agent that said Hello
 * before that read was done was told its attempts were not current, and stopped runs that were (seen in the
 * exactly-once e2e test as a run cancelled during a failover).
 */
describe('a dispatcher taking over runs in progress', () => {
  it('takes no agent until it knows the leases, then keeps the runs the agent reports', async () => {
    const { store, raft } = await leadingLog('sleep 60');
    try {
      const now = Date.now();
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

/**
 * An agent's slot is free once its process has ended, which the agent says in its RunFinished: the next run is leased
 * to it while that report is still being written to the log, not after.
 */
describe('a dispatcher and the slots of a busy agent', () => {
  it('hands the next run to an agent at capacity as soon as it reports a process ended, and only then', async () => {
    const { store, raft } = await leadingLog('true', 'allow');
    const dispatcher = new Dispatcher(raft, { now: () => Date.now() }, quiet, DEFAULT_DISPATCH_OPTIONS);
    try {
      const now = Date.now();
      await dispatcher.start(() => store.tenants());
      const assigned: string[] = [];
      const link = { send: (m: CoordinatorMessage) => void (m.assign && assigned.push(`${m.assign.runId}#${m.assign.attempt}`)), close: () => undefined };
      dispatcher.connect({ ...HELLO, capacity: 1, running: [] }, link);

      await raft.propose({ type: 'schedule.trigger', tenant: 'default', name: 'job', runId: 'run-1', now });
      await raft.propose({ type: 'schedule.trigger', tenant: 'default', name: 'job', runId: 'run-2', now });
      await waitFor('run-1 to be assigned', () => assigned.includes('run-1#1'));
      // Capacity 1: run-2 waits, and says why.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(assigned).toEqual(['run-1#1']);

      // A report about another attempt, or from another agent, frees nothing.
      dispatcher.processEnded({ runId: 'run-1', attempt: 2, agent: 'agent-a' });
      dispatcher.processEnded({ runId: 'run-1', attempt: 1, agent: 'agent-b' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(assigned).toEqual(['run-1#1']);
      expect(dispatcher.live('agent-a').running).toBe(1);

      dispatcher.processEnded({ runId: 'run-1', attempt: 1, agent: 'agent-a' });
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

/** "Least loaded first": among agents equally loaded, which is most of the time with short runs, each takes its turn. */
describe('a dispatcher choosing among agents', () => {
  it('gives a run to the least loaded agent, and to equally loaded ones in turn', async () => {
    const { store, raft } = await leadingLog('true', 'allow');
    const dispatcher = new Dispatcher(raft, { now: () => Date.now() }, quiet, DEFAULT_DISPATCH_OPTIONS);
    try {
      await dispatcher.start(() => store.tenants());
      const link = { send: () => undefined, close: () => undefined };
      for (const name of ['agent-a', 'agent-b', 'agent-c']) dispatcher.connect({ ...HELLO, name, hostname: name, running: [] }, link);
      // Where the schedule's runs may go is read once, in the background: until then a run is queued, not placed.
      await waitFor('the schedule to be placeable', () => {
        const agent = dispatcher.reserve('default', 'job', 'probe');
        if (agent !== undefined) dispatcher.settle('probe', null);
        return agent !== undefined;
      });

      // Each run is over before the next is placed: all three are idle every time.
      const chosen: string[] = [];
      for (let i = 0; i < 6; i++) {
        chosen.push(dispatcher.reserve('default', 'job', `quick-${i}`)!);
        dispatcher.settle(`quick-${i}`, null);
      }
      expect([...chosen].sort()).toEqual(['agent-a', 'agent-a', 'agent-b', 'agent-b', 'agent-c', 'agent-c']);
      for (let i = 1; i < chosen.length; i++) expect(chosen[i]).not.toBe(chosen[i - 1]);

      // A busy agent is passed over, whoever's turn it is: three runs held go to three agents.
      const held = ['held-1', 'held-2', 'held-3'].map((runId) => dispatcher.reserve('default', 'job', runId)!);
      expect([...held].sort()).toEqual(['agent-a', 'agent-b', 'agent-c']);
    } finally {
      dispatcher.stop();
      await raft.close();
    }
  });
});
