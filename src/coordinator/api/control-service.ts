import type { ServerWritableStream } from '@grpc/grpc-js';
import { FailedPreconditionError, InvalidArgumentError } from '../../common/errors.js';
import { toServiceError } from '../../common/grpc-errors.js';
import { TENANT_METADATA_KEY } from '../../common/metadata-keys.js';
import type { ControlHandlers } from '../../common/proto/gen/parallax/v1/Control.js';
import type { OutputChunk } from '../../common/proto/gen/parallax/v1/OutputChunk.js';
import type { ReadRunOutputRequest__Output } from '../../common/proto/gen/parallax/v1/ReadRunOutputRequest.js';
import type { Clock } from '../../common/time.js';
import { VERSION } from '../../common/version.js';
import type { Dispatcher } from '../dispatch/dispatcher.js';
import type { ReplicatedLog } from '../replication/log.js';
import * as q from '../state/queries.js';
import { ACTIVE_STATES, ENDED_STATES, type RunRecord } from '../state/records.js';
import { clusterHandlers } from './cluster-service.js';
import { agentToWire, runToWire } from './convert.js';
import { LeaderForwarder, wasForwarded } from './leader-forward.js';
import { followOutput } from './output-follow.js';
import { readOptions } from './read-options.js';
import { scheduleHandlers } from './schedule-service.js';
import { auditHandlers } from './audit-service.js';
import { identityHandlers, type LoginInfo } from './identity-service.js';
import { type ApiContext, unary } from './unary.js';
import { validateName, validateVariableKey, validateVariableValue } from './validate.js';

export interface NodeInfo {
  nodeId: string;
  clusterId: string;
  address: string;
  dataDir: string;
  startedAt: number;
}

const DEFAULT_RUN_LIMIT = 50;
const MAX_RUN_LIMIT = 10_000;
const MAX_REASON = 500;

