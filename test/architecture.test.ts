import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every import of every file under src/: relative ones as paths under src/, packages by name. */
const imports = files(src)
  .filter((f) => !f.includes('/proto/gen/'))
  .flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const found = [
      ...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]/gm),
      ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
      ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ].map((m) => m[1]!);
    return found.map((spec) => ({
      from: relative(src, file),
      to: spec.startsWith('.') ? relative(src, resolve(dirname(file), spec)) : spec,
    }));
  });

function violations(fromPrefix: string, allowed: (to: string) => boolean): string[] {
  return imports.filter((i) => i.from.startsWith(fromPrefix) && !allowed(i.to)).map((i) => `${i.from} → ${i.to}`);
}
const isPackage = (to: string) => !to.startsWith('common') && !to.startsWith('cli') && !to.startsWith('agent') && !to.startsWith('coordinator');

describe('dependency rules of DESIGN.md', () => {
  it('cli, agent and coordinator depend on common only, never on each other', () => {
    expect(imports.length).toBeGreaterThan(50);
    expect(violations('cli/', (to) => !to.startsWith('coordinator/') && !to.startsWith('agent/'))).toEqual([]);
    expect(violations('agent/', (to) => !to.startsWith('coordinator/') && !to.startsWith('cli/'))).toEqual([]);
    expect(violations('coordinator/', (to) => !to.startsWith('agent/') && !to.startsWith('cli/'))).toEqual([]);
    expect(violations('common/', (to) => to.startsWith('common/') || isPackage(to))).toEqual([]);
  });

  it('the FSM knows nothing of replication, and replication nothing of what it replicates', () => {
    expect(violations('coordinator/state/', (to) => !/^coordinator\/(raft|replication|api|scheduler|dispatch)\//.test(to))).toEqual([]);
    expect(violations('coordinator/raft/', (to) => !to.startsWith('coordinator/state/'))).toEqual([]);
  });

  it('the Raft core imports only its own files and does no I/O (node.ts is its driver)', () => {
    const core = (to: string) => to.startsWith('coordinator/raft/') && !to.startsWith('node:');
    expect(
      imports.filter((i) => i.from.startsWith('coordinator/raft/') && !i.from.endsWith('node.ts') && !core(i.to)).map((i) => `${i.from} → ${i.to}`),
    ).toEqual([]);
  });

  it('the FSM reads no clock and no randomness', () => {
    const offenders = files(join(src, 'coordinator/state')).filter((f) =>
      /Date\.now|new Date\(|Math\.random|performance\.now|randomBytes|randomUUID/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
