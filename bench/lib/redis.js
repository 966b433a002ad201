// A Redis server on loopback, for the BullMQ comparison: Debian's redis-server (/usr/bin/redis-server), in its own
// temporary dir on a free port, with the append-only file on and fsync'd every second (`--appendonly yes
// --appendfsync everysec`) and no RDB snapshots (`--save ''`): the durable setting a job queue is run with.
import { execFileSync } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePorts, startProcess, stopProcess, waitFor } from './cluster.js';

export const REDIS_INSTALL_HINT = 'sudo apt-get install -y redis-server   (or: sudo scripts/install-bench-deps.sh)';

/** The redis-server binary: $REDIS_BIN when set, else /usr/bin or /usr/local/bin; undefined when it is missing. */
export function findRedis() {
  const candidates = process.env.REDIS_BIN ? [process.env.REDIS_BIN] : ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  return candidates.find((candidate) => existsSync(candidate));
}

export function redisVersion(bin) {
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
  return `Redis ${/v=(\S+)/.exec(out)?.[1] ?? out.trim()}`;
}

/** Starts redis-server in `dir`; resolves with { port, child, log, stop() } once it answers PING. */
export async function startRedis({ bin, dir }) {
  const { Redis } = await import('ioredis');
  const [port] = await freePorts(1);
  const log = join(dir, 'redis.log');
  const child = startProcess(bin, [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--appendonly', 'yes',
    '--appendfsync', 'everysec',
    '--save', '',
    '--daemonize', 'no',
    '--logfile', log,
  ], { onStderr: openSync(join(dir, 'redis.stderr'), 'a') });
  const server = {
    port,
    child,
    log,
    logTail: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-10).join('\n') : ''),
    // SIGTERM: Redis flushes the append-only file and exits.
    stop: (graceMs = 5_000) => stopProcess(child, 'SIGTERM', graceMs),
  };
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => undefined); // refused until the server listens: waitFor tries again
  try {
    await waitFor(`redis-server on 127.0.0.1:${port}`, 10_000, async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}:\n${server.logTail()}`);
      if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
      return (await probe.ping()) === 'PONG' ? true : undefined;
    }, 50);
  } catch (err) {
    await server.stop();
    throw err;
  } finally {
    probe.disconnect();
  }
  return server;
}
