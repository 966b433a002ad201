import { parseArgs } from 'node:util';
import { parseHostPort } from '../common/address.js';
import { parseDuration } from '../common/duration.js';
import { InvalidArgumentError } from '../common/errors.js';

export interface AgentSettings {
  coordinator: string;
  name: string;
  labels: Record<string, string>;
  capacity: number;
  /** On SIGTERM, how long running runs may take to finish before they are cancelled. */
  drainGraceMs: number;
}

export type AgentCommand = { kind: 'help' } | { kind: 'run'; settings: AgentSettings };

export const USAGE = `Usage: parallax-agent --coordinator HOST:PORT --insecure [options]

Executes the runs a Parallax coordinator assigns to this host and reports their output and outcome.

Options:
  --coordinator HOST:PORT  the coordinator(s) to connect to, separated by commas (or PARALLAX_AGENT_COORDINATOR)
  --name NAME              how the coordinator knows this agent (default: the host name)
  --label KEY=VALUE        a label schedules can select agents by; repeatable
  --capacity N             how many runs may execute at once (default: 4)
  --drain-grace DURATION   on SIGTERM, how long running runs may take to finish before they are cancelled
                           (default: 30s; 0 cancels them at once)
  --insecure               use plaintext gRPC (required until TLS is available)
  --help                   show this help
`;

const FLAGS = '--coordinator, --name, --label, --capacity, --drain-grace, --insecure, --help';
const VALUES: Record<string, string | undefined> = {
  '--coordinator': 'HOST:PORT',
  '--name': 'NAME',
  '--label': 'KEY=VALUE',
  '--capacity': 'N',
  '--drain-grace': 'DURATION',
};
/** Longer would keep a stopping host waiting past what init systems allow (systemd's default is 90 s). */
const MAX_DRAIN_GRACE_MS = 3_600_000;
const LABEL_KEY = /^[A-Za-z0-9]([A-Za-z0-9._/-]{0,62}[A-Za-z0-9])?$/;

/**
 * Reads the agent's command line. Every problem is an InvalidArgumentError whose message names the flag and what it
 * accepts, for one line on stderr and exit code 2.
 */
export function parseAgentArgs(argv: string[], env: NodeJS.ProcessEnv, defaultName: string): AgentCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        coordinator: { type: 'string' },
        name: { type: 'string' },
        label: { type: 'string', multiple: true },
        capacity: { type: 'string' },
        'drain-grace': { type: 'string' },
        insecure: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new InvalidArgumentError(describeParseError(err));
  }
  if (values.help === true) return { kind: 'help' };

  const coordinator = values.coordinator ?? env.PARALLAX_AGENT_COORDINATOR;
  if (coordinator === undefined || coordinator.trim() === '') {
    throw new InvalidArgumentError(
      '--coordinator is required: pass --coordinator HOST:PORT (such as 127.0.0.1:7070) or set PARALLAX_AGENT_COORDINATOR',
      { field: '--coordinator' },
    );
  }
  const field = values.coordinator === undefined ? 'PARALLAX_AGENT_COORDINATOR' : '--coordinator';
  // Several coordinators, separated by commas: the agent finds the leader among them.
  for (const address of coordinator.split(',')) parseHostPort(address, field);

  const name = values.name ?? defaultName;
  if (name.trim() === '' || /\s/.test(name)) {
    throw new InvalidArgumentError(`invalid --name "${name}": expected a non-empty name without spaces`, { field: '--name' });
  }

  const labels: Record<string, string> = {};
  for (const label of values.label ?? []) {
    const eq = label.indexOf('=');
    const key = eq < 0 ? '' : label.slice(0, eq);
    if (!LABEL_KEY.test(key)) {
      throw new InvalidArgumentError(
        `invalid --label "${label}": expected KEY=VALUE, such as zone=eu-1 (the key: letters, digits, . _ / -)`,
        { field: '--label' },
      );
    }
    if (key in labels) throw new InvalidArgumentError(`--label ${key} is given twice: give each key once`, { field: '--label' });
    labels[key] = label.slice(eq + 1);
  }

  const capacityText = values.capacity ?? '4';
  const capacity = /^\d{1,6}$/.test(capacityText) ? Number(capacityText) : NaN;
  if (!(capacity >= 1)) {
    throw new InvalidArgumentError(`invalid --capacity "${capacityText}": expected a whole number of runs, 1 or more`, {
      field: '--capacity',
    });
  }

  const graceText = values['drain-grace'] ?? '30s';
  let drainGraceMs: number;
  try {
    drainGraceMs = graceText === '0' ? 0 : parseDuration(graceText, '--drain-grace');
  } catch {
    drainGraceMs = NaN;
  }
  if (!(drainGraceMs >= 0 && drainGraceMs <= MAX_DRAIN_GRACE_MS)) {
    throw new InvalidArgumentError(`invalid --drain-grace "${graceText}": expected a duration from 0 to 1h, such as 30s or 5m`, {
      field: '--drain-grace',
    });
  }

  if (values.insecure !== true) {
    throw new InvalidArgumentError('TLS is not available yet; pass --insecure to use plaintext gRPC', { field: '--insecure' });
  }
  return { kind: 'run', settings: { coordinator: coordinator.trim(), name, labels, capacity, drainGraceMs } };
}

/** node:util's messages suggest `--` tricks that do not apply here; say which flag is wrong and what is accepted. */
function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown flag ${quoted}: accepted flags are ${FLAGS}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}": parallax-agent takes only flags (${FLAGS})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = quoted.split(' ')[0] ?? quoted;
      const value = VALUES[flag];
      return value === undefined ? `${flag} takes no value` : `${flag} needs a value, as in ${flag} ${value}`;
    }
    default:
      return message;
  }
}
