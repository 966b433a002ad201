import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { agentProto } from '../../src/common/proto/load.js';
import type { AgentMessage } from '../../src/common/proto/gen/parallax/v1/AgentMessage.js';
import type { CoordinatorMessage__Output } from '../../src/common/proto/gen/parallax/v1/CoordinatorMessage.js';
import type { Report } from '../../src/common/proto/gen/parallax/v1/Report.js';
import type { ReportResult__Output } from '../../src/common/proto/gen/parallax/v1/ReportResult.js';
import { cli, json, singleNode, waitFor } from '../helpers/procs.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

/** An agent's Session played by hand: every message the coordinator sends is kept; `report` awaits its result. */
async function openSession(port: number, token: string, name: string) {
  const AgentService = agentProto().parallax.v1.AgentService;
  const client = new AgentService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  const call = client.session(metadata) as grpc.ClientDuplexStream<AgentMessage, CoordinatorMessage__Output>;
  const received: CoordinatorMessage__Output[] = [];
  call.on('data', (message: CoordinatorMessage__Output) => received.push(message));
  call.on('error', () => undefined);
  call.write({ hello: { name, capacity: 2, labels: { probe: 'yes' }, version: 'test', hostname: 'probe-host' } });
  await waitFor('the Welcome', () => received.some((m) => m.welcome));
  return {
    received,
    async report(report: Report): Promise<ReportResult__Output> {
      call.write({ report });
      return waitFor(`the result of report ${String(report.seq)}`, () => received.find((m) => m.reportResult?.seq === report.seq)?.reportResult ?? undefined);
    },
    close() {
      call.end();
      client.close();
    },
  };
}

describe('reports on the Session stream (a real coordinator)', () => {
  it('takes a run’s end as RunFinished would, and refuses what the unary call refuses, with its code and field', async () => {
    const { port, env } = await singleNode();
    const token = (await cli(['token', 'create', '--name', 'probe', '--role', 'agent', '--cluster-wide'], env)).stdout.trim();
    expect(token).toMatch(/^plx_/);
    const session = await openSession(port, token, 'probe');
    try {
      expect((await cli(['schedule', 'create', 'job', '--cron', '0 0 1 1 *', '--selector', 'probe=yes', '--shell', 'true'], env)).code).toBe(0);
      const triggered = json<Run>(await cli(['schedule', 'trigger', 'job', '--json'], env));
      const assignment = await waitFor('the assignment', () => session.received.find((m) => m.assign?.runId === triggered.id)?.assign ?? undefined);
      const { runId, attempt, tenant } = assignment;

      const base = { runId, attempt, tenant, agent: 'probe', signal: '', error: '', endedAtMs: Date.now(), startedAtMs: Date.now() - 5 };
      expect(await session.report({ seq: 1, finished: { ...base, state: 'exploded' } })).toMatchObject({ seq: 1, code: 'invalid_argument', field: 'state' });
      expect(await session.report({ seq: 2, finished: { ...base, agent: 'someone-else', state: 'succeeded', exitCode: 0 } })).toMatchObject({ seq: 2, code: 'failed_precondition' });
      expect(await session.report({ seq: 3 })).toMatchObject({ seq: 3, code: 'invalid_argument', field: 'report' });
      expect(json<Run>(await cli(['run', 'get', runId, '--json'], env)).state).toBe('leased');

      expect(await session.report({ seq: 4, finished: { ...base, state: 'succeeded', exitCode: 0 } })).toEqual({ seq: 4, code: '', message: '', field: '' });
      expect(json<Run>(await cli(['run', 'get', runId, '--json'], env))).toMatchObject({ state: 'succeeded', agent: 'probe', exitCode: 0 });
      // Sent again (its answer was lost, say): done already, so done.
      expect(await session.report({ seq: 5, finished: { ...base, state: 'succeeded', exitCode: 0 } })).toMatchObject({ seq: 5, code: '' });

      // The session was authorized when it opened; each report is authorized again, so a revoked token stops them.
      expect((await cli(['token', 'revoke', 'probe', '--cluster-wide'], env)).code).toBe(0);
      const afterRevoke = await session.report({ seq: 6, started: { runId, attempt, tenant, agent: 'probe', pid: 1, startedAtMs: Date.now() } });
      expect(afterRevoke).toMatchObject({ seq: 6, code: 'unauthenticated' });
    } finally {
      session.close();
    }
  });
});
