import { describe, expect, it } from 'vitest';
import type { Agent__Output } from '../../src/common/proto/gen/parallax/v1/Agent.js';
import type { Run__Output } from '../../src/common/proto/gen/parallax/v1/Run.js';
import type { RunSpec__Output } from '../../src/common/proto/gen/parallax/v1/RunSpec.js';
import type { Schedule__Output } from '../../src/common/proto/gen/parallax/v1/Schedule.js';
import type { StatusResponse__Output } from '../../src/common/proto/gen/parallax/v1/StatusResponse.js';
import {
  agentJson,
  runJson,
  scheduleJson,
  statusJson,
  variableJson,
  variableListItemJson,
} from '../../src/cli/lib/wire-json.js';

// Wire objects as proto-loader decodes them (defaults: true): every field present, 0 and "" for "not set".
const T = Date.UTC(2025, 0, 2, 3, 4, 5, 678);

function spec(overrides: Partial<RunSpec__Output> = {}): RunSpec__Output {
  return { shell: '', argv: [], env: {}, envFromVar: {}, cwd: '', timeoutMs: 0, killGraceMs: 0, http: null, ssh: null, user: '', ...overrides };
}

function run(overrides: Partial<Run__Output> = {}): Run__Output {
  return {
    id: '01jd4m8x2k7q9w3e5r6t8y0u1a',
    schedule: '',
    state: 'queued',
    attempt: 0,
    signal: '',
    dueAtMs: 0,
    createdAtMs: 0,
    leasedAtMs: 0,
    startedAtMs: 0,
    endedAtMs: 0,
    agent: '',
    trigger: 'manual',
    error: '',
    outputBytes: 0,
    outputTruncatedBytes: 0,
    spec: null,
    attempts: [],
    retryAtMs: 0,
    waiting: false,
    upstreamRun: '',
    retries: 0,
    requirements: [],
    queuedReason: '',
    startByMs: 0,
    ...overrides,
  };
}

describe('runJson', () => {
  it('renders an ended run with RFC 3339 UTC times', () => {
    const json = runJson(
      run({
        schedule: 'hello',
        state: 'succeeded',
        attempt: 1,
        exitCode: 0,
        _exitCode: 'exitCode',
        dueAtMs: T,
        createdAtMs: T + 1,
        leasedAtMs: T + 5,
        startedAtMs: T + 20,
        endedAtMs: T + 1500,
        agent: 'web-1',
        trigger: 'schedule',
        outputBytes: 14,
        spec: spec({ shell: 'echo hi' }),
      }),
    );
    expect(json).toEqual({
      id: '01jd4m8x2k7q9w3e5r6t8y0u1a',
      schedule: 'hello',
      state: 'succeeded',
      attempt: 1,
      exitCode: 0,
      signal: null,
      dueAt: '2025-01-02T03:04:05.678Z',
      createdAt: '2025-01-02T03:04:05.679Z',
      leasedAt: '2025-01-02T03:04:05.683Z',
      startedAt: '2025-01-02T03:04:05.698Z',
      endedAt: '2025-01-02T03:04:07.178Z',
      agent: 'web-1',
      trigger: 'schedule',
      error: null,
      outputBytes: 14,
      outputTruncatedBytes: 0,
      attempts: [],
      retries: 0,
      retryAt: null,
      waiting: false,
      upstreamRun: null,
      requirements: [],
      queuedReason: null,
      startBy: null,
    });
    // The key order is part of what people read; keep it stable.
    expect(Object.keys(json)).toEqual([
      'id', 'schedule', 'state', 'attempt', 'exitCode', 'signal', 'dueAt', 'createdAt', 'leasedAt', 'startedAt', 'endedAt',
      'agent', 'trigger', 'error', 'outputBytes', 'outputTruncatedBytes', 'attempts', 'retries', 'retryAt', 'waiting',
      'upstreamRun', 'requirements', 'queuedReason', 'startBy',
    ]);
  });

  it('uses null, never "" or 0, for what is not there', () => {
    const json = runJson(run());
    expect(json).toMatchObject({
      schedule: null,
      exitCode: null,
      signal: null,
      dueAt: null,
      createdAt: null,
      leasedAt: null,
      startedAt: null,
      endedAt: null,
      agent: null,
      error: null,
    });
  });

  it('lists every attempt, and when a queued retry may start', () => {
    const json = runJson(
      run({
        state: 'queued',
        attempt: 1,
        retries: 2,
        retryAtMs: T,
        attempts: [{ attempt: 1, agent: 'web-1', state: 'failed', exitCode: 0, _exitCode: 'exitCode', signal: '', error: '', leasedAtMs: T - 30, startedAtMs: T - 20, endedAtMs: T - 10 }],
      }),
    );
    expect(json).toMatchObject({ retries: 2, retryAt: '2025-01-02T03:04:05.678Z', waiting: false, upstreamRun: null });
    expect(json.attempts).toEqual([
      { attempt: 1, agent: 'web-1', state: 'failed', exitCode: 0, signal: null, error: null, leasedAt: '2025-01-02T03:04:05.648Z', startedAt: '2025-01-02T03:04:05.658Z', endedAt: '2025-01-02T03:04:05.668Z' },
    ]);
  });

  it('keeps the signal and error of a run that ended without an exit code', () => {
    expect(runJson(run({ state: 'lost', signal: 'SIGKILL', error: 'agent web-1 stopped heartbeating' }))).toMatchObject({
      exitCode: null,
      signal: 'SIGKILL',
      error: 'agent web-1 stopped heartbeating',
    });
  });
});