/** The API the CLI uses: authenticate, validate, then propose a command or read the state. */
export function controlService(deps: {
  log: ReplicatedLog;
  dispatcher: Dispatcher;
  clock: Clock;
  api: ApiContext;
  node: NodeInfo;
  loginInfo: LoginInfo;
}): ControlHandlers {
  const { log, dispatcher, clock, api, node } = deps;
  const forward = new LeaderForwarder(log);
  return {
    ...clusterHandlers({ log, api, node, forward }),
    ...scheduleHandlers({ log, clock, api, placement: dispatcher }),
    ...identityHandlers({ log, clock, api, loginInfo: deps.loginInfo }),
    ...auditHandlers({ log, api }),
    Status: unary(api, 'Control.Status', async (_req, caller) => {
      // This node's own view, even without a leader: status is what one looks at when something is wrong.
      const [counters, agents] = await log.read(async (s) => [await q.counters(s, caller.tenant), await q.listAgents(s)] as const, {
        stale: true,
      });
      return {
        nodeId: node.nodeId,
        address: node.address,
        dataDir: node.dataDir,
        leader: log.leaderId() ?? '',
        version: VERSION,
        schedules: counters.schedules,
        agents: agents.length,
        agentsConnected: dispatcher.connectedCount(),
        runs: counters.runs,
        runsActive: counters.runsActive,
        missed: counters.missed ?? 0,
        appliedIndex: log.appliedIndex(),
        startedAtMs: node.startedAt,
      };
    }),

    // Why a queued run waits is known only to the leader's dispatcher: a follower that has one to show asks the leader.
    GetRun: unary(api, 'Control.GetRun', async (req, caller, call) => {
      const run = await log.read((s) => q.getRun(s, caller.tenant, req.id.trim()), readOptions(call));
      const led = run.state === 'queued' && !readOptions(call).stale ? await forward.leaderView('getRun', req, call.metadata) : undefined;
      return led ?? runToWire(run, dispatcher.whyQueued(run));
    }),

    CancelRun: unary(api, 'Control.CancelRun', async (req, caller) => {
      const reason = req.reason.trim() === '' ? `cancelled by ${caller.name}` : req.reason.trim();
      if (reason.length > MAX_REASON) throw new InvalidArgumentError(`invalid reason: at most ${MAX_REASON} characters`, { field: 'reason' });
      return runToWire(await log.propose({ type: 'run.cancel', tenant: caller.tenant, runId: req.id.trim(), reason, now: clock.now(), audit: caller.audit(`run/${req.id.trim()}`) }));
    }),

    ListRuns: unary(api, 'Control.ListRuns', async (req, caller, call) => {
      const limit = req.limit <= 0 ? DEFAULT_RUN_LIMIT : Math.min(req.limit, MAX_RUN_LIMIT);
      const schedule = req.schedule === '' ? undefined : req.schedule;
      const match = runFilter(req.states, req.agent);
      const runs = await log.read(async (s) => {
        if (schedule !== undefined) await q.getSchedule(s, caller.tenant, schedule).catch(async (err: unknown) => {
          // A deleted schedule's runs are still listed; only a name that never ran is unknown.
          const any = await q.listRuns(s, caller.tenant, { schedule, limit: 1 });
          if (any.length === 0) throw err;
        });
        return q.listRuns(s, caller.tenant, { schedule, limit, ...(match === undefined ? {} : { match }) });
      }, readOptions(call));
      const queued = runs.some((run) => run.state === 'queued') && !readOptions(call).stale;
      return (queued ? await forward.leaderView('listRuns', req, call.metadata) : undefined) ?? { runs: runs.map((run) => runToWire(run, dispatcher.whyQueued(run))) };
    }),

    ReadRunOutput: (call: ServerWritableStream<ReadRunOutputRequest__Output, OutputChunk>) => {
      // grpc-js ends a server stream with the status of an 'error' it is given.
      api.access
        .authorize('Control.ReadRunOutput', call.metadata, call.getPeer())
        .then((caller) => {
          // Asked again in the tenant the stream reads, whatever else the caller has been given since.
          const metadata = call.metadata.clone();
          metadata.set(TENANT_METADATA_KEY, caller.tenant);
          const stillAllowed = () => api.access.authorize('Control.ReadRunOutput', metadata, call.getPeer(), { again: true });
          return followOutput(log, caller.tenant, call.request.id.trim(), { follow: call.request.follow, fromSeq: call.request.fromSeq, stillAllowed }, call);
        })
        .catch((err: unknown) => call.emit('error', toServiceError(err)));
    },

    ListAgents: unary(api, 'Control.ListAgents', async (req, _caller, call) => {
      // Only the leader knows who is connected and how busy: another node asks it, unless told to answer itself.
      if (!log.isLeader() && !readOptions(call).stale && !wasForwarded(call.metadata)) return forward.call('listAgents', req, call.metadata);
      const agents = await log.read((s) => q.listAgents(s), { stale: true });
      return { agents: agents.map((a) => agentToWire(a, dispatcher.live(a.name))) };
    }),

    DrainAgent: unary(api, 'Control.DrainAgent', async (req, caller) => {
      const name = req.name.trim();
      const agent = await log.propose({ type: 'agent.drain', name, drained: req.drained, now: clock.now(), audit: caller.audit(`agent/${name}`, req.drained ? 'agents:drain' : 'agents:undrain') });
      return agentToWire(agent, dispatcher.live(agent.name));
    }),

    RemoveAgent: unary(api, 'Control.RemoveAgent', async (req, caller, call) => {
      const name = validateName(req.name.trim(), 'agent');
      // Only the leader knows whether the agent is connected and what it holds.
      if (!log.isLeader()) return forward.call('removeAgent', { name }, call.metadata);
      const live = dispatcher.live(name);
      if (live.connected) {
        throw new FailedPreconditionError(`agent "${name}" is connected: stop it first (parallax agent drain ${name} lets its runs finish)`, { field: 'name' });
      }
      if (live.running > 0) {
        throw new FailedPreconditionError(
          `agent "${name}" still holds ${live.running === 1 ? 'the lease of a run; it ends when the lease runs out' : `the leases of ${live.running} runs; they end when the leases run out`} (the coordinators' --lease-ttl, and the run is retried by its policy), then it can be removed`,
          { field: 'name' },
        );
      }
      await log.propose({ type: 'agent.remove', name, audit: caller.audit(`agent/${name}`) });
      return {};
    }),

    PutVariable: unary(api, 'Control.PutVariable', async (req, caller) => {
      const key = validateVariableKey(req.key);
      const value = validateVariableValue(req.value);
      const now = clock.now();
      await log.propose({ type: 'variable.put', tenant: caller.tenant, key, value: value.toString('base64'), now, audit: caller.audit(`variable/${key}`) });
      return { key, value: Buffer.alloc(0), updatedAtMs: now };
    }),

    GetVariable: unary(api, 'Control.GetVariable', async (req, caller, call) => {
      const variable = await log.read((s) => q.getVariable(s, caller.tenant, req.key), readOptions(call));
      return { key: variable.key, value: Buffer.from(variable.value, 'base64'), updatedAtMs: variable.updatedAt };
    }),

    ListVariables: unary(api, 'Control.ListVariables', async (req, caller, call) => {
      const variables = await log.read((s) => q.listVariables(s, caller.tenant, req.prefix), readOptions(call));
      return { variables: variables.map((v) => ({ key: v.key, value: Buffer.alloc(0), updatedAtMs: v.updatedAt })) };
    }),

    DeleteVariable: unary(api, 'Control.DeleteVariable', async (req, caller) => {
      await log.propose({ type: 'variable.delete', tenant: caller.tenant, key: req.key, audit: caller.audit(`variable/${req.key}`, 'variables:delete') });
      return {};
    }),
  };
}

const RUN_STATES: readonly string[] = [...ACTIVE_STATES, ...ENDED_STATES];

/** What `run list --state … --agent …` keeps; undefined when it keeps every run. */
function runFilter(states: string[], agent: string): ((run: RunRecord) => boolean) | undefined {
  const wanted = new Set(states.map((state) => state.trim()).filter((state) => state !== ''));
  for (const state of wanted) {
    if (!RUN_STATES.includes(state)) throw new InvalidArgumentError(`invalid state "${state}": expected one of ${RUN_STATES.join(', ')}`, { field: 'state' });
  }
  const name = agent.trim();
  if (name !== '') validateName(name, 'agent');
  if (wanted.size === 0 && name === '') return undefined;
  return (run) => (wanted.size === 0 || wanted.has(run.state)) && (name === '' || run.agent === name);
}
