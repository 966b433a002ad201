import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[relative(dir, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

describe('generated files', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'parallax-gen-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('proto types match proto/ (run `npm run gen` after changing a .proto)', () => {
    execFileSync(process.execPath, [join(root, 'scripts/gen-proto-types.js'), '--out', scratch], { stdio: 'pipe' });
    expect(tree(join(root, 'src/common/proto/gen'))).toEqual(tree(scratch));
  });
});
