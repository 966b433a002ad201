// A 3-member etcd cluster on loopback, for comparison: Debian's etcd-server (/usr/bin/etcd), default options.
import { existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { freePorts, startProcess, stopProcess, unary, waitFor } from './cluster.js';

export const ETCD_INSTALL_HINT = 'sudo apt-get install -y etcd-server   (or: sudo scripts/install-bench-deps.sh)';

/** The etcd binary: $ETCD_BIN when set, else /usr/bin/etcd or /usr/local/bin/etcd; undefined when it is missing. */
export function findEtcd() {
  const candidates = process.env.ETCD_BIN ? [process.env.ETCD_BIN] : ['/usr/bin/etcd', '/usr/local/bin/etcd'];
  return candidates.find((candidate) => existsSync(candidate));
}

let proto;
export function etcdProto() {
  proto ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(join(import.meta.dirname, '..', 'etcd-kv.proto'), { keepCase: true, longs: String, defaults: true }),
  ).etcdserverpb;
  return proto;
}

export async function startEtcdCluster({ bin, dir, size = 3 }) {
  const ports = await freePorts(size * 2);
  const members = Array.from({ length: size }, (_, i) => ({
    name: `e${i + 1}`,
    client: `127.0.0.1:${ports[2 * i]}`,
    peer: `http://127.0.0.1:${ports[2 * i + 1]}`,
    log: join(dir, `e${i + 1}.log`),
    child: undefined,
  }));
  const initialCluster = members.map((m) => `${m.name}=${m.peer}`).join(',');
  for (const m of members) {
    m.child = startProcess(bin, [
      '--name', m.name,
      '--data-dir', join(dir, m.name),
      '--listen-client-urls', `http://${m.client}`,
      '--advertise-client-urls', `http://${m.client}`,
      '--listen-peer-urls', m.peer,
      '--initial-advertise-peer-urls', m.peer,
      '--initial-cluster', initialCluster,
      '--initial-cluster-state', 'new',
      '--initial-cluster-token', `bench-${process.pid}`,
    ], { onStderr: openSync(m.log, 'a') });
  }
  const { Maintenance } = etcdProto();
  const maint = new Map(members.map((m) => [m.name, new Maintenance(m.client, grpc.credentials.createInsecure())]));

  const cluster = {
    members,
    /** The member that leads, as it says itself (its member id is the leader id it reports). */
    leader: async () => {
      for (const m of members) {
        const s = await unary(maint.get(m.name), 'Status', {}, 1_000).catch(() => undefined);
        if (s && s.leader !== '0' && s.header.member_id === s.leader) return m;
      }
      return undefined;
    },
    logTail: (m) => readFileSync(m.log, 'utf8').split('\n').slice(-10).join('\n'),
    async stop(graceMs = 5_000) {
      for (const client of maint.values()) client.close();
      await Promise.all(members.map((m) => stopProcess(m.child, 'SIGTERM', graceMs)));
    },
  };
  try {
    await waitFor('an etcd leader', 20_000, cluster.leader);
  } catch (err) {
    for (const m of members) process.stderr.write(`--- ${m.name} log (last lines) ---\n${cluster.logTail(m)}\n`);
    await cluster.stop();
    throw err;
  }
  return cluster;
}
