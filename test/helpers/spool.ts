import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaySpoolFile } from '../../src/agent/spool/replay.js';

/**
 * What an agent's spool holds, unacknowledged, for each attempt: read as the agent reads it when it starts, so what
 * a kill -9 now would leave.
 */
export function spooled(agentDir: string): { file: string; output: string; outcome: string | undefined }[] {
  const dir = join(agentDir, 'spool');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.log'))
    .map((name) => {
      const attempt = replaySpoolFile(readFileSync(join(dir, name))).attempt;
      const output = attempt?.buffer.entriesFromHead().map((e) => ('data' in e ? e.data.toString() : '')).join('') ?? '';
      return { file: name, output, outcome: attempt?.outcome?.state };
    });
}
