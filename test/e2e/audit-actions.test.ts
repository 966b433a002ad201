import { describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import type { AuditJson } from '../../src/cli/lib/identity-json.js';

describe('the audit log', () => {
  it('tells apart the changes one permission allows: drain and undrain, put and delete, pause and resume, trigger and backfill', async () => {
    const { port, env } = await singleNode();
    startAgent(port, 'a1');
    await waitFor('the agent', async () => json<{ connected: boolean }[]>(await cli(['agent', 'list', '--json'], env))[0]?.connected);
    const steps = [
      ['agent', 'drain', 'a1'],
      ['agent', 'undrain', 'a1'],
      ['var', 'put', 'app/url', 'https://example.com'],
      ['var', 'delete', 'app/url'],
      ['schedule', 'create', 'nightly', '--cron', '0 3 * * *', '--shell', 'true'],
      ['schedule', 'pause', 'nightly'],
      ['schedule', 'resume', 'nightly'],
      ['schedule', 'update', 'nightly', '--timeout', '5m'],
      ['schedule', 'update', 'nightly', '--timeout', '10m', '--paused'],
      ['schedule', 'trigger', 'nightly'],
      ['schedule', 'backfill', 'nightly', '--from', '2026-01-01', '--to', '2026-01-02'],
      ['role', 'create', 'deployer', '--inherits', 'viewer'],
      ['role', 'delete', 'deployer'],
    ];
    for (const step of steps) {
      const result = await cli(step, env);
      // --paused is not a flag of update: that step is refused, and the log says nothing of it.
      if (step.includes('--paused')) expect(result.code).toBe(2);
      else expect(result.code, `${step.join(' ')}: ${result.stderr}`).toBe(0);
    }
    const entries = json<AuditJson[]>(await cli(['audit', 'list', '--json'], env))
      .filter((e) => /^(agent|variable|schedule|role)\//.test(e.resource))
      .map((e) => `${e.action} ${e.resource} ${e.result}`);
    expect(entries).toEqual([
      'agents:drain agent/a1 ok',
      'agents:undrain agent/a1 ok',
      'variables:write variable/app/url ok',
      'variables:delete variable/app/url ok',
      'schedules:create schedule/nightly ok',
      'schedules:pause schedule/nightly ok',
      'schedules:resume schedule/nightly ok',
      'schedules:update schedule/nightly ok',
      'schedules:trigger schedule/nightly ok',
      'schedules:backfill schedule/nightly ok',
      'roles:write role/deployer ok',
      'roles:delete role/deployer ok',
    ]);
  });
});
