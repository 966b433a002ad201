import * as grpc from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Agent, type AgentOptions } from '../../src/agent/agent.js';
import { createLogger } from '../../src/common/logger.js';
import type { RunSpec } from '../../src/common/proto/gen/parallax/v1/RunSpec.js';
import { VERSION } from '../../src/common/version.js';
import { spooled } from '../helpers/spool.js';
import { tempDir } from '../helpers/tmp.js';
import { FakeCoordinator, type Report, stale } from './fake-coordinator.js';
import { liveWithMarker, uniqueSleepSeconds, waitFor, waitUntilGone } from './helpers.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function coordinator(port?: number): Promise<FakeCoordinator> {
  const fake = await FakeCoordinator.listen(port);
  cleanup.push(() => fake.stop());
  return fake;
}

function agent(fake: FakeCoordinator, options: Partial<AgentOptions> = {}): Agent {
  const started = new Agent({
    coordinator: fake.address,
    name: 'agent-1',
    hostname: 'host-1',
    dataDir: tempDir('parallax-agent-'),
    logger: createLogger('agent', { level: 'error' }),
    // Deterministic backoff: always the lower end of each step.
    random: () => 0,
    drainGraceMs: 0,
    stopKillAfterMs: 2_000,
    stopTimeoutMs: 4_000,
    ...options,
  });
  started.start();
  cleanup.push(() => started.stop());
  return started;
}

let nextRun = 0;
function assign(fake: FakeCoordinator, spec: RunSpec, attempt = 1): string {
  const runId = `01hx00000000000000000000${String(nextRun++).padStart(2, '0')}`;
  fake.send({ assign: { runId, attempt, tenant: 't1', schedule: 'nightly', spec } });
  return runId;
}

function reportsOf(fake: FakeCoordinator, runId: string): Report[] {
  return fake.reports.filter((report) => report.request.runId === runId);
}

