import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RunHandle, RunOutcome, SshSpec } from '../../src/agent/executors/executor.js';
import { SshExecutor } from '../../src/agent/executors/ssh.js';
import { startSshd, type Sshd } from '../helpers/sshd.js';
import { freePort } from '../helpers/procs.js';
import { liveRunning, uniqueSleepSeconds, waitFor, waitUntilGone } from './helpers.js';

// The ssh executor against a real OpenSSH server on 127.0.0.1, started by the test with its own keys and config.

function target(sshd: Sshd, extra: Partial<SshSpec> = {}): SshSpec {
  return { user: sshd.user, host: '127.0.0.1', port: sshd.port, privateKey: sshd.privateKey, hostKeys: [sshd.fingerprint], ...extra };
}

function start(ssh: SshSpec, shell: string, options: { timeoutMs?: number; env?: Record<string, string>; killGraceMs?: number } = {}) {
  const out = { stdout: '', stderr: '', started: false, startedBeforeOutput: true };
  const spec = { shell, ssh, env: options.env ?? {}, timeoutMs: options.timeoutMs ?? 0, killGraceMs: options.killGraceMs ?? 1_000 };
  const handle = new SshExecutor().start(
    { runId: 'r-ssh', attempt: 2, schedule: 'remote', spec },
    {
      onOutput: (stream, data) => {
        out.startedBeforeOutput &&= out.started;
        out[stream] += data.toString();
      },
      onStarted: () => (out.started = true),
    },
  );
  return { handle, out };
}

async function run(ssh: SshSpec, shell: string, options: { timeoutMs?: number; env?: Record<string, string> } = {}) {
  const { handle, out } = start(ssh, shell, options);
  const outcome: RunOutcome = await handle.outcome;
  return { outcome, stdout: out.stdout, stderr: out.stderr, started: out.started };
}

