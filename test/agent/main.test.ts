import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { exitedAndRead } from '../helpers/wait.js';
import { FakeCoordinator } from './fake-coordinator.js';
import { uniqueSleepSeconds, waitFor, waitUntilGone } from './helpers.js';

// The built program, as an operator starts it: test/global-setup.ts builds dist/ before the tests run.
const bin = join(import.meta.dirname, '../../bin/parallax-agent');

interface Program {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
}

const started: Program[] = [];
afterEach(() => {
  for (const program of started.splice(0)) program.child.kill('SIGKILL');
});

function agent(args: string[], env: NodeJS.ProcessEnv = {}): Program {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, PARALLAX_LOG_LEVEL: 'info', PARALLAX_AGENT_TOKEN: 'plx_agent-test-token', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  child.stdout?.resume();
  const exited = exitedAndRead(child).then(({ code }) => code);
  const program = { child, stderr: () => stderr, exited };
  started.push(program);
  return program;
}

async function exitCode(program: Program, timeoutMs = 20_000): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`parallax-agent did not exit within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([program.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe('parallax-agent', () => {
  it.each([
    [['--coordinator', '127.0.0.1:1', '--capacity', 'many', '--insecure'], 'parallax-agent: invalid --capacity "many": expected a whole number of runs, 1 or more\n'],
    [['--coordinator', '127.0.0.1:1', '--nope'], 'parallax-agent: unknown flag --nope: accepted flags are --config, --coordinator, --name, --label, --capacity, --drain-grace, --data-dir, --spool-limit, --token-file, --insecure, --version, --help\n'],
    [['--coordinator', '127.0.0.1:1'], 'parallax-agent: TLS is not available yet; pass --insecure to use plaintext gRPC\n'],
  ])('%j exits 2 with one line on stderr', async (args, line) => {
    const program = agent(args);
    expect(await exitCode(program)).toBe(2);
    expect(program.stderr()).toBe(line);
  });

  it('runs what it is assigned and on SIGTERM, after the drain grace, cancels it, reports it and exits 0', async () => {
    const fake = await FakeCoordinator.listen();
    try {
      const program = agent(['--name', 'e2e-agent', '--label', 'zone=test', '--drain-grace', '1s', '--insecure'], {
        PARALLAX_AGENT_COORDINATOR: fake.address,
        PARALLAX_AGENT_DATA_DIR: tempDir('parallax-agent-'),
      });
      const hello = await waitFor('a Hello', () => fake.hellos[0], 15_000);
      expect(hello).toMatchObject({ name: 'e2e-agent', labels: { zone: 'test' }, capacity: 4 });
      await waitFor('the first heartbeat', () => fake.messages.some((m) => m.heartbeat));

      const marker = uniqueSleepSeconds();
      const runId = '01hx00000000000000000000zz';
      fake.send({ assign: { runId, attempt: 1, schedule: '', spec: { shell: `echo up; sleep ${marker}` } } });
      await waitFor('the first output', () => fake.output(runId, 1) === 'up\n');

      program.child.kill('SIGTERM');
      expect(await exitCode(program)).toBe(0);
      expect(fake.finished(runId)).toMatchObject({ state: 'cancelled', agent: 'e2e-agent' });
      await waitUntilGone(marker);
      expect(program.stderr()).toContain('agent stopped');
    } finally {
      fake.stop();
    }
  });
});
