import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptCommand, scriptLaunch } from '../../src/common/script-launch.js';
import { root } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

/** What a script prints of its environment and Node flags, run as an executable and as a launcher runs it. */
function bothWays(script: string): [string, string] {
  const direct = execFileSync(script, [], { encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '8' } });
  const command = scriptCommand(script, []);
  const launched = execFileSync(command.file, command.args, { encoding: 'utf8', env: { ...process.env, MALLOC_ARENA_MAX: '8', ...command.env } });
  return [direct, launched];
}

describe("a script's first line", () => {
  it('gives the coordinator at most two malloc arenas, a bounded young generation, a collector without helper threads and no pretenuring', () => {
    const script = join(root, 'bin', 'parallax-coordinator');
    expect(scriptLaunch(script)).toEqual({
      env: { MALLOC_ARENA_MAX: '2' },
      flags: ['--max-semi-space-size=4', '--expose-gc', '--single-threaded-gc', '--no-allocation-site-pretenuring'],
    });
    // The kernel runs the first line through env -S: the daemon starts as systemd starts it.
    expect(execFileSync(script, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('gives the agent a young generation of 4 MiB, which keeps it small and every fork of it cheaper', () => {
    const script = join(root, 'bin', 'parallax-agent');
    // No variable: the agent's environment is what its runs inherit.
    expect(scriptLaunch(script)).toEqual({ env: {}, flags: ['--max-semi-space-size=2', '--single-threaded-gc'] });
    expect(execFileSync(script, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('starts Node.js the same way whether the kernel runs the script or a launcher does', () => {
    const script = join(tempDir('parallax-launch-'), 'show');
    writeFileSync(script, '#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=3\nconsole.log(process.env.MALLOC_ARENA_MAX, process.execArgv.join(" "));\n');
    chmodSync(script, 0o755);
    const [direct, launched] = bothWays(script);
    expect(direct).toBe('2 --max-semi-space-size=3\n');
    expect(launched).toBe(direct);
  });

  it('is read from any node first line, and gives nothing for another interpreter or a file that cannot be read', () => {
    const dir = tempDir('parallax-flags-');
    const none = { env: {}, flags: [] };
    const cases: [string, object][] = [
      ['#!/usr/bin/env node\n', none],
      ['#!/usr/bin/env -S node --a=1 --b\nrest', { env: {}, flags: ['--a=1', '--b'] }],
      ['#!/usr/bin/env -S A=1 B_2=x=y node --c\n', { env: { A: '1', B_2: 'x=y' }, flags: ['--c'] }],
      ['#!/usr/bin/node --x\n', { env: {}, flags: ['--x'] }],
      ['#!/usr/bin/env -S python3 --x\n', none],
      ['#!/usr/bin/env -S A=1 python3\n', none],
      ['#!/usr/bin/env -S node script.js\n', none],
      ['import "x";\n', none],
    ];
    cases.forEach(([text, expected], i) => {
      const file = join(dir, `s${i}`);
      writeFileSync(file, text);
      expect(scriptLaunch(file), text).toEqual(expected);
    });
    expect(scriptLaunch(join(dir, 'missing'))).toEqual(none);
  });
});
