import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { parseHostPort } from '../common/address.js';
import { parseDuration } from '../common/duration.js';
import { InvalidArgumentError } from '../common/errors.js';
import { sizeArgument } from '../common/size.js';
import { LABEL_PATTERN, LABEL_RULE, NAME_PATTERN, NAME_RULE, nameFromHost } from '../common/names.js';
import { yamlErrorText } from '../common/yaml-error.js';
import { describeParseError } from '../common/flag-errors.js';
import { closest } from '../common/closest.js';

export interface AgentSettings {
  coordinator: string;
  name: string;
  labels: Record<string, string>;
  capacity: number;
  /** On SIGTERM, how long running runs may take to finish before they are cancelled. */
  drainGraceMs: number;
  /** The API token to present, from PARALLAX_AGENT_TOKEN or a file; never from the command line (argv is public). */
  token: string;
  /** Where the agent keeps its spool of unacknowledged reports; absolute. */
  dataDir: string;
  /** The most unacknowledged output all runs together may keep in the spool. */
  spoolLimitBytes: number;
}

/** Who the agent runs as, for the default data directory. */
export interface AgentUser {
  uid: number;
  home: string;
}

export type AgentCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; settings: AgentSettings };

export const USAGE = `Usage: parallax-agent [--config FILE] --coordinator HOST:PORT --insecure [options]

Executes the runs a Parallax coordinator assigns to this host and reports their output and outcome.

Options (each also settable in the config file, and by the environment variable named; a flag wins over the
environment, which wins over the file):
  --config FILE            a YAML file of settings (PARALLAX_AGENT_CONFIG), such as /etc/parallax/agent.yaml:
                             coordinators: [10.0.0.1:7070, 10.0.0.2:7070]
                             name: web-1
                             labels: {role: web, zone: a}
                             capacity: 8
                             drainGrace: 30s
                             dataDir: /var/lib/parallax-agent
                             insecure: true
                             tokenFile: /etc/parallax/agent.token
  --coordinator HOST:PORT  the coordinator(s) to connect to, separated by commas (PARALLAX_AGENT_COORDINATOR;
                           coordinators in the file)
  --name NAME              how the coordinator knows this agent (PARALLAX_AGENT_NAME; default: the host name, in lower
                           case)
  --label KEY=VALUE        a label schedules can select agents by; repeatable (PARALLAX_AGENT_LABELS=k=v,k=v)
  --capacity N             how many runs may execute at once (PARALLAX_AGENT_CAPACITY; default: 4)
  --drain-grace DURATION   on SIGTERM, how long running runs may take to finish before they are cancelled
                           (PARALLAX_AGENT_DRAIN_GRACE; default: 30s; 0 cancels them at once)
  --data-dir DIR           where the agent keeps the output and outcomes of runs the coordinator has not yet
                           acknowledged, so that neither a coordinator outage nor a restart of the agent loses them;
                           created 0700; one agent per directory (PARALLAX_AGENT_DATA_DIR; dataDir in the file;
                           default: /var/lib/parallax-agent as root, else $XDG_STATE_HOME/parallax-agent or
                           ~/.local/state/parallax-agent)
  --spool-limit SIZE       the most unacknowledged output all runs together may keep there, such as 512MiB; beyond
                           it the oldest unsent output of each run is dropped, as beyond a run's own 1 MiB
                           (PARALLAX_AGENT_SPOOL_LIMIT; spoolLimit in the file; default: 1GiB)
  --token-file FILE        a file holding the API token this agent presents, made by an administrator with
                           \`parallax token create --name agents --role agent --cluster-wide\` (PARALLAX_AGENT_TOKEN_FILE;
                           tokenFile in the file); or the token itself in PARALLAX_AGENT_TOKEN
  --insecure               use plaintext gRPC, required until TLS is available (PARALLAX_AGENT_INSECURE=1)
  --version                print the agent's version
  --help                   show this help
`;