describe('Agent', () => {
  it('goes straight to the leader that the coordinator it tried first names, with no warning', async () => {
    const leader = await coordinator();
    const follower = await coordinator();
    follower.notLeader = leader.address;
    const lines: string[] = [];
    const running = agent(follower, { logger: createLogger('agent', { level: 'info', write: (line) => lines.push(line) }) });
    await waitFor('a welcomed session with the leader', () => running.connected);
    expect([follower.refusedAsFollower, leader.hellos.length]).toEqual([1, 1]);
    expect(lines.filter((line) => / (WARN|ERROR) /.test(line))).toEqual([]);
    expect(lines.join('\n')).toContain(`this coordinator is not the leader; connecting to the leader coordinator=${follower.address} leader=${leader.address}`);
    expect(lines.join('\n')).toContain('session with the coordinator open ');
  });

  it('follows leadership as it moves, to the next coordinator while none is known, with no warning', async () => {
    const [first, second, third] = [await coordinator(), await coordinator(), await coordinator()];
    const lines: string[] = [];
    const logger = createLogger('agent', { level: 'info', write: (line) => lines.push(line) });
    const running = agent(first, { coordinator: [first, second, third].map((c) => c.address).join(','), logger });
    await waitFor('a session with the first', () => running.connected && first.hellos.length === 1);
    // The first stops leading before the next leader is known; the second knows it is the third.
    second.notLeader = third.address;
    first.stepDown('');
    await waitFor('a session with the third', () => third.hellos.length === 1 && running.connected);
    expect(lines.filter((line) => / (WARN|ERROR) /.test(line))).toEqual([]);
    const log = lines.join('\n');
    expect(log).toContain(`this coordinator is not the leader and knows of none yet; trying the next one coordinator=${first.address} next=${second.address}`);
    expect(log).toContain(`this coordinator is not the leader; connecting to the leader coordinator=${second.address} leader=${third.address}`);
  });

  it('backs off while the coordinators name each other as the leader (an election under way)', async () => {
    const one = await coordinator();
    const other = await coordinator();
    one.notLeader = other.address;
    other.notLeader = one.address;
    const running = agent(one, { logger: createLogger('agent', { level: 'error' }) });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(running.connected).toBe(false);
    // Each answer names a leader, but only one try per coordinator goes at once: the tries are paced, not a tight loop.
    const tries = one.refusedAsFollower + other.refusedAsFollower;
    expect(tries).toBeGreaterThan(2);
    expect(tries).toBeLessThan(60);
    // Once one of them leads, the agent gets there.
    one.notLeader = undefined;
    await waitFor('a welcomed session once a leader is elected', () => running.connected);
  });

  it('says Hello first, is welcomed, then sends heartbeats', async () => {
    const fake = await coordinator();
    const running = agent(fake, { labels: { zone: 'eu-1', gpu: 'yes' }, capacity: 2 });
    await waitFor('a welcomed session', () => running.connected);
    expect(running.nodeId).toBe('fake-1');
    expect(fake.messages[0]?.body).toBe('hello');
    expect(fake.hellos).toEqual([
      {
        name: 'agent-1',
        labels: { zone: 'eu-1', gpu: 'yes' },
        capacity: 2,
        version: VERSION,
        hostname: 'host-1',
        running: [],
        draining: false,
        instance: expect.stringMatching(/^[0-9a-f]{32}$/) as string,
      },
    ]);
    await waitFor('two heartbeats', () => fake.messages.filter((m) => m.heartbeat).length >= 2);
    expect(fake.messages.slice(1).every((m) => m.body === 'heartbeat')).toBe(true);
  });

  it('executes an assignment and reports started, output with contiguous seqs, then finished', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    // Enough output for several batches, with stderr in between.
    const runId = assign(fake, {
      shell: 'echo first; echo oops >&2; head -c 300000 /dev/zero | tr "\\0" x; echo; echo last',
    });
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished).toMatchObject({ attempt: 1, agent: 'agent-1', state: 'succeeded', exitCode: 0, signal: '', error: '' });

    const reports = reportsOf(fake, runId);
    expect(reports[0]).toMatchObject({ kind: 'started', request: { attempt: 1, agent: 'agent-1' } });
    expect(reports[0]?.kind === 'started' && reports[0].request.pid).toBeGreaterThan(0);
    expect(reports.at(-1)?.kind).toBe('finished');
    const batches = reports.slice(1, -1);
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((report) => report.kind === 'output' && report.request.agent === 'agent-1')).toBe(true);
    const seqs = batches.flatMap((report) => (report.kind === 'output' ? report.request.pieces.map((p) => p.seq) : []));
    expect(seqs).toEqual(seqs.map((_, i) => i));
    expect(fake.output(runId, 1, 'stdout')).toBe(`first\n${'x'.repeat(300_000)}\nlast\n`);
    expect(fake.output(runId, 1, 'stderr')).toBe('oops\n');

    await waitFor('a heartbeat without the run', () => running.running().length === 0);
  });

  it('reports a run that cannot start as failed without RunStarted', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const runId = assign(fake, { argv: ['/nonexistent/parallax-program'] });
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished.state).toBe('failed');
    expect(finished.error).toMatch(/^cannot start: /);
    expect(finished.exitCode).toBeUndefined();
    expect(reportsOf(fake, runId).map((r) => r.kind)).toEqual(['finished']);
  });

  it('masks the values of secrets in why a run failed, as in its output', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const runId = 'r-secret-in-error';
    const spec = { argv: ['/nonexistent/tok-9d2e41'], env: { TOKEN: 'tok-9d2e41' } };
    fake.send({ assign: { runId, attempt: 1, tenant: 't1', schedule: 'nightly', spec, secretEnv: ['TOKEN'] } });
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished).toMatchObject({ state: 'failed', error: 'cannot start: /nonexistent/***: no such file or directory' });
  });

  it('cancels a run when the coordinator says so and reports it cancelled', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const marker = uniqueSleepSeconds();
    const runId = assign(fake, { shell: `sleep ${marker}` });
    await waitFor('RunStarted', () => reportsOf(fake, runId).length > 0);
    fake.send({ cancel: { runId, attempt: 1, reason: 'cancelled by alice' } });
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished).toMatchObject({ state: 'cancelled', error: 'cancelled by alice' });
    await waitUntilGone(marker);
  });

  it('keeps a run going as long as its lease is renewed, though that takes longer than the lease', async () => {
    const fake = await coordinator();
    fake.leaseTtlMs = 500;
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const runId = assign(fake, { shell: 'sleep 1.2; echo done' });
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished.state).toBe('succeeded');
    expect(fake.renewals).toBeGreaterThan(5);
  });

  it('stops a run whose lease it cannot get renewed before the lease runs out, and reports it lost', async () => {
    const fake = await coordinator();
    fake.leaseTtlMs = 2_000;
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const marker = uniqueSleepSeconds();
    const runId = assign(fake, { shell: `sleep ${marker}` });
    await waitFor('RunStarted', () => reportsOf(fake, runId).length > 0);
    await waitFor('a renewal', () => fake.renewals > 2);
    // The leader no longer answers (it is cut off, or stopped): the heartbeats go out, no renewal comes back.
    fake.renewLeases = false;
    await waitUntilGone(marker);
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished.state).toBe('lost');
    expect(finished.error).toMatch(/could not renew the attempt's lease for \ds .*stopped it before the lease ran out/);
    // By the agent's own clock, the process ended before the leader would have counted the lease run out.
    expect(Number(finished.endedAtMs) - fake.lastRenewalAt).toBeLessThan(fake.leaseTtlMs);
  });

  it('does not stop runs when the coordinator says nothing of leases (an older coordinator)', async () => {
    const fake = await coordinator();
    fake.renewLeases = false;
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const runId = assign(fake, { shell: 'sleep 0.6; echo done' });
    expect((await waitFor('RunFinished', () => fake.finished(runId))).state).toBe('succeeded');
  });

  it('reports on the Session stream while it is open, and with unary calls while it is not', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const quick = assign(fake, { shell: 'echo quick' });
    expect((await waitFor('RunFinished of the first run', () => fake.finished(quick))).state).toBe('succeeded');
    expect(fake.output(quick, 1)).toBe('quick\n');
    expect(fake.sessionReports).toBeGreaterThanOrEqual(2);
    expect(fake.unaryReports).toBe(0);

    // The session ends during a run, and the coordinator welcomes no new one: the reports still get through.
    const slow = assign(fake, { shell: 'sleep 0.4; echo slow' });
    await waitFor('RunStarted of the second run', () => reportsOf(fake, slow).length > 0);
    fake.welcomeSessions = false;
    fake.endSession();
    const sessionReports = fake.sessionReports;
    const finished = await waitFor('RunFinished of the second run', () => fake.finished(slow));
    expect(finished.state).toBe('succeeded');
    expect(fake.output(slow, 1)).toBe('slow\n');
    expect(running.connected).toBe(false);
    expect(fake.sessionReports).toBe(sessionReports);
    expect(fake.unaryReports).toBeGreaterThanOrEqual(2);
  });

  it('sends a report on the session again when the coordinator does not answer it in time', async () => {
    const fake = await coordinator();
    const running = agent(fake, { callDeadlineMs: 300 });
    await waitFor('a session', () => running.connected);
    fake.ignoreSessionReports = true;
    const runId = assign(fake, { shell: 'true' });
    await waitFor('a report on the session', () => fake.sessionReports > 0);
    expect(fake.finished(runId)).toBeUndefined();
    const unanswered = fake.sessionReports;
    fake.ignoreSessionReports = false;
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished.state).toBe('succeeded');
    expect(fake.sessionReports).toBeGreaterThan(unanswered);
    expect(reportsOf(fake, runId).map((r) => r.kind)).toEqual(['finished']);
  });

  it('retries AppendOutput while the coordinator is unavailable, without losing or repeating output', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    let failures = 0;
    fake.appendError = () =>
      failures++ < 3 ? { code: grpc.status.UNAVAILABLE, details: 'no leader', metadata: new grpc.Metadata() } : undefined;
    const runId = assign(fake, { shell: 'for i in 1 2 3 4 5; do echo line-$i; done' });
    const finished = await waitFor('RunFinished', () => fake.finished(runId));
    expect(finished.state).toBe('succeeded');
    expect(fake.appendCalls).toBeGreaterThan(3);
    expect(fake.output(runId, 1)).toBe('line-1\nline-2\nline-3\nline-4\nline-5\n');
  });

  it('kills the process of an attempt whose AppendOutput is refused, and reports nothing more for it', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    fake.appendError = stale;
    const marker = uniqueSleepSeconds();
    const runId = assign(fake, { shell: `echo hello; trap '' TERM; sleep ${marker}` });
    await waitFor('the refused AppendOutput', () => fake.appendCalls > 0);
    await waitFor('the attempt to be dropped', () => running.running().length === 0);
    await waitUntilGone(marker);
    expect(reportsOf(fake, runId).map((r) => r.kind)).toEqual(['started']);
  });

  it('kills an older attempt of a run when a newer one is assigned', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const [older, newer] = [uniqueSleepSeconds(), uniqueSleepSeconds()];
    const runId = assign(fake, { shell: `trap '' TERM; sleep ${older}` }, 1);
    await waitFor('attempt 1 to run', () => liveWithMarker(older).length > 0);
    fake.send({ assign: { runId, attempt: 2, schedule: 'nightly', spec: { shell: `sleep ${newer}` } } });
    await waitUntilGone(older);
    await waitFor('attempt 2 to run', () => liveWithMarker(newer).length > 0);
    fake.send({ cancel: { runId, attempt: 2, reason: 'done testing' } });
    await waitUntilGone(newer);
  });

  it('reconnects after the coordinator restarts and says Hello again with the attempt still running', async () => {
    const first = await coordinator();
    const running = agent(first);
    await waitFor('a session', () => running.connected);
    const marker = uniqueSleepSeconds();
    const runId = assign(first, { shell: `echo before; sleep ${marker}` });
    await waitFor('the output before the restart', () => first.output(runId, 1) === 'before\n');

    first.stop();
    await waitFor('the agent to notice', () => !running.connected);
    expect(liveWithMarker(marker).length).toBeGreaterThan(0);
    const second = await coordinator(first.port);
    await waitFor('a Hello to the restarted coordinator', () => second.hellos[0], 10_000);
    expect(second.hellos[0]?.running).toEqual([{ runId, attempt: 1 }]);
    await waitFor('a welcomed session', () => running.connected);

    second.send({ cancel: { runId, attempt: 1, reason: 'done testing' } });
    const finished = await waitFor('RunFinished to the restarted coordinator', () => second.finished(runId));
    expect(finished.state).toBe('cancelled');
  });

  it('reports a run with no process on its host (an HTTP request) started while it runs, not only when it ends', async () => {
    let answer: (() => void) | undefined;
    const server = createServer((_req, res) => (answer = () => res.writeHead(200).end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const runId = assign(fake, { http: { method: 'GET', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow` } });
    const started = await waitFor('RunStarted while the request waits for its answer', () => reportsOf(fake, runId).find((r) => r.kind === 'started'));
    expect(started.request).toMatchObject({ attempt: 1, agent: 'agent-1', pid: 0 });
    expect(started.request.startedAtMs).toBeGreaterThan(0);
    expect(fake.finished(runId)).toBeUndefined();
    answer?.();
    expect(await waitFor('RunFinished', () => fake.finished(runId))).toMatchObject({ state: 'succeeded' });
  });

  it('on stop drains: says so in a heartbeat, lets a run that ends within the grace succeed, then cancels the rest', async () => {
    const fake = await coordinator();
    const running = agent(fake, { drainGraceMs: 1_500 });
    await waitFor('a session', () => running.connected);
    const quick = assign(fake, { shell: 'sleep 0.5; echo done' });
    const marker = uniqueSleepSeconds();
    const slow = assign(fake, { shell: `sleep ${marker}` });
    await waitFor('RunStarted of both', () => reportsOf(fake, quick).length > 0 && reportsOf(fake, slow).length > 0);
    const stopped = running.stop();
    await waitFor('a draining heartbeat', () => fake.messages.some((m) => m.heartbeat?.draining === true));
    await stopped;
    expect(fake.finished(quick)).toMatchObject({ state: 'succeeded' });
    expect(fake.output(quick, 1)).toBe('done\n');
    expect(fake.finished(slow)).toMatchObject({ state: 'cancelled', error: 'the agent is shutting down' });
    await waitUntilGone(marker);
  });

  it('on stop drains only while processes run: a run that ended but is not acknowledged waits in the spool, not for the grace', async () => {
    const fake = await coordinator();
    const dataDir = tempDir('parallax-agent-');
    fake.appendError = () => ({ code: grpc.status.UNAVAILABLE, details: 'no leader', metadata: new grpc.Metadata() });
    const lines: string[] = [];
    const logger = createLogger('agent', { level: 'info', write: (line) => lines.push(line) });
    const running = agent(fake, { dataDir, drainGraceMs: 10 * 60_000, stopTimeoutMs: 300, logger });
    await waitFor('a session', () => running.connected);
    const runId = assign(fake, { shell: 'echo done' });
    await waitFor('the end of the run in the spool', () => spooled(dataDir).some((attempt) => attempt.outcome === 'succeeded'));
    let stopped = false;
    void running.stop().then(() => (stopped = true));
    // Well inside the 10-minute grace: the grace is for processes, and none is left.
    await waitFor('the agent to stop', () => stopped);
    expect(lines.join('\n')).not.toContain('agent draining');
    expect(lines.join('\n')).toContain('agent stopping running=0 unacknowledged=1');
    expect(fake.finished(runId)).toBeUndefined();
    expect(spooled(dataDir).map((attempt) => [attempt.key, attempt.outcome])).toEqual([[`${runId}#1`, 'succeeded']]);
  });

  it('stopped before the coordinator acknowledged a run, delivers it from its spool when started again on the same data dir', async () => {
    const fake = await coordinator();
    const dataDir = tempDir('parallax-agent-');
    fake.appendError = () => ({ code: grpc.status.UNAVAILABLE, details: 'no leader', metadata: new grpc.Metadata() });
    const first = agent(fake, { dataDir, stopTimeoutMs: 300 });
    await waitFor('a session', () => first.connected);
    const runId = assign(fake, { shell: 'echo a; echo b >&2; echo c' });
    await waitFor('the end of the run in the spool', () => spooled(dataDir).some((attempt) => attempt.outcome === 'succeeded'));
    await first.stop();
    expect(fake.finished(runId)).toBeUndefined();

    fake.appendError = undefined;
    const second = agent(fake, { dataDir });
    const finished = await waitFor('RunFinished from the new agent', () => fake.finished(runId));
    expect(finished).toMatchObject({ attempt: 1, tenant: 't1', state: 'succeeded', exitCode: 0 });
    expect(fake.output(runId, 1, 'stdout')).toBe('a\nc\n');
    expect(fake.output(runId, 1, 'stderr')).toBe('b\n');
    expect(fake.hellos.at(-1)?.running).toEqual([{ runId, attempt: 1 }]);
    await waitFor('the attempt to be done', () => second.running().length === 0);
  });

  it('refuses a data dir another agent uses', async () => {
    const fake = await coordinator();
    const dataDir = tempDir('parallax-agent-');
    agent(fake, { dataDir });
    // Another process's lock, as a second parallax-agent on the same directory would find it.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)', 'parallax-agent'], { stdio: 'ignore' });
    cleanup.push(() => void holder.kill('SIGKILL'));
    writeFileSync(join(dataDir, 'agent.lock'), `${holder.pid}\n`);
    const second = new Agent({ coordinator: fake.address, name: 'agent-2', dataDir, logger: createLogger('agent', { level: 'error' }) });
    expect(() => second.start()).toThrow(`another parallax-agent (pid ${holder.pid}) uses the data directory ${dataDir}`);
  });

  it('on stop cancels its runs, reports them cancelled and closes the session', async () => {
    const fake = await coordinator();
    const running = agent(fake);
    await waitFor('a session', () => running.connected);
    const marker = uniqueSleepSeconds();
    const runId = assign(fake, { shell: `sleep ${marker}` });
    await waitFor('RunStarted', () => reportsOf(fake, runId).length > 0);
    await running.stop();
    expect(fake.finished(runId)).toMatchObject({ state: 'cancelled', error: 'the agent is shutting down' });
    await waitUntilGone(marker);
    expect(running.connected).toBe(false);
    expect(fake.sessionsEnded).toBe(1);
  });
});
