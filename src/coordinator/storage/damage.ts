import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Level } from 'level';
import { FailedPreconditionError } from '../../common/errors.js';
import { DAMAGE_KEY } from './keys.js';

/**
 * LevelDB, opening a data directory, replays its write-ahead log and drops any record whose checksum does not match,
 * saying so only in its info log (`db/LOG`: "… 000006.log: dropping 4984 bytes; Corruption: checksum mismatch"),
 * then deletes the damaged file. (A record cut short at the end of the file, which a crash while writing leaves, is
 * not reported: it was never acknowledged.) What was dropped may be acknowledged writes, the Raft log's entries, or
 * the vote this node cast: a member that went on from there could break Raft's promises. So the node records the
 * damage (a restart must not forget it once LevelDB has deleted the evidence) and refuses to start until told to go
 * on with what is left.
 */
export async function checkDamage(db: Level<string, Buffer>, dataDir: string, accept: boolean): Promise<string | undefined> {
  const dropped = droppedOnOpen(join(dataDir, 'db'));
  if (dropped !== undefined) await db.put(DAMAGE_KEY, Buffer.from(`${new Date().toISOString()} ${dropped}`), { sync: true });
  const recorded = (await db.get(DAMAGE_KEY))?.toString();
  if (recorded === undefined) return undefined;
  if (accept) {
    await db.del(DAMAGE_KEY, { sync: true });
    return recorded;
  }
  const [at = '', ...what] = recorded.split(' ');
  throw new FailedPreconditionError(
    `the data directory ${dataDir} is damaged: when it was opened at ${at}, LevelDB found records of its write-ahead log corrupt and dropped them (${what.join(' ')}). ` +
      'This node may have lost writes it acknowledged, or a vote it cast, so it does not start on it. In a cluster: parallax cluster remove this node, ' +
      'empty the directory, parallax cluster add it and start it with --join, and it copies the state from the others. ' +
      'Alone: restore the directory from a backup, or start once with --accept-damaged-data to go on with what is left.',
    { field: '--data-dir' },
  );
}

/** What LevelDB's info log of this open says it dropped as corrupt ("000006.log: dropping 4984 bytes; …"), if anything. */
function droppedOnOpen(dbDir: string): string | undefined {
  let log: string;
  try {
    log = readFileSync(join(dbDir, 'LOG'), 'utf8');
  } catch {
    return undefined;
  }
  const drops = log
    .split('\n')
    .map((line) => /([^/\s]+): dropping (\d+) bytes; (Corruption: .*)$/.exec(line))
    .filter((match) => match !== null);
  if (drops.length === 0) return undefined;
  const bytes = drops.reduce((sum, match) => sum + Number(match[2]), 0);
  const files = [...new Set(drops.map((match) => match[1]!))].join(', ');
  return `${bytes} bytes of ${files}: ${drops[0]![3]}`;
}
