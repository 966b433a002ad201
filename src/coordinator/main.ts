import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { parse as parseYaml } from 'yaml';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseHostPort } from '../common/address.js';
import { formatDuration, parseDuration } from '../common/duration.js';
import { ExitCode, isParallaxError } from '../common/errors.js';
import { createLogger } from '../common/logger.js';
import { sizeArgument } from '../common/size.js';
import { VERSION } from '../common/version.js';
import { DEFAULT_DISPATCH_OPTIONS } from './dispatch/dispatcher.js';
import { runInit } from './init.js';
import { DEFAULT_KEEP_BYTES } from './replication/raft-log.js';
import { tuneHeap } from './v8-heap.js';
import { type CoordinatorOptions, startCoordinator } from './server.js';
import { OidcVerifier, parseOidcSettings } from './auth/oidc.js';
import { yamlErrorText } from '../common/yaml-error.js';
import { NAME_PATTERN, NAME_RULE, nameFromHost } from '../common/names.js';
import { describeParseError } from '../common/flag-errors.js';

const DEFAULT_HEARTBEAT_MS = 50;
const DEFAULT_ELECTION_MS = 400;
/**
 * Applied entries kept before the log is compacted: a follower this far behind still catches up from the log. They
 * are also kept in memory (storage/raft-store.ts), about 700 bytes each for a schedule's creation: like etcd's
 * 5,000 catch-up entries.
 */
const DEFAULT_SNAPSHOT_COUNT = 5_000;
const DEFAULT_RATE_LIMIT = 100;
const { heartbeatIntervalMs: AGENT_HEARTBEAT_MS, leaseTtlMs: DEFAULT_LEASE_TTL_MS } = DEFAULT_DISPATCH_OPTIONS;

const USAGE = `Usage: parallax-coordinator --data-dir DIR --listen HOST:PORT --insecure [--id ID]
                            [--initial-cluster ID=HOST:PORT,… | --join HOST:PORT,…]
       parallax-coordinator init --data-dir DIR       (the first administrator's token; see init --help)

  --data-dir DIR            where the coordinator keeps its state (env PARALLAX_DATA_DIR)
  --listen HOST:PORT        the address to serve gRPC on (env PARALLAX_LISTEN; default 127.0.0.1:7070)
  --id ID                   this node's name in the cluster (alias --node-id; default: the host name)
  --initial-cluster L       every node of a new cluster, as ID=HOST:PORT separated by commas (default: this node alone)
  --join HOST:PORT,…        members of a running cluster this node was added to with \`parallax cluster add\`
                            (both are read on the first start only: the data directory remembers its cluster)
  --heartbeat-interval MS   how often the leader sends heartbeats (default ${DEFAULT_HEARTBEAT_MS})
  --election-timeout MS     how long a follower waits for the leader before it stands for election; the real
                            timeout is randomized between this and twice this (default ${DEFAULT_ELECTION_MS})
  --snapshot-count N        applied log entries kept before the log is compacted (default ${DEFAULT_SNAPSHOT_COUNT});
                            a member further behind than that catches up from a snapshot
  --snapshot-size SIZE      the most those entries may hold, such as 64MiB (default 64MiB): the log keeps fewer
                            when they are large (runs' output), as every node holds them in memory too
  --oidc-config FILE        log people in through an OpenID provider: a YAML file with an oidc section (issuer,
                            clientId, audience, userClaim, groupsClaim, groups: [{group, tenant, role}], adminAmr,
                            clockSkewSeconds); without it, only API tokens are accepted
  --lease-ttl DURATION      how long an agent may go unheard before its runs are lost and retried (default
                            ${formatDuration(DEFAULT_LEASE_TTL_MS)}, at least ${formatDuration(2 * AGENT_HEARTBEAT_MS)}); an agent stops a run whose lease it could not renew for 4/5 of it
  --rate-limit N            requests a second one caller may make, on average (default 100; bursts of twice that)
  --insecure                serve plaintext gRPC; required until TLS is available
  --accept-damaged-data     start although LevelDB found the data directory damaged (it refuses otherwise, and
                            says what was dropped): go on with what is left, once
  --version, --help
`;

