import type { Assignment } from '../../common/proto/gen/parallax/v1/Assignment.js';
import type { ReplicatedLog } from '../replication/log.js';
import type { RunRecord, VariableRecord } from '../state/records.js';
import { variableKey } from '../storage/keys.js';

/** What a run takes from variables when it is handed out: environment, and an SSH run's key and known_hosts. */
export interface Resolved {
  env: Record<string, string>;
  privateKey: string;
  knownHosts: string;
}

/**
 * Reads the variables a run needs from this node's state (the leader's), or says which one is missing and how to
 * create it. Their values go to the agent that runs the attempt, never into the log.
 */
export async function resolveVariables(log: ReplicatedLog, run: RunRecord): Promise<Resolved | string> {
  const refs = Object.entries(run.spec.envFromVar);
  const ssh = run.spec.ssh;
  if (refs.length === 0 && ssh === undefined) return { env: {}, privateKey: '', knownHosts: '' };
  return log.read(
    async (state) => {
      const read = async (key: string): Promise<string | undefined> => {
        const value = await state.get(variableKey(run.tenant, key));
        return value === undefined ? undefined : Buffer.from((JSON.parse(value.toString('utf8')) as VariableRecord).value, 'base64').toString('utf8');
      };
      const env: Record<string, string> = {};
      for (const [name, key] of refs) {
        const value = await read(key);
        if (value === undefined) return `variable "${key}" (for ${name}) not found; create it with: parallax var put ${key} VALUE`;
        env[name] = value;
      }
      let privateKey = '';
      let knownHosts = '';
      if (ssh !== undefined) {
        const key = await read(ssh.keyVar);
        if (key === undefined) return `variable "${ssh.keyVar}" (the SSH private key) not found; create it with: parallax var put ${ssh.keyVar} --from-file KEYFILE`;
        privateKey = key;
        if (ssh.knownHostsVar !== '') {
          const hosts = await read(ssh.knownHostsVar);
          if (hosts === undefined) return `variable "${ssh.knownHostsVar}" (known_hosts) not found; create it with: parallax var put ${ssh.knownHostsVar} --from-file known_hosts`;
          knownHosts = hosts;
        }
      }
      return { env, privateKey, knownHosts };
    },
    { stale: true },
  );
}

/** The message that hands attempt `attempt` of `run` to an agent. */
export function assignmentOf(run: RunRecord, attempt: number, resolved: Resolved): Assignment {
  const { spec } = run;
  return {
    runId: run.id,
    attempt,
    tenant: run.tenant,
    schedule: run.schedule,
    spec: {
      shell: spec.shell,
      argv: spec.argv,
      env: { ...resolved.env, ...spec.env },
      envFromVar: {},
      cwd: spec.cwd,
      timeoutMs: spec.timeoutMs,
      killGraceMs: spec.killGraceMs,
      http: spec.http ?? null,
      user: spec.user ?? '',
      ssh: spec.ssh === undefined ? null : { ...spec.ssh, privateKey: resolved.privateKey, knownHosts: resolved.knownHosts },
    },
    // Values taken from variables are secrets: the agent masks them in the output.
    secretEnv: Object.keys(resolved.env).filter((name) => !(name in spec.env)),
  };
}
