import type { Agent } from '../../common/proto/gen/parallax/v1/Agent.js';
import type { Attempt } from '../../common/proto/gen/parallax/v1/Attempt.js';
import type { Run } from '../../common/proto/gen/parallax/v1/Run.js';
import type { RunSpec } from '../../common/proto/gen/parallax/v1/RunSpec.js';
import type { Schedule } from '../../common/proto/gen/parallax/v1/Schedule.js';
import type { SshTarget__Output } from '../../common/proto/gen/parallax/v1/SshTarget.js';
import type { LiveAgent } from '../dispatch/dispatcher.js';
import {
  type AgentRecord,
  DEFAULT_BACKOFF_MAX_MS,
  DEFAULT_BACKOFF_MIN_MS,
  DEFAULT_CATCHUP_MS,
  DEFAULT_KEEP,
  DEFAULT_KEEP_FOR_MS,
  type RunRecord,
  type RunSpecRecord,
  type ScheduleRecord,
  type SshSpecRecord,
} from '../state/records.js';

export function specToWire(spec: RunSpecRecord): RunSpec {
  const http = spec.http === undefined ? null : { ...spec.http, followRedirects: spec.http.followRedirects === true };
  return { ...spec, user: spec.user ?? '', http, ssh: spec.ssh === undefined ? null : sshToWire(spec.ssh) };
}

/** An SSH target as the API shows it: the variables' keys, never their values. */
export function sshToWire(ssh: SshSpecRecord): SshTarget__Output {
  return { ...ssh, hostKeys: [...ssh.hostKeys], privateKey: '', knownHosts: '' };
}

export function scheduleToWire(schedule: ScheduleRecord, nextDueAt: number | null): Schedule {
  return {
    name: schedule.name,
    cron: schedule.cron,
    tz: schedule.tz,
    paused: schedule.paused,
    nextDueAtMs: nextDueAt ?? 0,
    lastFiredDueAtMs: schedule.lastFiredDueAt,
    createdAtMs: schedule.createdAt,
    spec: specToWire(schedule.spec),
    selector: schedule.selector,
    misfire: schedule.misfire ?? 'once',
    catchupMs: schedule.catchupMs ?? DEFAULT_CATCHUP_MS,
    overlap: schedule.overlap ?? 'forbid',
    activeRuns: schedule.activeRuns ?? [],
    jitterMs: schedule.jitterMs ?? 0,
    keep: schedule.keep ?? DEFAULT_KEEP,
    keepForMs: schedule.keepForMs ?? DEFAULT_KEEP_FOR_MS,
    queueMax: schedule.overlap === 'queue' ? (schedule.queueMax ?? 1) : 0,
    retries: schedule.retries ?? 0,
    backoffMinMs: schedule.backoffMinMs ?? DEFAULT_BACKOFF_MIN_MS,
    backoffMaxMs: schedule.backoffMaxMs ?? DEFAULT_BACKOFF_MAX_MS,
    after: schedule.after === undefined ? null : { ...schedule.after },
    chained: schedule.chained ?? [],
    version: schedule.version ?? 1,
    requirements: schedule.requirements ?? [],
    startWithinMs: schedule.startWithinMs ?? 0,
  };
}

/** `queuedReason`: why a queued run waits, when the leader's dispatcher can tell. */
export function runToWire(run: RunRecord, queuedReason = ''): Run {
  const wire: Run = {
    id: run.id,
    schedule: run.schedule,
    state: run.state,
    attempt: run.attempt,
    signal: run.signal,
    dueAtMs: run.dueAt,
    createdAtMs: run.createdAt,
    startedAtMs: run.startedAt,
    endedAtMs: run.endedAt,
    agent: run.agent,
    trigger: run.trigger,
    error: run.error,
    outputBytes: run.outputBytes,
    outputTruncatedBytes: run.truncatedBytes,
    spec: specToWire(run.spec),
    attempts: attemptsToWire(run),
    retryAtMs: run.retryAt ?? 0,
    waiting: run.waiting === true,
    upstreamRun: run.upstream ?? '',
    retries: run.retries ?? 0,
    requirements: run.requirements ?? [],
    queuedReason: run.state === 'queued' ? queuedReason : '',
    startByMs: run.state === 'queued' ? (run.startBy ?? 0) : 0,
    leasedAtMs: run.leasedAt,
  };
  if (run.exitCode !== null) wire.exitCode = run.exitCode;
  return wire;
}

/** Every attempt of a run, the ended ones then the current one (a run that was never leased has none). */
function attemptsToWire(run: RunRecord): Attempt[] {
  const attempts = (run.attempts ?? []).map((a) => attemptToWire(a));
  if (run.attempt > attempts.length) attempts.push(attemptToWire(run));
  return attempts;
}

function attemptToWire(a: Pick<RunRecord, 'attempt' | 'agent' | 'state' | 'exitCode' | 'signal' | 'error' | 'leasedAt' | 'startedAt' | 'endedAt'>): Attempt {
  const wire: Attempt = {
    attempt: a.attempt,
    agent: a.agent,
    state: a.state,
    signal: a.signal,
    error: a.error,
    leasedAtMs: a.leasedAt,
    startedAtMs: a.startedAt,
    endedAtMs: a.endedAt,
  };
  if (a.exitCode !== null) wire.exitCode = a.exitCode;
  return wire;
}

export function agentToWire(agent: AgentRecord, live: LiveAgent): Agent {
  return {
    name: agent.name,
    hostname: agent.hostname,
    labels: agent.labels,
    capacity: agent.capacity,
    running: live.running,
    connected: live.connected,
    lastHeartbeatMs: live.lastHeartbeat,
    version: agent.version,
    registeredAtMs: agent.registeredAt,
    drained: agent.drained === true,
    stopping: live.stopping,
  };
}
