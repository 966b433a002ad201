import * as grpc from '@grpc/grpc-js';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spooled } from '../helpers/spool.js';
import { tempDir } from '../helpers/tmp.js';
import { exitedAndRead } from '../helpers/wait.js';
import { FakeCoordinator, stale } from './fake-coordinator.js';
import { liveWithMarker, uniqueSleepSeconds, waitFor, waitUntilGone } from './helpers.js';

// The built program, as an operator starts it: test/global-setup.ts builds dist/ before the tests run.
const bin = join(import.meta.dirname, '../../bin/parallax-agent');

interface Program {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<unknown>;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function agent(fake: FakeCoordinator, dataDir: string): Program {
  const child = spawn(process.execPath, [bin, '--name', 'spooler', '--drain-grace', '0', '--insecure'], {
    env: {
      ...process.env,
      PARALLAX_LOG_LEVEL: 'info',
      PARALLAX_AGENT_TOKEN: 'plx_agent-test-token',
      PARALLAX_AGENT_COORDINATOR: fake.address,
      PARALLAX_AGENT_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = exitedAndRead(child);
  cleanup.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  return { child, stderr: () => stderr, exited };
}

async function coordinator(): Promise<FakeCoordinator> {
  const fake = await FakeCoordinator.listen();
  cleanup.push(() => fake.stop());
  return fake;
}

const unavailable = () => ({ code: grpc.status.UNAVAILABLE, details: 'no leader', metadata: new grpc.Metadata() });


describe('parallax-agent killed with reports the coordinator has not acknowledged', () => {
  it('started again on its data dir, reports a run that was in progress as failed, with the output it had spooled', async () => {
    const fake = await coordinator();
    const dataDir = tempDir('parallax-agent-');
    fake.appendError = unavailable;
    const first = agent(fake, dataDir);
    await waitFor('a Hello', () => fake.hellos[0], 15_000);
    const marker = uniqueSleepSeconds();
    const runId = '01hx000000000000000000sp01';
    fake.send({ assign: { runId, attempt: 1, tenant: 't1', schedule: 'nightly', spec: { shell: `echo one; echo two >&2; sleep ${marker}` } } });
    await waitFor('the output in the spool', () => spooled(dataDir)[0]?.output === 'one\ntwo\n', 10_000);
    expect(fake.reports.map((r) => r.kind)).toEqual(['started']);

    first.child.kill('SIGKILL');
    await first.exited;
    // The run's process outlives an agent killed this way; the test does not need it.
    for (const pid of liveWithMarker(marker)) process.kill(pid, 'SIGKILL');
    await waitUntilGone(marker);

    fake.appendError = undefined;
    const second = agent(fake, dataDir);
    const finished = await waitFor('RunFinished', () => fake.finished(runId), 15_000);
    // The new process says it answers for the attempt, so the coordinator keeps its lease while it delivers.
    expect(fake.hellos[1]?.running).toEqual([{ runId, attempt: 1 }]);
    expect(finished).toMatchObject({ attempt: 1, agent: 'spooler', tenant: 't1', state: 'failed', error: 'the agent restarted while the run was in progress' });
    expect(fake.output(runId, 1, 'stdout')).toBe('one\n');
    expect(fake.output(runId, 1, 'stderr')).toBe('two\n');
    // RunStarted was acknowledged before the kill: not sent again.
    expect(fake.reports.filter((r) => r.kind === 'started')).toHaveLength(1);
    await waitFor('the spool file to go', () => spooled(dataDir).length === 0);
    expect(second.stderr()).toContain('a run was in progress when the agent stopped; reporting it failed');
  });

  it('started again, delivers a finished run from the first piece not acknowledged, or discards it if refused', async () => {
    const fake = await coordinator();
    const dataDir = tempDir('parallax-agent-');
    // The first batch is acknowledged; nothing after it.
    let calls = 0;
    fake.appendError = () => (calls++ === 0 ? undefined : unavailable());
    const first = agent(fake, dataDir);
    await waitFor('a Hello', () => fake.hellos[0], 15_000);
    const [kept, refused] = ['01hx000000000000000000sp02', '01hx000000000000000000sp03'];
    fake.send({ assign: { runId: kept, attempt: 1, tenant: 't1', schedule: 'nightly', spec: { shell: 'echo first; sleep 0.3; echo second; echo third; exit 3' } } });
    await waitFor('the first batch', () => fake.output(kept, 1) === 'first\n', 10_000);
    fake.send({ assign: { runId: refused, attempt: 2, tenant: 't1', schedule: 'nightly', spec: { shell: 'echo stale' } } });
    await waitFor('both runs ended in the spool', () => {
      const files = spooled(dataDir);
      return files.length === 2 && files.every((f) => f.outcome !== undefined) && files;
    }, 10_000);
    first.child.kill('SIGKILL');
    await first.exited;

    // The coordinator has moved on from the second run's attempt 2 (lost, and retried elsewhere).
    fake.appendError = undefined;
    const refuseStale = fake.refuse;
    fake.refuse = (runId) => (runId === refused ? stale() : refuseStale(runId));
    const second = agent(fake, dataDir);
    const finished = await waitFor('RunFinished', () => fake.finished(kept), 15_000);
    expect(finished).toMatchObject({ state: 'failed', exitCode: 3, error: '' });
    expect(fake.output(kept, 1)).toBe('first\nsecond\nthird\n');
    const seqs = fake.reports.flatMap((r) => (r.kind === 'output' && r.request.runId === kept ? r.request.pieces.map((p) => Number(p.seq)) : []));
    expect(seqs).toEqual(seqs.map((_, i) => i));
    await waitFor('the spool to be empty', () => spooled(dataDir).length === 0, 10_000);
    expect(fake.finished(refused)).toBeUndefined();
    // The agent deletes the spool before it logs why, and its log reaches us through a pipe: wait for the line.
    await waitFor('the agent to say it discarded the attempt', () =>
      second.stderr().includes('a spooled run attempt is no longer current; discarding it'),
    );
  });
});
