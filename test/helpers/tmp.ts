import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, onTestFinished } from 'vitest';

/**
 * A fresh directory under the system temp dir, removed when the test that made it ends (or, made in a hook or at
 * the top of a describe, after each test from then on).
 */
export function tempDir(prefix = 'parallax-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterEach(remove);
  }
  return dir;
}