const OPTIONS = {
  config: { type: 'string' },
  coordinator: { type: 'string' },
  name: { type: 'string' },
  label: { type: 'string', multiple: true },
  capacity: { type: 'string' },
  'drain-grace': { type: 'string' },
  'data-dir': { type: 'string' },
  'spool-limit': { type: 'string' },
  'token-file': { type: 'string' },
  insecure: { type: 'boolean' },
  version: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
/** How each flag's value is shown in an error that asks for one. */
const VALUES: Record<string, string> = {
  config: 'FILE',
  coordinator: 'HOST:PORT',
  name: 'NAME',
  label: 'KEY=VALUE',
  capacity: 'N',
  'drain-grace': 'DURATION',
  'data-dir': 'DIR',
  'spool-limit': 'SIZE',
  'token-file': 'FILE',
};
const FILE_KEYS = ['coordinators', 'name', 'labels', 'capacity', 'drainGrace', 'dataDir', 'spoolLimit', 'insecure', 'tokenFile'];
/** Longer would keep a stopping host waiting past what init systems allow (systemd's default is 90 s). */
const MAX_DRAIN_GRACE_MS = 3_600_000;

/** A setting and where it came from, so an error can say which flag, variable or file line to fix. */
interface Given<T> {
  value: T;
  from: string;
}

/**
 * Reads the agent's settings from its command line, its environment and its config file. Every problem is an
 * InvalidArgumentError whose message names where the value came from and what is accepted, for one line on stderr
 * and exit code 2.
 */
export function parseAgentArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
  defaultName: string,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
  user: AgentUser = { uid: process.getuid?.() ?? -1, home: homedir() },
): AgentCommand {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS }));
  } catch (err) {
    throw new InvalidArgumentError(describeParseError(err, 'parallax-agent', OPTIONS, VALUES));
  }
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };

  const configPath = values.config ?? env.PARALLAX_AGENT_CONFIG;
  const file = configPath === undefined ? {} : readConfig(configPath, readFile);
  const inFile = (key: string) => `${key} in ${configPath}`;
  /** The first of flag, environment variable and file that is set. */
  const pick = <T>(flag: Given<T | undefined>, variable: Given<string | undefined>, key: string): Given<T | string | unknown> | undefined => {
    if (flag.value !== undefined) return flag as Given<T>;
    if (variable.value !== undefined && variable.value !== '') return variable as Given<string>;
    return key in file ? { value: file[key], from: inFile(key) } : undefined;
  };

  const coordinator = pick({ value: values.coordinator, from: '--coordinator' }, { value: env.PARALLAX_AGENT_COORDINATOR, from: 'PARALLAX_AGENT_COORDINATOR' }, 'coordinators');
  if (coordinator === undefined) {
    throw new InvalidArgumentError(
      '--coordinator is required: pass --coordinator HOST:PORT (such as 127.0.0.1:7070), set PARALLAX_AGENT_COORDINATOR, or list coordinators in the config file',
      { field: '--coordinator' },
    );
  }
  const addresses = Array.isArray(coordinator.value) ? coordinator.value.map(String) : String(coordinator.value).split(',');
  if (addresses.length === 0) throw new InvalidArgumentError(`${coordinator.from} lists no coordinator: give at least one HOST:PORT`, { field: coordinator.from });
  // Several coordinators: the agent finds the leader among them.
  for (const address of addresses) parseHostPort(address.trim(), coordinator.from);

  const nameGiven = pick({ value: values.name, from: '--name' }, { value: env.PARALLAX_AGENT_NAME, from: 'PARALLAX_AGENT_NAME' }, 'name');
  const name = nameGiven === undefined ? nameFromHost(defaultName) : String(nameGiven.value);
  if (!NAME_PATTERN.test(name)) {
    // The coordinators would refuse the agent's Hello: say so now, not as a session that keeps ending.
    const what = nameGiven === undefined ? `the host name "${defaultName}" is not an agent name, so give one with --name` : `invalid ${nameGiven.from} "${name}"`;
    throw new InvalidArgumentError(`${what}: an agent name is ${NAME_RULE}`, { field: nameGiven?.from ?? '--name' });
  }

  const labelsGiven = pick({ value: values.label, from: '--label' }, { value: env.PARALLAX_AGENT_LABELS, from: 'PARALLAX_AGENT_LABELS' }, 'labels');
  const labels = labelsGiven === undefined ? {} : parseLabels(labelsGiven);

  const capacityGiven = pick({ value: values.capacity, from: '--capacity' }, { value: env.PARALLAX_AGENT_CAPACITY, from: 'PARALLAX_AGENT_CAPACITY' }, 'capacity');
  const capacityText = capacityGiven === undefined ? '4' : String(capacityGiven.value);
  const capacity = /^\d{1,6}$/.test(capacityText) ? Number(capacityText) : NaN;
  if (!(capacity >= 1)) {
    throw new InvalidArgumentError(`invalid ${capacityGiven?.from ?? '--capacity'} "${capacityText}": expected a whole number of runs, 1 or more`, {
      field: capacityGiven?.from ?? '--capacity',
    });
  }

  const graceGiven = pick({ value: values['drain-grace'], from: '--drain-grace' }, { value: env.PARALLAX_AGENT_DRAIN_GRACE, from: 'PARALLAX_AGENT_DRAIN_GRACE' }, 'drainGrace');
  const graceText = graceGiven === undefined ? '30s' : String(graceGiven.value);
  let drainGraceMs: number;
  try {
    drainGraceMs = graceText === '0' ? 0 : parseDuration(graceText, 'drain grace');
  } catch {
    drainGraceMs = NaN;
  }
  if (!(drainGraceMs >= 0 && drainGraceMs <= MAX_DRAIN_GRACE_MS)) {
    throw new InvalidArgumentError(`invalid ${graceGiven?.from ?? '--drain-grace'} "${graceText}": expected a duration from 0 to 1h, such as 30s or 5m`, {
      field: graceGiven?.from ?? '--drain-grace',
    });
  }

  const dirGiven = pick({ value: values['data-dir'], from: '--data-dir' }, { value: env.PARALLAX_AGENT_DATA_DIR, from: 'PARALLAX_AGENT_DATA_DIR' }, 'dataDir');
  if (dirGiven !== undefined && (typeof dirGiven.value !== 'string' || dirGiven.value.trim() === '')) {
    throw new InvalidArgumentError(`invalid ${dirGiven.from}: expected the path of a directory`, { field: dirGiven.from });
  }
  const dataDir = dirGiven === undefined ? defaultDataDir(env, user) : resolve(String(dirGiven.value));

  const limitGiven = pick({ value: values['spool-limit'], from: '--spool-limit' }, { value: env.PARALLAX_AGENT_SPOOL_LIMIT, from: 'PARALLAX_AGENT_SPOOL_LIMIT' }, 'spoolLimit');
  const limitText = limitGiven === undefined ? '1GiB' : String(limitGiven.value);
  const spoolLimitBytes = sizeArgument(limitText, limitGiven?.from ?? '--spool-limit');

  const insecure = pick({ value: values.insecure, from: '--insecure' }, { value: env.PARALLAX_AGENT_INSECURE, from: 'PARALLAX_AGENT_INSECURE' }, 'insecure');
  if (insecure === undefined || !['true', '1', 'yes'].includes(String(insecure.value).toLowerCase())) {
    throw new InvalidArgumentError('TLS is not available yet; pass --insecure to use plaintext gRPC', { field: '--insecure' });
  }
  const token = readToken(
    env.PARALLAX_AGENT_TOKEN,
    pick({ value: values['token-file'], from: '--token-file' }, { value: env.PARALLAX_AGENT_TOKEN_FILE, from: 'PARALLAX_AGENT_TOKEN_FILE' }, 'tokenFile'),
    readFile,
  );
  return {
    kind: 'run',
    settings: { coordinator: addresses.map((a) => a.trim()).join(','), name, labels, capacity, drainGraceMs, token, dataDir, spoolLimitBytes },
  };
}

