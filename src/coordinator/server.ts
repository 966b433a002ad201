import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { formatHostPort, type HostPort } from '../common/address.js';
import { UnavailableError } from '../common/errors.js';
import { GRPC_COMMON_OPTIONS } from '../common/grpc-options.js';
import type { Logger } from '../common/logger.js';
import { agentProto, controlProto } from '../common/proto/load.js';
import { systemClock, type Clock } from '../common/time.js';
import { AccessControl, type UserVerifier } from './api/access.js';
import { agentService } from './api/agent-service.js';
import { controlService } from './api/control-service.js';
import type { LoginInfo } from './api/identity-service.js';
import type { ApiContext } from './api/unary.js';
import { proposeBootstrap } from './bootstrap.js';
import { DEFAULT_DISPATCH_OPTIONS, Dispatcher, type DispatcherOptions } from './dispatch/dispatcher.js';
import { createHash } from 'node:crypto';
import { RaftLog } from './replication/raft-log.js';
import { RaftTransport } from './replication/raft-transport.js';
import { Pruner } from './retention/pruner.js';
import { Scheduler } from './scheduler/scheduler.js';
import { compactWhenQuiet } from './v8-heap.js';
import { DEFAULT_LIMITS, type FsmLimits } from './state/commands.js';
import { Fsm } from './state/fsm.js';
import { Store } from './storage/db.js';
import { CLUSTER_ID_KEY } from './storage/keys.js';
import type { Membership } from './storage/raft-store.js';
import { discoverCluster } from './join.js';

export interface CoordinatorOptions {
  nodeId: string;
  /** Every node of a new cluster and its address (this node included); absent for a cluster of one. */
  initialCluster?: Record<string, string>;
  /** Addresses of a running cluster this node was added to (`parallax cluster add`): used once, on an empty data dir. */
  join?: string[];
  /** Raft timing and log size; defaults suit a LAN. */
  raft?: { tickMs?: number; electionTicks?: number; keepEntries?: number; keepBytes?: number };
  /** This node was removed from the cluster (main exits). */
  onRemoved?: () => void;
  /** The store failed under the log: the node cannot go on (main exits so a supervisor restarts it). */
  onFatal?: (err: Error) => void;
  dataDir: string;
  listen: HostPort;
  logger: Logger;
  clock?: Clock;
  limits?: Partial<FsmLimits>;
  dispatch?: Partial<DispatcherOptions>;
  /** Logins through an identity provider (absent: API tokens only), and what `parallax login` is told of it. */
  users?: { verifier: UserVerifier; loginInfo: LoginInfo };
  /** Requests a second each caller may make on average, and in a burst. */
  rateLimit?: { perSecond: number; burst: number };
  /** Start on a data directory LevelDB found damaged, with what is left (storage/damage.ts). */
  acceptDamagedData?: boolean;
}

const DEFAULT_RATE_LIMIT = { perSecond: 100, burst: 200 };

export interface RunningCoordinator {
  /** The address it listens on (the real port when 0 was asked for). */
  address: string;
  close(): Promise<void>;
}

/**
 * Puts the coordinator together: store → log → FSM, the gRPC services, and the leader-only scheduler and
 * dispatcher, which start when this node becomes leader and stop the moment it is not.
 */
