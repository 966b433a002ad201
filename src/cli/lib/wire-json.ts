import { rfc3339 } from '../../common/time.js';
import type { Agent__Output } from '../../common/proto/gen/parallax/v1/Agent.js';
import type { Attempt__Output } from '../../common/proto/gen/parallax/v1/Attempt.js';
import type { Run__Output } from '../../common/proto/gen/parallax/v1/Run.js';
import type { Schedule__Output } from '../../common/proto/gen/parallax/v1/Schedule.js';
import type { StatusResponse__Output } from '../../common/proto/gen/parallax/v1/StatusResponse.js';
import type { Variable__Output } from '../../common/proto/gen/parallax/v1/Variable.js';

/*
 * What `--json` prints for each wire object. These shapes are a public interface that scripts parse: fields are
 * camelCase, times are RFC 3339 UTC strings, and "absent" is null (never "", 0 or a missing key), so a field's
 * type never depends on the object's state. Add fields; never rename or retype one.
 */

export interface ScheduleJson {
  name: string;
  cron: string;
  tz: string;
  paused: boolean;
  nextDueAt: string | null;
  lastFiredDueAt: string | null;
  createdAt: string | null;
  shell: string | null;
  argv: string[] | null;
  /** An HTTP request instead of a command; null for a command. */
  http: { method: string; url: string; headers: Record<string, string>; body: string; successCodes: string; maxBodyBytes: number; insecureTls: boolean; followRedirects: boolean } | null;
  /** With shell: run over SSH on this host; null on the agent itself. */
  ssh: { user: string; host: string; port: number; keyVar: string; hostKeys: string[]; knownHostsVar: string | null; connectTimeoutMs: number } | null;
  env: Record<string, string>;
  envFromVar: Record<string, string>;
  /** The user the command runs as on the agent's host; null for the agent's own. */
  user: string | null;
  timeoutMs: number | null;
  selector: Record<string, string>;
  /** Selector parts beyond KEY=VALUE, such as "zone in (a,b)" and "!gpu". */
  requirements: string[];
  misfire: string;
  catchupMs: number;
  overlap: string;
  activeRuns: string[];
  jitterMs: number;
  keep: number;
  keepForMs: number;
  /** overlap queue: runs held at most; null for the other policies. */
  queueMax: number | null;
  retries: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Chain: the schedule whose runs start this one, and on which outcome; null when not chained. */
  after: { schedule: string; on: string } | null;
  chained: string[];
  /** A run not taken by an agent this long after it was queued fails; null: it waits. */
  startWithinMs: number | null;
  version: number;
}

