import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJournal } from '../../src/agent/spool/journal.js';
import { replaySpoolFile } from '../../src/agent/spool/replay.js';

/**
 * What an agent's spool holds, unacknowledged, for each attempt (by its key in the journal, `<run>#<attempt>`): read
 * as the agent reads it when it starts, so what a kill -9 now would leave.
 */
export function spooled(agentDir: string): { key: string; output: string; outcome: string | undefined }[] {
  const dir = join(agentDir, 'spool');
  if (!existsSync(dir)) return [];
  for (let tries = 0; ; tries++) {
    try {
      return [...readJournal(dir).contents].map(([key, content]) => {
        const attempt = replaySpoolFile(content).attempt;
        const output = attempt?.buffer.entriesFromHead().map((e) => ('data' in e ? e.data.toString() : '')).join('') ?? '';
        return { key, output, outcome: attempt?.outcome?.state };
      });
    } catch (err) {
      // The live agent started a new segment and deleted the old one between the listing and the read.
      if (tries >= 5 || (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
