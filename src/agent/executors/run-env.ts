import type { RunToStart } from './executor.js';

const RESERVED_PREFIX = 'PARALLAX_';

/**
 * The environment of a run: the agent's own minus everything PARALLAX_ (the agent's settings and any token must not
 * leak into user code), then the spec's literal env, then the run's identity, which the spec cannot override.
 */
export function runEnvironment(base: NodeJS.ProcessEnv, run: RunToStart): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !name.startsWith(RESERVED_PREFIX)) env[name] = value;
  }
  Object.assign(env, run.spec.env ?? {});
  env.PARALLAX_RUN_ID = run.runId;
  env.PARALLAX_ATTEMPT = String(run.attempt);
  env.PARALLAX_SCHEDULE = run.schedule;
  return env;
}
