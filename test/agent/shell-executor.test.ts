import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputStream, RunHandle, RunSpec } from '../../src/agent/executors/executor.js';
import { ShellExecutor, type ShellExecutorOptions } from '../../src/agent/executors/shell.js';
import { liveInGroup, liveRunning, uniqueSleepSeconds, waitFor, waitUntilGone } from './helpers.js';

interface Started {
  handle: RunHandle;
  output: { stream: OutputStream; text: string }[];
  text(stream?: OutputStream): string;
}

function start(spec: RunSpec, options: ShellExecutorOptions = {}, onChunk?: (count: number) => void): Started {
  const output: Started['output'] = [];
  const handle = new ShellExecutor(options).start(
    { runId: '01hx0000000000000000000000', attempt: 2, schedule: 'nightly', spec },
    {
      onOutput: (stream, data) => {
        output.push({ stream, text: data.toString() });
        onChunk?.(output.length);
      },
    },
  );
  const text = (stream?: OutputStream) =>
    output
      .filter((o) => stream === undefined || o.stream === stream)
      .map((o) => o.text)
      .join('');
  return { handle, output, text };
}

const scratch = mkdtempSync(join(tmpdir(), 'parallax-shell-test-'));
const started: RunHandle[] = [];
afterAll(() => {
  for (const handle of started) handle.kill();
});

