import { type ChildProcess, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bin, cli, singleNode, startAgent, waitFor } from '../helpers/procs.js';

/** Starts `parallax run logs --follow ID`, on a terminal of its own (script gives it one) or on pipes. */
function follow(id: string, env: NodeJS.ProcessEnv, terminal: boolean): { child: ChildProcess; seen: () => { stdout: string; stderr: string } } {
  const command = [process.execPath, bin('parallax'), 'run', 'logs', '--follow', id];
  const child = terminal
    ? spawn('script', ['-qec', command.join(' '), '/dev/null'], { env: { ...process.env, PARALLAX_TOKEN: ADMIN_TOKEN, PARALLAX_KEYCHAIN: 'off', ...env } })
    : spawn(command[0]!, command.slice(1), { env: { ...process.env, PARALLAX_TOKEN: ADMIN_TOKEN, PARALLAX_KEYCHAIN: 'off', ...env } });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  return { child, seen: () => out };
}

describe('run logs --follow of a run that has not started', () => {
  it('tells someone at a terminal why nothing comes yet, and adds nothing to what a pipe gets', async () => {
    const { port, env } = await singleNode();
    expect((await cli(['schedule', 'create', 'later', '--every', '1h', '--selector', 'zone=b', '--shell', 'echo started'], env)).code).toBe(0);
    const id = (await cli(['schedule', 'trigger', 'later'], env)).stdout.trim();

    const atTerminal = follow(id, env, true);
    const piped = follow(id, env, false);
    try {
      await waitFor('the notice', () => atTerminal.seen().stdout.includes('is queued'), 15_000);
      // script merges the streams on its terminal: the notice went to stderr there.
      expect(atTerminal.seen().stdout).toContain(`[parallax: run ${id} is queued: no agent is connected; its output follows once it starts]`);
      // Then the run's own output, once an agent takes it; the pipe gets exactly that, and no notice.
      startAgent(port, 'b-1', ['zone=b']);
      await waitFor('the pipe to end with the run', () => piped.child.exitCode !== null, 20_000);
      expect(piped.seen()).toEqual({ stdout: 'started\n', stderr: '' });
      await waitFor('the terminal to show the output', () => atTerminal.seen().stdout.includes('started'), 10_000);
    } finally {
      atTerminal.child.kill();
      piped.child.kill();
    }
  });
});
