import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, bin, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

// parallax-coordinator's command line: every mistake is one line on stderr that names the flag and what it accepts,
// exit 2, and no data directory made.

function start(args: string[]): { code: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, [bin('parallax-coordinator'), ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, PARALLAX_DATA_DIR: '' } });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('parallax-coordinator given a bad command line', () => {
  const data = join(tempDir(), 'data');
  const base = ['--data-dir', data, '--insecure', '--listen', '127.0.0.1:1'];

  it.each([
    [['--bogus'], /^unknown flag --bogus: accepted flags are --data-dir, --listen, .*--lease-ttl, --insecure, --accept-damaged-data, --help, --version; see parallax-coordinator --help$/],
    [['--listn', '127.0.0.1:1'], /^unknown flag --listn \(did you mean --listen\?\): accepted flags are --data-dir, --listen,/],
    [['--data-dir'], /^--data-dir needs a value, as in --data-dir DIR; see/],
    [[...base, '--rate-limit', '-3'], /^--rate-limit needs a value, as in --rate-limit N \(a value that begins with "-" is given as --rate-limit=VALUE\); see/],
    [['--insecure=yes'], /^--insecure takes no value; see/],
    [['stray'], /^unexpected argument "stray": parallax-coordinator takes only flags \(--data-dir, /],
    [['--insecure'], /^--data-dir is required/],
    [[...base, '--id', 'web 1'], /^invalid --id "web 1": a node id is 1 to 63 lower-case letters, digits, "\.", "_" or "-", starting with a letter or digit, such as n1$/],
    [[...base, '--id', 'N1'], /^invalid --id "N1": a node id is/],
    [[...base, '--listen', '127.0.0.1:99999'], /^invalid --listen "127\.0\.0\.1:99999": expected HOST:PORT, such as 127\.0\.0\.1:7070$/],
    [[...base, '--id', 'n1', '--initial-cluster', 'n1'], /^invalid --initial-cluster entry "n1": expected ID=HOST:PORT, such as n1=127\.0\.0\.1:7001$/],
    [[...base, '--id', 'n1', '--initial-cluster', 'n2=127.0.0.1:7002'], /^--initial-cluster does not name this node \("n1"\); add n1=HOST:PORT$/],
    [[...base, '--id', 'n1', '--initial-cluster', 'n1=127.0.0.1:7001', '--join', '127.0.0.1:7002'], /^--initial-cluster and --join exclude each other/],
    [[...base, '--heartbeat-interval', 'fast'], /^invalid --heartbeat-interval "fast": expected a whole number above 0$/],
    [[...base, '--heartbeat-interval', '300', '--election-timeout', '400'], /^--election-timeout \(400\) must be at least twice --heartbeat-interval \(300\)$/],
    [[...base, '--lease-ttl', '1'], /^invalid --lease-ttl "1": expected a duration such as 30s/],
    [[...base, '--snapshot-size', 'lots'], /^invalid --snapshot-size "lots": expected a size such as 1GiB/],
  ])('%j', (args, message) => {
    const result = start(args);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter(Boolean);
    expect(lines[0]?.replace(/^parallax-coordinator: /, '')).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(data)).toBe(false);
  });
});

describe('a data directory another process runs on', () => {
  it('is named as in use, exit 6, for a coordinator, its init and an agent alike', async () => {
    const { dir } = await singleNode();
    const data = join(dir, 'data');
    for (const args of [['--data-dir', data, '--insecure', '--listen', '127.0.0.1:1'], ['init', '--data-dir', data]]) {
      const result = start(args);
      expect(result.code, args.join(' ')).toBe(6);
      expect(result.stderr).toBe(`parallax-coordinator: the data directory ${data} is in use by another process (a coordinator running on it?): stop that first\n`);
    }

    // And an agent on another agent's data directory: the same exit code.
    const { port } = await singleNode();
    const agentDir = tempDir('parallax-agent-');
    const first = startAgent(port, 'a1', [], 4, agentDir);
    await waitFor('the first agent to hold its data directory', () => existsSync(join(agentDir, 'agent.lock')) && first.output().includes('session with the coordinator open'));
    const args = [bin('parallax-agent'), '--coordinator', `127.0.0.1:${port}`, '--insecure', '--name', 'a2', '--data-dir', agentDir];
    const second = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000, env: { ...process.env, PARALLAX_AGENT_TOKEN: ADMIN_TOKEN } });
    expect(second.status).toBe(6);
    expect(second.stderr).toContain(`another parallax-agent (pid ${first.child.pid}) uses the data directory ${agentDir}: give each agent its own --data-dir`);
  });
});
