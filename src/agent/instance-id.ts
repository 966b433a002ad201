import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * This agent's instance id: random, made once and kept in its data directory (`instance`), so a restart on the same
 * directory is the same agent to the coordinators, and another host that took the same name is not. Called once the
 * directory is open (the spool locks it, so no other agent writes here at the same time).
 */
export function instanceId(dataDir: string): string {
  const file = join(dataDir, 'instance');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (ID_PATTERN.test(kept)) return kept;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const id = randomBytes(16).toString('hex');
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}