describe('ssh executor', () => {
  it('runs the command on the host with the run environment, streams both outputs, and reports the exit code', async () => {
    const sshd = await startSshd();
    const ok = await run(target(sshd), 'echo "run $PARALLAX_RUN_ID attempt $PARALLAX_ATTEMPT $RUN_MODE"; echo oops >&2', { env: { RUN_MODE: 'nightly' } });
    expect(ok).toEqual({ outcome: { state: 'succeeded', exitCode: 0 }, stdout: 'run r-ssh attempt 2 nightly\n', stderr: 'oops\n', started: true });
    const failed = await run(target(sshd), 'exit 3');
    expect(failed.outcome).toEqual({ state: 'failed', exitCode: 3 });
  });

  it('streams output as it comes, before the command ends', async () => {
    const sshd = await startSshd();
    const { handle, out } = start(target(sshd), 'echo first; sleep 2; echo second');
    await waitFor('the first line while the command still runs', () => out.stdout === 'first\n', 10_000);
    // The agent reports the run started when the command starts on the host, before anything it prints.
    expect(out).toMatchObject({ started: true, startedBeforeOutput: true });
    expect((await handle.outcome).state).toBe('succeeded');
    expect(out.stdout).toBe('first\nsecond\n');
  });

  it('refuses a host whose key is not trusted, showing its fingerprint; trusts one in known_hosts', async () => {
    const sshd = await startSshd();
    const refused = await run(target(sshd, { hostKeys: [sshd.otherFingerprint] }), 'echo never');
    expect(refused.outcome.state).toBe('failed');
    expect(refused.outcome.error).toBe(
      `the host key of 127.0.0.1:${sshd.port} (${sshd.fingerprint}) is not trusted: pin it with --ssh-host-key ${sshd.fingerprint}, or add the host to the known_hosts variable`,
    );
    expect(refused.stdout).toBe('');
    const known = await run(target(sshd, { hostKeys: [], knownHosts: `# ours\n${sshd.knownHosts}` }), 'echo trusted');
    expect(known).toMatchObject({ outcome: { state: 'succeeded' }, stdout: 'trusted\n' });
  });

  it('kills the remote command and everything it started on cancel and on timeout', async () => {
    const sshd = await startSshd();
    const marker = uniqueSleepSeconds();
    // A long grace: a command that ends at SIGTERM ends the run then, not when the grace is over.
    const { handle, out } = start(target(sshd), `sleep ${marker} & sleep ${marker}; echo never`, { killGraceMs: 10 * 60_000 });
    await waitFor('the remote sleeps', () => liveRunning(`sleep ${marker}`).length === 2, 10_000);
    handle.cancel('cancelled by alice');
    let outcome: RunOutcome | undefined;
    void handle.outcome.then((o) => (outcome = o));
    expect(await waitFor('the run to end', () => outcome, 10_000)).toEqual({ state: 'cancelled', error: 'cancelled by alice' });
    await waitUntilGone(marker);
    // Nothing of the wrapper's in the run's output (a shell would print "Terminated").
    expect(out).toMatchObject({ stdout: '', stderr: '' });

    const slow = uniqueSleepSeconds();
    const timedOut = await run(target(sshd), `sleep ${slow}`, { timeoutMs: 1_000 });
    expect(timedOut.outcome).toEqual({ state: 'timed_out', error: 'timed out after 1s' });
    await waitUntilGone(slow);

    // A command that ignores SIGTERM gets SIGKILL once the grace is over.
    const stubborn = uniqueSleepSeconds();
    const deaf = start(target(sshd), `trap '' TERM; sleep ${stubborn}`, { killGraceMs: 1_000 });
    await waitFor('the remote sleep', () => liveRunning(`sleep ${stubborn}`).length === 1, 10_000);
    deaf.handle.cancel('cancelled by bob');
    expect(await deaf.handle.outcome).toEqual({ state: 'cancelled', error: 'cancelled by bob' });
    await waitUntilGone(stubborn);
  });

  it('stops a command cancelled the moment it starts, before it has set up its process group', async () => {
    const sshd = await startSshd();
    // Each round races the cancel against the remote start; a long grace makes a missed SIGTERM show.
    for (let round = 0; round < 5; round++) {
      const marker = uniqueSleepSeconds();
      const spec = { shell: `sleep ${marker}`, ssh: target(sshd), env: {}, timeoutMs: 0, killGraceMs: 10 * 60_000 };
      const handle: RunHandle = new SshExecutor().start(
        { runId: 'r-ssh', attempt: 1, schedule: '', spec },
        { onOutput: () => {}, onStarted: () => handle.cancel('cancelled at start') },
      );
      let outcome: RunOutcome | undefined;
      void handle.outcome.then((o) => (outcome = o));
      expect(await waitFor('the run to end', () => outcome, 10_000)).toEqual({ state: 'cancelled', error: 'cancelled at start' });
      await waitUntilGone(marker);
    }
  });

  it('fails with the reason when it cannot connect or log in', async () => {
    const sshd = await startSshd();
    const closed = await run({ ...target(sshd), port: await freePort() }, 'true');
    expect(closed.outcome.state).toBe('failed');
    expect(closed.outcome.error).toMatch(/^ssh to .*@127\.0\.0\.1:\d+: connect ECONNREFUSED/);
    const wrongUser = await run(target(sshd, { user: 'nobody-here' }), 'true');
    expect(wrongUser.outcome.error).toMatch(/All configured authentication methods failed/);

    // A port that takes the connection and never speaks SSH: the run's timeout ends the wait, as a failure to connect.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const hung = await run({ ...target(sshd), port }, 'true', { timeoutMs: 1_000 });
      expect(hung).toMatchObject({ outcome: { state: 'failed', error: `ssh to ${sshd.user}@127.0.0.1:${port}: not connected within the run's timeout (1s)` }, started: false });
    } finally {
      silent.close();
    }
  });
});