export async function startCoordinator(options: CoordinatorOptions): Promise<RunningCoordinator> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const store = await Store.open(options.dataDir, {
    acceptDamage: options.acceptDamagedData === true,
    onDamageAccepted: (what) => logger.warn('starting on a damaged data directory, as --accept-damaged-data asks: what LevelDB dropped is lost', { damage: what }),
  });
  let log: RaftLog;
  let clusterId: string;
  let transport: RaftTransport;
  try {
    const identity = await clusterIdentity(store, options);
    clusterId = identity.clusterId;
    transport = new RaftTransport(clusterId, identity.membership.addresses, options.nodeId, logger.child('transport'));
    const fsm = new Fsm({ ...DEFAULT_LIMITS, ...options.limits });
    log = await RaftLog.open(store, fsm, logger.child('raft'), {
      nodeId: options.nodeId,
      membership: identity.membership,
      transport,
      onFatal: options.onFatal,
      onRemoved: options.onRemoved,
      ...options.raft,
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  const dispatcher = new Dispatcher(log, clock, logger.child('dispatch'), { ...DEFAULT_DISPATCH_OPTIONS, ...options.dispatch });
  const pruner = new Pruner(log, clock, logger.child('retention'));
  const timers = { setTimeout, clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  const scheduler = new Scheduler(log, clock, timers, (n) => randomBytes(n), logger.child('scheduler'), dispatcher);

  const server = new grpc.Server({ 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_permit_without_calls': 1, ...GRPC_COMMON_OPTIONS });
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(formatHostPort(options.listen), grpc.ServerCredentials.createInsecure(), (err, bound) =>
        err ? reject(err) : resolve(bound),
      ),
    );
  } catch (err) {
    await log.close();
    transport.close();
    await store.close();
    const reason = err instanceof Error ? err.message : String(err);
    throw new UnavailableError(
      /EADDRINUSE|address already in use/i.test(reason)
        ? `cannot listen on ${formatHostPort(options.listen)}: the address is in use`
        : `cannot listen on ${formatHostPort(options.listen)}: ${reason}`,
    );
  }
  const address = formatHostPort({ host: options.listen.host, port });
  const node = { nodeId: options.nodeId, clusterId, address, dataDir: options.dataDir, startedAt: clock.now() };
  const access = new AccessControl(log, clock, logger.child('access'), options.users?.verifier, options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const api: ApiContext = { logger: logger.child('api'), access };
  const loginInfo = options.users?.loginInfo ?? { issuer: '', clientId: '', audience: '' };
  const raftService = transport.service(() => log.clusterStatus().members.map((m) => ({ id: m.id, address: m.address, voter: m.voter })));
  server.addService(raftService.definition, raftService.handlers);
  server.addService(controlProto().parallax.v1.Control.service, controlService({ log, dispatcher, clock, api, node, loginInfo }));
  server.addService(
    agentProto().parallax.v1.AgentService.service,
    agentService({
      log,
      dispatcher,
      clock,
      logger: logger.child('agents'),
      api,
      nodeId: options.nodeId,
      leaderAddress: () => log.addresses()[log.leaderId() ?? ''],
    }),
  );

  const tenants = () => store.tenants();
  // Every node follows the schedules, so one that becomes leader fires at once instead of reading them all first.
  scheduler.follow(tenants).catch((err: unknown) => logger.error('could not read the schedules', { error: String(err) }));
  const unsubscribe = log.onLeadership((leader) => {
    if (leader) {
      logger.info('this node is the leader');
      pruner.start(tenants);
      void Promise.all([scheduler.start(tenants), dispatcher.start(tenants)]).catch((err: unknown) =>
        logger.error('starting the leader services failed', { error: String(err) }),
      );
    } else {
      pruner.stop();
      scheduler.stop();
      dispatcher.stop();
    }
  });
  const stopBootstrap = proposeBootstrap(store, log, clock, logger);
  const stopCompacting = compactWhenQuiet(() => scheduler.nextFireAt(), logger.child('heap'));
  logger.info('coordinator listening', { address, nodeId: options.nodeId, dataDir: options.dataDir });

  return {
    address,
    async close() {
      // Leaving the cluster without a leader would cost it an election timeout: hand over first.
      const successor = await log.handOver();
      if (successor !== undefined) logger.info('handed leadership over before stopping', { to: successor });
      unsubscribe();
      stopBootstrap();
      stopCompacting();
      pruner.stop();
      scheduler.close();
      dispatcher.stop();
      // Calls in flight get 3 s to finish. Peers' Raft streams stay open for as long as the peers run, so they are
      // answered once the server has stopped taking connections (tryShutdown stops that at once). After 3 s the rest
      // are cut: forceShutdown cannot find grpc-js's connections with channelz off (grpc-js 1.14), and our process
      // is about to exit, which closes them.
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 3_000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
        transport.endIncoming();
      });
      await log.close();
      transport.close();
      await store.close();
    },
  };
}

/**
 * Which cluster this data directory belongs to, and its members when it is new. Kept in the data directory from the
 * first start on, so a restart needs neither --initial-cluster nor --join (like etcd, they are ignored then).
 */
async function clusterIdentity(store: Store, options: CoordinatorOptions): Promise<{ clusterId: string; membership: Membership }> {
  const self = formatHostPort(options.listen);
  const initial = options.initialCluster ?? { [options.nodeId]: self };
  const fresh: Membership = { voters: Object.keys(initial).sort(), learners: [], addresses: initial };
  const stored = await store.get(CLUSTER_ID_KEY);
  if (stored !== undefined) return { clusterId: stored.toString('utf8'), membership: fresh };
  let identity: { clusterId: string; membership: Membership };
  if (options.join !== undefined && options.join.length > 0) {
    identity = await discoverCluster(options.join, options.nodeId, self);
  } else {
    // Like etcd's cluster token: nodes started with another member list do not talk to each other by mistake.
    const members = fresh.voters.map((id) => `${id}=${initial[id]}`).join(',');
    identity = { clusterId: createHash('sha256').update(members).digest('hex').slice(0, 16), membership: fresh };
  }
  await store.write([{ type: 'put', key: CLUSTER_ID_KEY, value: Buffer.from(identity.clusterId) }], true);
  return identity;
}