const OPTIONS = {
  'data-dir': { type: 'string' },
  listen: { type: 'string' },
  'node-id': { type: 'string' },
  id: { type: 'string' },
  'initial-cluster': { type: 'string' },
  join: { type: 'string' },
  'heartbeat-interval': { type: 'string' },
  'election-timeout': { type: 'string' },
  'snapshot-count': { type: 'string' },
  'snapshot-size': { type: 'string' },
  'oidc-config': { type: 'string' },
  'rate-limit': { type: 'string' },
  'lease-ttl': { type: 'string' },
  insecure: { type: 'boolean', default: false },
  'accept-damaged-data': { type: 'boolean', default: false },
  help: { type: 'boolean', default: false },
  version: { type: 'boolean', default: false },
} as const;
/** How each flag's value is shown in an error that asks for one: as in the usage. */
const VALUES: Record<string, string> = {
  'data-dir': 'DIR',
  listen: 'HOST:PORT',
  'node-id': 'ID',
  id: 'ID',
  'initial-cluster': 'ID=HOST:PORT,…',
  join: 'HOST:PORT,…',
  'heartbeat-interval': 'MS',
  'election-timeout': 'MS',
  'snapshot-count': 'N',
  'snapshot-size': 'SIZE',
  'oidc-config': 'FILE',
  'rate-limit': 'N',
  'lease-ttl': 'DURATION',
};

