import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptNodeFlags } from '../../src/common/node-flags.js';
import { root } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

describe("a script's Node.js flags", () => {
  it('are read from the coordinator’s first line, and the coordinator runs with them as an executable', () => {
    const script = join(root, 'bin', 'parallax-coordinator');
    expect(scriptNodeFlags(script)).toEqual(['--max-semi-space-size=4', '--expose-gc']);
    // The kernel runs the first line through env -S: the daemon starts as systemd starts it.
    expect(execFileSync(script, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('are read from the agent’s first line: a young generation of 4 MiB keeps it small, and every fork of it cheaper', () => {
    const script = join(root, 'bin', 'parallax-agent');
    expect(scriptNodeFlags(script)).toEqual(['--max-semi-space-size=2']);
    expect(execFileSync(script, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('are read from any node first line, and are none for another interpreter or a file that cannot be read', () => {
    const dir = tempDir('parallax-flags-');
    const cases: [string, string[]][] = [
      ['#!/usr/bin/env node\n', []],
      ['#!/usr/bin/env -S node --a=1 --b\nrest', ['--a=1', '--b']],
      ['#!/usr/bin/node --x\n', ['--x']],
      ['#!/usr/bin/env -S python3 --x\n', []],
      ['import "x";\n', []],
    ];
    cases.forEach(([text, flags], i) => {
      const file = join(dir, `s${i}`);
      writeFileSync(file, text);
      expect(scriptNodeFlags(file)).toEqual(flags);
    });
    expect(scriptNodeFlags(join(dir, 'missing'))).toEqual([]);
  });
});
