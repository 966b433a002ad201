import { Metadata, type ServerDuplexStream, status as GrpcStatus } from '@grpc/grpc-js';
import { LEADER_METADATA_KEY } from '../../common/metadata-keys.js';
import { InvalidArgumentError } from '../../common/errors.js';
import { agentReports } from './agent-reports.js';
import type { Logger } from '../../common/logger.js';
import type { AgentMessage__Output } from '../../common/proto/gen/parallax/v1/AgentMessage.js';
import type { AgentServiceHandlers } from '../../common/proto/gen/parallax/v1/AgentService.js';
import type { CoordinatorMessage } from '../../common/proto/gen/parallax/v1/CoordinatorMessage.js';
import type { Clock } from '../../common/time.js';
import type { AttemptRef, Dispatcher } from '../dispatch/dispatcher.js';
import type { ReplicatedLog } from '../replication/log.js';
import { toServiceError } from '../../common/grpc-errors.js';
import { type ApiContext, unary } from './unary.js';
import { validateLabels, validateName } from './validate.js';

/** How long an agent that comes to a new leader waits for its dispatcher before it is told to look elsewhere. */
const DISPATCHER_READY_WAIT_MS = 5_000;

/**
 * The API agents use. The Session stream carries who the agent is, its heartbeats and its reports in, assignments,
 * cancellations, lease renewals and the reports' results out. Reports come as unary calls too, from an agent
 * without a session (to any node); either way they are fenced by attempt in the FSM.
 */
export function agentService(deps: {
  log: ReplicatedLog;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  api: ApiContext;
  nodeId: string;
  /** Where the leader can be reached, when this node knows. */
  leaderAddress(): string | undefined;
}): AgentServiceHandlers {
  const { log, dispatcher, clock, logger, nodeId, api } = deps;

  const reports = agentReports({ log, clock, api, processEnded: (attempt) => dispatcher.processEnded(attempt) });

  return {
    Session: (call: ServerDuplexStream<AgentMessage__Output, CoordinatorMessage>) => {
      let session: ReturnType<Dispatcher['connect']> | undefined;
      let ended = false;
      // Ends the session: plainly, or (`notLeader`) with the answer a new agent gets from a node that does not lead,
      // which the agent follows as routing rather than as a lost connection.
      const end = (notLeader = false) => {
        if (ended) return;
        ended = true;
        session?.disconnect();
        if (notLeader) pointAtLeader();
        else call.end();
      };
      // Ends the session with an error the agent logs (a refused credential or Hello), not a plain end that would
      // read as a session that keeps ending.
      const refuse = (err: unknown) => {
        if (ended) return;
        ended = true;
        session?.disconnect();
        call.emit('error', toServiceError(err));
      };
      // Authorized when the stream opens (the hello waits for it, so no session exists before), then again at each
      // heartbeat.
      const authorized = api.access.authorize('AgentService.Session', call.metadata, call.getPeer());
      authorized.catch(refuse);
      // Only the leader hands out runs: point the agent at it.
      const pointAtLeader = () => {
        const leader = deps.leaderAddress();
        const metadata = new Metadata();
        // Always set, empty when no leader is known: the agent tells this answer from a node it cannot reach.
        metadata.set(LEADER_METADATA_KEY, leader ?? '');
        call.emit('error', {
          code: GrpcStatus.UNAVAILABLE,
          details: log.isLeader()
            ? 'this coordinator leads but is not handing out runs yet (it is taking over the leases); try it again shortly'
            : leader === undefined
              ? 'this coordinator is not the leader, and no leader is known'
              : `this coordinator is not the leader; the leader is at ${leader}`,
          metadata,
        });
      };
      call.on('data', (message: AgentMessage__Output) => {
        if (message.hello) {
          const hello = message.hello;
          authorized.then(() => welcome(hello), () => undefined);
        } else if (message.heartbeat) {
          const { running, draining, seq } = message.heartbeat;
          // Answered only while this node's dispatcher holds the agent's leases: the agent counts on nothing else.
          if (session?.heartbeat(refs(running), draining) === true && seq > 0 && !ended) call.write({ renewed: { seq } });
          // The credential again, at each heartbeat (cached until identities change): a token revoked or expired
          // since the session opened ends it, so that agent is given no more runs and its leases end.
          api.access.authorize('AgentService.Session', call.metadata, call.getPeer()).catch(refuse);
        } else if (message.report) {
          void reports.onSession(message.report, call.metadata, call.getPeer()).then((result) => {
            if (!ended) call.write({ reportResult: result });
          });
        }
      });
      const welcome = (hello: NonNullable<AgentMessage__Output['hello']>, waited = false) => {
        if (session !== undefined || ended) return;
        try {
          validateName(hello.name, 'agent');
          validateLabels(hello.labels, 'label');
          if (!Number.isInteger(hello.capacity) || hello.capacity < 1) {
            throw new InvalidArgumentError('agent capacity must be an integer of at least 1', { field: 'capacity' });
          }
        } catch (err) {
          logger.warn('refused an agent', { error: err instanceof Error ? err.message : String(err) });
          refuse(err);
          return;
        }
        if (!dispatcher.isRunning && !waited && log.isLeader()) {
          // Just elected: the dispatcher is reading the leases it takes over. Sent elsewhere, the agent would be sent
          // back here; it waits for this node instead.
          void dispatcher.whenReady(DISPATCHER_READY_WAIT_MS).then(() => welcome(hello, true));
          return;
        }
        if (!dispatcher.isRunning) {
          end(true);
          return;
        }
        try {
          session = dispatcher.connect(
            { ...hello, running: refs(hello.running), peer: call.getPeer() },
            {
              send: (m) => {
                if (!ended) call.write(m);
              },
              // Closed because the dispatcher stopped (this node no longer leads, or is stopping), or because a newer
              // session of the same agent replaced this one.
              close: () => end(!dispatcher.isRunning),
            },
          );
        } catch (err) {
          // Another agent holds the name: this one is told why, and keeps trying (the other may go).
          logger.warn('refused an agent', { agent: hello.name, peer: call.getPeer(), error: err instanceof Error ? err.message : String(err) });
          refuse(err);
          return;
        }
        const { heartbeatIntervalMs, leaseTtlMs } = dispatcher.options;
        call.write({ welcome: { nodeId, heartbeatIntervalMs, leaseTtlMs } });
      };
      call.on('end', () => end());
      call.on('error', () => end());
      call.on('cancelled', () => end());
    },

    RunStarted: unary(api, 'AgentService.RunStarted', async (req) => {
      await reports.started(req);
      return {};
    }),

    AppendOutput: unary(api, 'AgentService.AppendOutput', async (req) => {
      await reports.output(req);
      return {};
    }),

    RunFinished: unary(api, 'AgentService.RunFinished', async (req) => {
      await reports.finished(req);
      return {};
    }),
  };
}

function refs(list: { runId: string; attempt: number }[]): AttemptRef[] {
  return list.map((r) => ({ runId: r.runId, attempt: r.attempt }));
}