function fail(message: string, code: number): never {
  process.stderr.write(`parallax-coordinator: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'init') {
    try {
      await runInit(process.argv.slice(3), process.env);
    } catch (err) {
      if (isParallaxError(err)) fail(err.message, err.exitCode);
      throw err;
    }
    return;
  }
  let values;
  try {
    ({ values } = parseArgs({ options: OPTIONS, strict: true }));
  } catch (err) {
    fail(`${describeParseError(err, 'parallax-coordinator', OPTIONS, VALUES)}; see parallax-coordinator --help`, ExitCode.usage);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const dataDir = values['data-dir'] ?? process.env.PARALLAX_DATA_DIR;
  if (dataDir === undefined || dataDir === '') fail(`--data-dir is required\n\n${USAGE}`, ExitCode.usage);
  if (!values.insecure) {
    fail('TLS is not available yet; pass --insecure to serve plaintext gRPC', ExitCode.usage);
  }
  const logger = createLogger('coordinator');
  try {
    const listen = parseHostPort(values.listen ?? process.env.PARALLAX_LISTEN ?? '127.0.0.1:7070', '--listen');
    const idGiven = values.id ?? values['node-id'];
    const nodeId = idGiven ?? nameFromHost(hostname());
    if (!NAME_PATTERN.test(nodeId)) {
      const what = idGiven === undefined ? `the host name "${hostname()}" is not a node id, so give one with --id` : `invalid --id "${nodeId}"`;
      fail(`${what}: a node id is ${NAME_RULE}, such as n1`, ExitCode.usage);
    }
    const initialCluster = values['initial-cluster'] === undefined ? undefined : parseCluster(values['initial-cluster'], nodeId);
    if (initialCluster !== undefined && values.join !== undefined) fail('--initial-cluster and --join exclude each other: a node starts a cluster or joins one', ExitCode.usage);
    const join = values.join?.split(',').map((a) => a.trim()).filter(Boolean);
    join?.forEach((address) => parseHostPort(address, '--join'));
    const heartbeatMs = positive(values['heartbeat-interval'], '--heartbeat-interval', DEFAULT_HEARTBEAT_MS);
    const electionMs = positive(values['election-timeout'], '--election-timeout', DEFAULT_ELECTION_MS);
    if (electionMs < 2 * heartbeatMs) fail(`--election-timeout (${electionMs}) must be at least twice --heartbeat-interval (${heartbeatMs})`, ExitCode.usage);
    const keepEntries = positive(values['snapshot-count'], '--snapshot-count', DEFAULT_SNAPSHOT_COUNT);
    const keepBytes = values['snapshot-size'] === undefined ? DEFAULT_KEEP_BYTES : sizeArgument(values['snapshot-size'], '--snapshot-size');
    const rate = positive(values['rate-limit'], '--rate-limit', DEFAULT_RATE_LIMIT);
    const leaseTtlMs = leaseTtl(values['lease-ttl']);
    const users = values['oidc-config'] === undefined ? undefined : loadOidc(values['oidc-config']);
    let stop: (signal: string, code?: number) => void = () => process.exit(0);
    tuneHeap();
    const coordinator = await startCoordinator({
      nodeId,
      dataDir: resolve(dataDir),
      listen,
      logger,
      initialCluster,
      join,
      raft: { tickMs: heartbeatMs, electionTicks: Math.round(electionMs / heartbeatMs), keepEntries, keepBytes },
      ...(users === undefined ? {} : { users }),
      rateLimit: { perSecond: rate, burst: 2 * rate },
      dispatch: { leaseTtlMs },
      acceptDamagedData: values['accept-damaged-data'],
      // Serving on from a log that cannot be written would answer from stale state: exit, and let systemd restart.
      onFatal: () => process.exit(1),
      onRemoved: () => {
        logger.warn('this node was removed from the cluster; stopping. To add it again, empty its data directory and use parallax cluster add');
        stop('removed');
      },
    });
    let stopping = false;
    stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping', { signal });
      coordinator.close().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error('stopping failed', { error: String(err) });
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  } catch (err) {
    if (isParallaxError(err)) fail(err.message, err.exitCode);
    throw err;
  }
}

/** The identity provider of --oidc-config: how tokens are verified, and what `parallax login` is told. */
function loadOidc(path: string): NonNullable<CoordinatorOptions['users']> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? ` (${String(err.code)})` : '';
    fail(`cannot read --oidc-config ${path}${code}`, ExitCode.usage);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    fail(`--oidc-config ${path} is not valid YAML: ${yamlErrorText(err)}`, ExitCode.usage);
  }
  const section = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>).oidc : undefined;
  const settings = parseOidcSettings(section, path);
  const verifier = new OidcVerifier(settings);
  return {
    verifier: {
      adminAmr: settings.adminAmr,
      verify: async (token) => {
        const identity = await verifier.verify(token);
        return { user: identity.user, grants: identity.grants, expiresAt: identity.expiresAt, amr: identity.amr };
      },
    },
    loginInfo: { issuer: settings.issuer, clientId: settings.clientId, audience: settings.audience },
  };
}

function positive(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) fail(`invalid ${flag} "${value}": expected a whole number above 0`, ExitCode.usage);
  return n;
}

function leaseTtl(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LEASE_TTL_MS;
  let ms: number;
  try {
    ms = parseDuration(value, '--lease-ttl');
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err), ExitCode.usage);
  }
  if (ms < 2 * AGENT_HEARTBEAT_MS) fail(`invalid --lease-ttl "${value}": expected at least ${formatDuration(2 * AGENT_HEARTBEAT_MS)} (two agent heartbeats)`, ExitCode.usage);
  return ms;
}

/** ID=HOST:PORT,… with this node among them. */
function parseCluster(text: string, self: string): Record<string, string> {
  const cluster: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, address] = part.split('=', 2);
    if (id === undefined || address === undefined || !NAME_PATTERN.test(id)) {
      fail(`invalid --initial-cluster entry "${part}": expected ID=HOST:PORT, such as n1=127.0.0.1:7001`, ExitCode.usage);
    }
    parseHostPort(address, '--initial-cluster');
    cluster[id] = address;
  }
  if (!(self in cluster)) fail(`--initial-cluster does not name this node ("${self}"); add ${self}=HOST:PORT`, ExitCode.usage);
  return cluster;
}

await main();