describe('ShellExecutor', () => {
  it('runs a shell command line and reports success with exit code 0', async () => {
    const run = start({ shell: 'echo "hello $((1 + 2))"' });
    expect(run.handle.pid).toBeGreaterThan(0);
    expect(await run.handle.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
    expect(run.text('stdout')).toBe('hello 3\n');
  });

  it('runs argv without a shell: nothing is expanded', async () => {
    const run = start({ argv: ['/bin/echo', 'a  b', '$HOME', '*'] });
    expect(await run.handle.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
    expect(run.text('stdout')).toBe('a  b $HOME *\n');
  });

  it('reports a non-zero exit code as failed', async () => {
    const run = start({ shell: 'echo oops >&2; exit 3' });
    expect(await run.handle.outcome).toEqual({ state: 'failed', exitCode: 3 });
    expect(run.text('stderr')).toBe('oops\n');
  });

  it('reports death by a signal as failed with the signal name', async () => {
    const run = start({ shell: 'kill -KILL $$' });
    expect(await run.handle.outcome).toEqual({ state: 'failed', signal: 'SIGKILL' });
  });

  it('keeps the order in which stdout and stderr were written', async () => {
    // The run writes its next line only once the test has received the previous one, so the order is certain.
    const dir = mkdtempSync(join(scratch, 'order-'));
    const waitForAck = (n: number) => `i=0; while [ ! -e '${dir}/${n}' ] && [ $i -lt 1000 ]; do sleep 0.01; i=$((i+1)); done`;
    const run = start(
      {
        shell: [
          'echo out-1',
          waitForAck(1),
          'echo err-1 >&2',
          waitForAck(2),
          'echo err-2 >&2',
          waitForAck(3),
          'echo out-2',
          waitForAck(4),
          'echo err-3 >&2',
        ].join('; '),
      },
      {},
      (count) => writeFileSync(join(dir, String(count)), ''),
    );
    expect(await run.handle.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
    expect(run.output).toEqual([
      { stream: 'stdout', text: 'out-1\n' },
      { stream: 'stderr', text: 'err-1\n' },
      { stream: 'stderr', text: 'err-2\n' },
      { stream: 'stdout', text: 'out-2\n' },
      { stream: 'stderr', text: 'err-3\n' },
    ]);
  });

  it('gives the run the agent environment without PARALLAX_ variables, plus the spec env and the run identity', async () => {
    const baseEnv = {
      PATH: process.env.PATH,
      KEPT: 'yes',
      PARALLAX_TOKEN: 'secret-token',
      PARALLAX_AGENT_COORDINATOR: '10.0.0.1:7070',
    };
    const run = start({ shell: 'env', env: { FROM_SPEC: 'a b=c', KEPT: 'overridden' } }, { baseEnv });
    expect(await run.handle.outcome).toMatchObject({ state: 'succeeded' });
    const env = Object.fromEntries(
      run
        .text('stdout')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env).toMatchObject({
      KEPT: 'overridden',
      FROM_SPEC: 'a b=c',
      PARALLAX_RUN_ID: '01hx0000000000000000000000',
      PARALLAX_ATTEMPT: '2',
      PARALLAX_SCHEDULE: 'nightly',
    });
    expect(Object.keys(env).filter((name) => name.startsWith('PARALLAX_')).sort()).toEqual([
      'PARALLAX_ATTEMPT',
      'PARALLAX_RUN_ID',
      'PARALLAX_SCHEDULE',
    ]);
  });

  it('does not pass the PARALLAX_ variables of the agent process itself', async () => {
    process.env.PARALLAX_SECRET_FOR_TEST = 'must-not-leak';
    try {
      const run = start({ argv: ['/usr/bin/env'] });
      await run.handle.outcome;
      expect(run.text()).not.toContain('must-not-leak');
      expect(run.text()).toContain('PARALLAX_RUN_ID=');
    } finally {
      delete process.env.PARALLAX_SECRET_FOR_TEST;
    }
  });

  it('starts in spec.cwd, or else in its own working directory', async () => {
    const inSpec = start({ shell: 'pwd' });
    const elsewhere = start({ shell: 'pwd', cwd: scratch });
    await Promise.all([inSpec.handle.outcome, elsewhere.handle.outcome]);
    expect(inSpec.text()).toBe(`${process.cwd()}\n`);
    expect(elsewhere.text()).toBe(`${realpathSync(scratch)}\n`);
  });

  it('on timeout terminates the whole process tree and reports timed_out', async () => {
    const marker = uniqueSleepSeconds();
    const run = start({ shell: `sleep ${marker} & sleep ${marker}`, timeoutMs: 2_000 });
    started.push(run.handle);
    await waitFor('both sleeps to run', () => liveRunning(`sleep ${marker}`).length === 2);
    const outcome = await run.handle.outcome;
    expect(outcome).toMatchObject({ state: 'timed_out', signal: 'SIGTERM', error: 'timed out after 2s' });
    await waitUntilGone(marker);
    await waitFor('an empty process group', () => liveInGroup(run.handle.pid!).length === 0);
  });

  it('escalates to SIGKILL when the run ignores SIGTERM past its grace period', async () => {
    const marker = uniqueSleepSeconds();
    const run = start({ shell: `trap '' TERM; sleep ${marker} & sleep ${marker}`, timeoutMs: 1_000, killGraceMs: 200 });
    started.push(run.handle);
    const outcome = await run.handle.outcome;
    expect(outcome).toMatchObject({ state: 'timed_out', signal: 'SIGKILL' });
    await waitUntilGone(marker);
  });

  it('cancel stops the run and everything it started and reports cancelled with the reason', async () => {
    const marker = uniqueSleepSeconds();
    const run = start({ shell: `sleep ${marker} & sleep ${marker}; echo not-reached` });
    started.push(run.handle);
    await waitFor('both sleeps to run', () => liveRunning(`sleep ${marker}`).length === 2);
    run.handle.cancel('cancelled by alice');
    expect(await run.handle.outcome).toEqual({ state: 'cancelled', signal: 'SIGTERM', error: 'cancelled by alice' });
    expect(run.text()).toBe('');
    await waitUntilGone(marker);
  });

  it('kill ends the run at once with SIGKILL', async () => {
    const marker = uniqueSleepSeconds();
    const run = start({ shell: `trap '' TERM; sleep ${marker}` });
    started.push(run.handle);
    await waitFor('the sleep to run', () => liveRunning(`sleep ${marker}`).length === 1);
    run.handle.kill();
    expect(await run.handle.outcome).toMatchObject({ state: 'cancelled', signal: 'SIGKILL' });
    await waitUntilGone(marker);
  });

  it('does not hang on a backgrounded child that keeps the output pipes open, and kills it', async () => {
    const marker = uniqueSleepSeconds();
    const run = start({ shell: `sleep ${marker} & echo main-done` });
    started.push(run.handle);
    expect(await run.handle.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
    expect(run.text()).toBe('main-done\n');
    await waitUntilGone(marker);
  });

  it('kills what the run left behind even when it no longer holds the output pipes', async () => {
    const marker = uniqueSleepSeconds();
    const run = start({ shell: `sleep ${marker} >/dev/null 2>&1 & echo main-done` });
    started.push(run.handle);
    expect(await run.handle.outcome).toEqual({ state: 'succeeded', exitCode: 0 });
    await waitUntilGone(marker);
  });

  describe('a run that cannot start fails with an error and no exit code', () => {
    const notExecutable = join(scratch, 'not-executable.sh');
    writeFileSync(notExecutable, '#!/bin/sh\necho hi\n');
    chmodSync(notExecutable, 0o644);

    it.each([
      ['a missing program', { argv: ['/nonexistent/program', 'x'] }, 'cannot start: /nonexistent/program: no such file'],
      ['a program without execute permission', { argv: [notExecutable] }, `cannot start: ${notExecutable}: permission denied`],
      ['a missing working directory', { shell: 'true', cwd: join(scratch, 'missing') }, 'cannot start: working directory'],
      ['a spec with neither shell nor argv', {}, 'cannot start: the run spec sets neither shell nor argv'],
      ['a spec with both shell and argv', { shell: 'true', argv: ['true'] }, 'cannot start: the run spec sets both'],
    ] satisfies [string, RunSpec, string][])('%s', async (_name, spec, error) => {
      const run = start(spec);
      expect(run.handle.pid).toBeUndefined();
      const outcome = await run.handle.outcome;
      expect(outcome.state).toBe('failed');
      expect(outcome.exitCode).toBeUndefined();
      expect(outcome.error).toContain(error);
    });
  });

  it('a shell command that is not found fails with the shell exit code 127', async () => {
    const run = start({ shell: 'no-such-command-parallax' });
    expect(await run.handle.outcome).toEqual({ state: 'failed', exitCode: 127 });
  });
});

describe('ShellExecutor --user', () => {
  const root = process.getuid?.() === 0;

  it.runIf(root)('runs the command as another user, in its home, with its HOME and USER', async () => {
    // Debian's nobody has /nonexistent as its home: the run starts in / instead.
    const run = start({ shell: 'echo "$(id -un) $USER $HOME $(pwd)"', user: 'nobody' });
    expect(await run.handle.outcome).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect(run.text('stdout')).toBe('nobody nobody /nonexistent /\n');
    const inDir = start({ shell: 'pwd; f=parallax-test-$$; touch $f && stat -c %U $f; rm -f $f', user: 'nobody', cwd: '/tmp' });
    expect(await inDir.handle.outcome).toMatchObject({ state: 'succeeded' });
    expect(inDir.text('stdout')).toBe('/tmp\nnobody\n');
  });

  // A user of its own, in a group of its own besides its primary one, made for the test and deleted after it.
  const accounts = root && existsSync('/usr/sbin/useradd') && existsSync('/usr/sbin/groupadd');
  it.runIf(accounts)("gives the run the user's supplementary groups, as login, cron and sudo do", async () => {
    const user = `pxtest${process.pid}`;
    const extra = `${user}x`;
    execFileSync('groupadd', ['--system', extra]);
    try {
      execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', '--groups', extra, user]);
      try {
        const run = start({ argv: ['id', '-Gn'], user });
        expect(await run.handle.outcome).toMatchObject({ state: 'succeeded', exitCode: 0 });
        expect(run.text('stdout').trim().split(' ').sort()).toEqual([execFileSync('id', ['-gn', user], { encoding: 'utf8' }).trim(), extra].sort());
      } finally {
        execFileSync('userdel', [user]);
      }
    } finally {
      execFileSync('groupdel', [extra], { stdio: 'ignore' });
    }
  });

  it('refuses a user that does not exist, and (unless root) any other user', async () => {
    const missing = start({ shell: 'true', user: 'no-such-user-here' });
    expect(await missing.handle.outcome).toEqual({ state: 'failed', error: 'cannot start: no user "no-such-user-here" on this host' });
    if (root) {
      // A program that is not there fails the same way with --user as without.
      const noProgram = start({ argv: ['no-such-program-here'], user: 'nobody' });
      expect(await noProgram.handle.outcome).toEqual({ state: 'failed', error: 'cannot start: no-such-program-here: no such file or directory' });
      // A relative path is found from the run's working directory, as spawn finds it.
      const relative = start({ argv: ['./true'], user: 'nobody', cwd: '/usr/bin' });
      expect(await relative.handle.outcome).toMatchObject({ state: 'succeeded', exitCode: 0 });
    }
    if (!root) {
      const other = start({ shell: 'true', user: 'nobody' });
      expect((await other.handle.outcome).error).toMatch(/needs the agent to run as root/);
    }
  });
});
