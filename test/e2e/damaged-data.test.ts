import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, cli, freePort, startCoordinator, waitFor } from '../helpers/procs.js';
import { tempDir } from '../helpers/tmp.js';

describe('a data directory whose LevelDB log is damaged', () => {
  it('is refused, exit 6, saying what was dropped, until the coordinator is told to go on with what is left', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    const port = await freePort();
    const env = { PARALLAX_ADDR: `127.0.0.1:${port}`, PARALLAX_INSECURE: '1', PARALLAX_CONFIG_DIR: join(dir, 'config') };
    const first = startCoordinator(data, port);
    await waitFor('the coordinator', async () => (await cli(['var', 'put', 'kept/a', 'one'], env)).code === 0);
    first.child.kill('SIGKILL');
    await first.exited;

    // One byte flipped inside LevelDB's write-ahead log, as a bad sector or a stray write would.
    const db = join(data, 'db');
    const wal = readdirSync(db).find((name) => name.endsWith('.log'))!;
    const bytes = readFileSync(join(db, wal));
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    writeFileSync(join(db, wal), bytes);

    const start = (...extra: string[]) =>
      spawnSync(process.execPath, [bin('parallax-coordinator'), '--data-dir', data, '--listen', `127.0.0.1:${port}`, '--insecure', '--id', 'n1', ...extra], { encoding: 'utf8', timeout: 20_000 });
    const refusal = new RegExp(
      `^parallax-coordinator: the data directory ${data} is damaged: when it was opened at \\S+, LevelDB found records of its write-ahead log corrupt and dropped them \\(\\d+ bytes of ${wal}: Corruption: [^)]+\\)\\. ` +
        'This node may have lost writes it acknowledged, or a vote it cast, so it does not start on it\\..*--accept-damaged-data to go on with what is left\\.\\n$',
    );
    // LevelDB deletes the damaged file once it has read it: the refusal holds on the next start all the same.
    for (const attempt of [start(), start()]) {
      expect(attempt.status).toBe(6);
      expect(attempt.stderr).toMatch(refusal);
    }

    const accepted = startCoordinator(data, port, 'n1', undefined, ['--accept-damaged-data']);
    await waitFor('the coordinator to serve', async () => (await cli(['status', '--json'], env)).code === 0);
    expect(accepted.output()).toMatch(/starting on a damaged data directory, as --accept-damaged-data asks: what LevelDB dropped is lost/);
    await accepted.stop();
    // Accepted once: it starts again without the flag.
    startCoordinator(data, port);
    await waitFor('the coordinator to serve again', async () => (await cli(['status', '--json'], env)).code === 0);
  });
});