/**
 * /var/lib/parallax-agent for root (as systemd's StateDirectory= makes it); otherwise the user's state directory
 * of the XDG base directory spec: $XDG_STATE_HOME (if absolute), else ~/.local/state.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, user: AgentUser): string {
  if (user.uid === 0) return '/var/lib/parallax-agent';
  const state = env.XDG_STATE_HOME;
  if (state !== undefined && isAbsolute(state)) return join(state, 'parallax-agent');
  return join(user.home, '.local', 'state', 'parallax-agent');
}

/**
 * The token: from --token-file, else PARALLAX_AGENT_TOKEN, else the file PARALLAX_AGENT_TOKEN_FILE or the config names
 * (its first line) — a flag over the environment over the config, as for every setting. One is required.
 */
function readToken(fromEnv: string | undefined, file: Given<unknown> | undefined, readFile: (path: string) => string): string {
  const envToken = fromEnv?.trim() ?? '';
  if (envToken !== '' && file?.from !== '--token-file') return envToken;
  if (file !== undefined) {
    const path = String(file.value);
    let text: string;
    try {
      text = readFile(path);
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? ` (${String(err.code)})` : '';
      throw new InvalidArgumentError(`cannot read the token file ${path} named by ${file.from}${code}`, { field: file.from });
    }
    const token = text.split('\n')[0]!.trim();
    if (token === '') throw new InvalidArgumentError(`the token file ${path} named by ${file.from} is empty`, { field: file.from });
    return token;
  }
  throw new InvalidArgumentError(
    'an API token is required: put one made with `parallax token create --name agents --role agent --cluster-wide` in a file named by --token-file (or tokenFile in the config), or in PARALLAX_AGENT_TOKEN',
    { field: '--token-file' },
  );
}

