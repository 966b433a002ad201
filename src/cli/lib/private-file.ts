import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file readable by its owner only, in a directory only its owner can enter when it has to create it,
 * through a temporary file and a rename, so a crash or a second `parallax` running at the same time never leaves a
 * half-written file behind.
 */
export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temp, text, { mode: 0o600 });
    // The mode given to writeFileSync only applies when it creates the file and is reduced by the umask.
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