describe('scheduleJson', () => {
  const base: Schedule__Output = {
    name: 'backup',
    cron: '0 3 * * *',
    tz: 'Europe/Berlin',
    paused: false,
    nextDueAtMs: T,
    lastFiredDueAtMs: 0,
    createdAtMs: T - 86_400_000,
    spec: spec({ argv: ['/usr/bin/backup', '--full'], env: { B: '2', A: '1' }, envFromVar: { TOKEN: 'backup/token' }, timeoutMs: 3_600_000 }),
    selector: { role: 'db' },
    misfire: 'once',
    catchupMs: 3_600_000,
    overlap: 'forbid',
    activeRuns: [],
    jitterMs: 0,
    keep: 100,
    keepForMs: 2_592_000_000,
    queueMax: 0,
    retries: 0,
    backoffMinMs: 10_000,
    backoffMaxMs: 300_000,
    after: null,
    chained: [],
    version: 1,
    requirements: [],
    startWithinMs: 0,
  };

  it('renders a program schedule: argv set, shell null', () => {
    expect(scheduleJson(base)).toEqual({
      name: 'backup',
      cron: '0 3 * * *',
      tz: 'Europe/Berlin',
      paused: false,
      nextDueAt: '2025-01-02T03:04:05.678Z',
      lastFiredDueAt: null,
      createdAt: '2025-01-01T03:04:05.678Z',
      shell: null,
      argv: ['/usr/bin/backup', '--full'],
      http: null,
      ssh: null,
      env: { A: '1', B: '2' },
      envFromVar: { TOKEN: 'backup/token' },
      user: null,
      timeoutMs: 3_600_000,
      selector: { role: 'db' },
      misfire: 'once',
      catchupMs: 3_600_000,
      overlap: 'forbid',
      activeRuns: [],
      jitterMs: 0,
      keep: 100,
      keepForMs: 2_592_000_000,
      queueMax: null,
      retries: 0,
      backoffMinMs: 10_000,
      backoffMaxMs: 300_000,
      after: null,
      chained: [],
      version: 1,
      requirements: [],
      startWithinMs: null,
    });
  });

  it('renders a queue policy with its bound, retries, and a chain', () => {
    const json = scheduleJson({ ...base, overlap: 'queue', queueMax: 2, retries: 3, after: { schedule: 'build', on: 'success' }, chained: ['notify'] });
    expect(json).toMatchObject({ overlap: 'queue', queueMax: 2, retries: 3, after: { schedule: 'build', on: 'success' }, chained: ['notify'] });
  });

  it('renders a shell schedule: shell set, argv null; no timeout is null; an empty zone is UTC', () => {
    const json = scheduleJson({ ...base, tz: '', paused: true, nextDueAtMs: 0, spec: spec({ shell: 'echo hi' }), selector: {} });
    expect(json).toMatchObject({ tz: 'UTC', paused: true, nextDueAt: null, shell: 'echo hi', argv: null, timeoutMs: null, env: {}, selector: {} });
  });

  it('sorts map keys so the output does not depend on the order they came in', () => {
    expect(JSON.stringify(scheduleJson(base).env)).toBe('{"A":"1","B":"2"}');
  });
});

describe('agentJson, variableJson, statusJson', () => {
  it('renders an agent', () => {
    const agent: Agent__Output = {
      name: 'web-1',
      hostname: 'web-1.lan',
      labels: { zone: 'a', role: 'web' },
      capacity: 4,
      running: 1,
      connected: true,
      lastHeartbeatMs: T,
      version: '0.1.0',
      registeredAtMs: 0,
      drained: false,
      stopping: false,
    };
    expect(agentJson(agent)).toEqual({
      name: 'web-1',
      hostname: 'web-1.lan',
      labels: { role: 'web', zone: 'a' },
      capacity: 4,
      running: 1,
      connected: true,
      lastHeartbeatAt: '2025-01-02T03:04:05.678Z',
      version: '0.1.0',
      registeredAt: null,
      drained: false,
      stopping: false,
    });
  });

  it('renders a variable value as UTF-8, and list items without a value', () => {
    const variable = { key: 'app/greeting', value: Buffer.from('grüß dich'), updatedAtMs: T };
    expect(variableJson(variable)).toEqual({ key: 'app/greeting', value: 'grüß dich', updatedAt: '2025-01-02T03:04:05.678Z' });
    expect(variableListItemJson(variable)).toEqual({ key: 'app/greeting', updatedAt: '2025-01-02T03:04:05.678Z' });
  });

  it('renders status, falling back to the address we dialled', () => {
    const status: StatusResponse__Output = {
      nodeId: 'dev',
      address: '',
      dataDir: '/var/lib/parallax',
      leader: '',
      version: '0.1.0',
      schedules: 3,
      agents: 2,
      agentsConnected: 1,
      runs: 10,
      runsActive: 2,
      missed: 7,
      appliedIndex: 42,
      startedAtMs: T,
    };
    expect(statusJson(status, '127.0.0.1:7070')).toEqual({
      address: '127.0.0.1:7070',
      nodeId: 'dev',
      dataDir: '/var/lib/parallax',
      leader: null,
      version: '0.1.0',
      schedules: 3,
      agents: 2,
      agentsConnected: 1,
      runs: 10,
      runsActive: 2,
      missed: 7,
      appliedIndex: 42,
      startedAt: '2025-01-02T03:04:05.678Z',
    });
  });
});