function readConfig(path: string, readFile: (path: string) => string): Record<string, unknown> {
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? ` (${String(err.code)})` : '';
    throw new InvalidArgumentError(`cannot read the config file ${path}${code}`, { field: '--config' });
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    throw new InvalidArgumentError(`the config file ${path} is not valid YAML: ${yamlErrorText(err)}`, {
      field: '--config',
    });
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new InvalidArgumentError(`the config file ${path} must be a mapping of settings (${FILE_KEYS.join(', ')})`, { field: '--config' });
  }
  const unknown = Object.keys(parsed).filter((k) => !FILE_KEYS.includes(k));
  if (unknown.length > 0) {
    const named = unknown.map((key) => {
      const meant = closest(key, FILE_KEYS);
      return meant === undefined ? key : `${key} (did you mean ${meant}?)`;
    });
    throw new InvalidArgumentError(`unknown setting ${named.join(', ')} in ${path}: the settings are ${FILE_KEYS.join(', ')}`, { field: '--config' });
  }
  return parsed as Record<string, unknown>;
}

/** Labels from --label (a list of KEY=VALUE), PARALLAX_AGENT_LABELS (KEY=VALUE,…) or the file (a mapping). */
function parseLabels(given: Given<unknown>): Record<string, string> {
  const pairs: [string, string][] = [];
  if (Array.isArray(given.value)) {
    for (const item of given.value) pairs.push(splitLabel(String(item), given.from));
  } else if (typeof given.value === 'string') {
    for (const item of given.value.split(',').filter((s) => s.trim() !== '')) pairs.push(splitLabel(item.trim(), given.from));
  } else if (typeof given.value === 'object' && given.value !== null) {
    for (const [key, value] of Object.entries(given.value)) pairs.push(checkLabel(key, value === null ? '' : String(value), given.from));
  } else {
    throw new InvalidArgumentError(`invalid ${given.from}: expected labels as KEY=VALUE pairs`, { field: given.from });
  }
  const labels: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key in labels) throw new InvalidArgumentError(`${given.from}: label ${key} is given twice; give each key once`, { field: given.from });
    labels[key] = value;
  }
  return labels;
}

function splitLabel(label: string, from: string): [string, string] {
  const eq = label.indexOf('=');
  return checkLabel(eq < 0 ? '' : label.slice(0, eq), label.slice(eq + 1), from, label);
}

function checkLabel(key: string, value: string, from: string, text = `${key}=${value}`): [string, string] {
  if (!LABEL_PATTERN.test(key) || (value !== '' && !LABEL_PATTERN.test(value))) {
    throw new InvalidArgumentError(`invalid ${from} "${text}": expected KEY=VALUE, such as zone=eu-1 (${LABEL_RULE})`, { field: from });
  }
  return [key, value];
}