export interface AttemptJson {
  attempt: number;
  agent: string | null;
  state: string;
  exitCode: number | null;
  signal: string | null;
  error: string | null;
  /** When the attempt was handed to its agent. */
  leasedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

export interface RunJson {
  id: string;
  schedule: string | null;
  state: string;
  attempt: number;
  exitCode: number | null;
  signal: string | null;
  dueAt: string | null;
  createdAt: string | null;
  /** When the current attempt was handed to its agent; null while none has been. */
  leasedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  agent: string | null;
  trigger: string;
  error: string | null;
  outputBytes: number;
  outputTruncatedBytes: number;
  /** Every attempt so far, the current one last. */
  attempts: AttemptJson[];
  retries: number;
  /** Queued for a retry: not started before this. */
  retryAt: string | null;
  /** Held by overlap queue until the schedule's earlier runs end. */
  waiting: boolean;
  /** Chain: the run whose end made this one. */
  upstreamRun: string | null;
  requirements: string[];
  /** Queued: why it has not started (when the leader answered). */
  queuedReason: string | null;
  /** Queued: it fails if no agent has taken it by then; null: it waits. */
  startBy: string | null;
}

export interface AgentJson {
  name: string;
  hostname: string;
  labels: Record<string, string>;
  capacity: number;
  running: number;
  connected: boolean;
  lastHeartbeatAt: string | null;
  version: string;
  registeredAt: string | null;
  /** Drained by an operator: given no new runs until undrained. */
  drained: boolean;
  /** The agent is shutting down, finishing its runs. */
  stopping: boolean;
}

export interface VariableJson {
  key: string;
  value: string;
  updatedAt: string | null;
}

export type VariableListItemJson = Omit<VariableJson, 'value'>;

export interface StatusJson {
  address: string;
  nodeId: string;
  dataDir: string;
  leader: string | null;
  version: string;
  schedules: number;
  agents: number;
  agentsConnected: number;
  runs: number;
  runsActive: number;
  /** Due times recorded as missed, all schedules together. */
  missed: number;
  appliedIndex: number;
  startedAt: string | null;
}

function orNull(text: string): string | null {
  return text === '' ? null : text;
}

/** Map fields decode as plain objects; copying in key order keeps the output stable from one call to the next. */
function sortedMap(map: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function scheduleJson(s: Schedule__Output): ScheduleJson {
  const spec = s.spec;
  const argv = spec?.argv ?? [];
  const usesArgv = argv.length > 0;
  return {
    name: s.name,
    cron: s.cron,
    tz: s.tz === '' ? 'UTC' : s.tz,
    paused: s.paused,
    nextDueAt: rfc3339(s.nextDueAtMs),
    lastFiredDueAt: rfc3339(s.lastFiredDueAtMs),
    createdAt: rfc3339(s.createdAtMs),
    shell: usesArgv || spec?.http ? null : (spec?.shell ?? null),
    argv: usesArgv ? [...argv] : null,
    http:
      spec?.http === null || spec?.http === undefined
        ? null
        : {
            method: spec.http.method || 'GET',
            url: spec.http.url,
            headers: sortedMap(spec.http.headers),
            body: spec.http.body,
            successCodes: spec.http.successCodes || '200-299',
            maxBodyBytes: spec.http.maxBodyBytes || 65_536,
            insecureTls: spec.http.insecureTls,
            followRedirects: spec.http.followRedirects,
          },
    ssh:
      spec?.ssh === null || spec?.ssh === undefined
        ? null
        : {
            user: spec.ssh.user,
            host: spec.ssh.host,
            port: spec.ssh.port,
            keyVar: spec.ssh.keyVar,
            hostKeys: [...spec.ssh.hostKeys],
            knownHostsVar: orNull(spec.ssh.knownHostsVar),
            connectTimeoutMs: spec.ssh.connectTimeoutMs || 20_000,
          },
    env: sortedMap(spec?.env),
    envFromVar: sortedMap(spec?.envFromVar),
    user: orNull(spec?.user ?? ''),
    timeoutMs: spec !== null && spec.timeoutMs > 0 ? spec.timeoutMs : null,
    selector: sortedMap(s.selector),
    requirements: [...(s.requirements ?? [])],
    misfire: s.misfire === '' ? 'once' : s.misfire,
    catchupMs: s.catchupMs,
    overlap: s.overlap === '' ? 'forbid' : s.overlap,
    activeRuns: [...s.activeRuns],
    jitterMs: s.jitterMs,
    keep: s.keep,
    keepForMs: s.keepForMs,
    queueMax: s.overlap === 'queue' ? s.queueMax : null,
    retries: s.retries,
    backoffMinMs: s.backoffMinMs,
    backoffMaxMs: s.backoffMaxMs,
    after: s.after === null || s.after === undefined ? null : { schedule: s.after.schedule, on: s.after.on },
    chained: [...(s.chained ?? [])],
    startWithinMs: (s.startWithinMs ?? 0) > 0 ? s.startWithinMs : null,
    version: s.version ?? 1,
  };
}

function attemptJson(a: Attempt__Output): AttemptJson {
  return {
    attempt: a.attempt,
    agent: orNull(a.agent),
    state: a.state,
    exitCode: typeof a.exitCode === 'number' ? a.exitCode : null,
    signal: orNull(a.signal),
    error: orNull(a.error),
    leasedAt: rfc3339(a.leasedAtMs),
    startedAt: rfc3339(a.startedAtMs),
    endedAt: rfc3339(a.endedAtMs),
  };
}

export function runJson(r: Run__Output): RunJson {
  return {
    id: r.id,
    schedule: orNull(r.schedule),
    state: r.state,
    attempt: r.attempt,
    // proto3 `optional`: the key is only present when the server set it, so 0 is a real exit code.
    exitCode: typeof r.exitCode === 'number' ? r.exitCode : null,
    signal: orNull(r.signal),
    dueAt: rfc3339(r.dueAtMs),
    createdAt: rfc3339(r.createdAtMs),
    leasedAt: rfc3339(r.leasedAtMs),
    startedAt: rfc3339(r.startedAtMs),
    endedAt: rfc3339(r.endedAtMs),
    agent: orNull(r.agent),
    trigger: r.trigger,
    error: orNull(r.error),
    outputBytes: r.outputBytes,
    outputTruncatedBytes: r.outputTruncatedBytes,
    attempts: (r.attempts ?? []).map(attemptJson),
    retries: r.retries ?? 0,
    retryAt: rfc3339(r.retryAtMs ?? 0),
    waiting: r.waiting === true,
    upstreamRun: orNull(r.upstreamRun ?? ''),
    requirements: [...(r.requirements ?? [])],
    queuedReason: orNull(r.queuedReason ?? ''),
    startBy: rfc3339(r.startByMs ?? 0),
  };
}

export function agentJson(a: Agent__Output): AgentJson {
  return {
    name: a.name,
    hostname: a.hostname,
    labels: sortedMap(a.labels),
    capacity: a.capacity,
    running: a.running,
    connected: a.connected,
    lastHeartbeatAt: rfc3339(a.lastHeartbeatMs),
    version: a.version,
    registeredAt: rfc3339(a.registeredAtMs),
    drained: a.drained === true,
    stopping: a.stopping === true,
  };
}

export function variableJson(v: Variable__Output): VariableJson {
  return { key: v.key, value: Buffer.from(v.value).toString('utf8'), updatedAt: rfc3339(v.updatedAtMs) };
}

export function variableListItemJson(v: Variable__Output): VariableListItemJson {
  return { key: v.key, updatedAt: rfc3339(v.updatedAtMs) };
}

export function statusJson(s: StatusResponse__Output, address: string): StatusJson {
  return {
    address: s.address === '' ? address : s.address,
    nodeId: s.nodeId,
    dataDir: s.dataDir,
    leader: orNull(s.leader),
    version: s.version,
    schedules: s.schedules,
    agents: s.agents,
    agentsConnected: s.agentsConnected,
    runs: s.runs,
    runsActive: s.runsActive,
    missed: s.missed,
    appliedIndex: s.appliedIndex,
    startedAt: rfc3339(s.startedAtMs),
  };
}
