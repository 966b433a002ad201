import { describe, expect, it } from 'vitest';
import { parseAgentArgs } from '../../src/agent/args.js';
import { InvalidArgumentError } from '../../src/common/errors.js';

const files = new Map<string, string>();
const readFile = (path: string) => {
  const text = files.get(path);
  if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  return text;
};
const user = { uid: 1000, home: '/home/alice' };
const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseAgentArgs(argv, { PARALLAX_AGENT_TOKEN: 'plx_env', ...env }, 'host-1', readFile, user);
const defaults = { dataDir: '/home/alice/.local/state/parallax-agent', spoolLimitBytes: 2 ** 30 };

function problem(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parse(argv, env);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return (err as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseAgentArgs', () => {
  it('reads every flag', () => {
    expect(
      parse([
        ...['--coordinator', '10.0.0.1:7070', '--name', 'a1', '--label', 'zone=eu-1', '--label', 'gpu=', '--capacity', '8', '--drain-grace', '2m'],
        ...['--data-dir', '/srv/agent', '--spool-limit', '256MiB', '--insecure'],
      ]),
    ).toEqual({
      kind: 'run',
      settings: {
        coordinator: '10.0.0.1:7070',
        name: 'a1',
        labels: { zone: 'eu-1', gpu: '' },
        capacity: 8,
        drainGraceMs: 120_000,
        token: 'plx_env',
        dataDir: '/srv/agent',
        spoolLimitBytes: 256 * 2 ** 20,
      },
    });
  });

  it('defaults the name to the host name, the capacity to 4 and takes the coordinator from the environment', () => {
    expect(parse(['--insecure'], { PARALLAX_AGENT_COORDINATOR: '[::1]:7070' })).toEqual({
      kind: 'run',
      settings: { coordinator: '[::1]:7070', name: 'host-1', labels: {}, capacity: 4, drainGraceMs: 30_000, token: 'plx_env', ...defaults },
    });
  });

  it('defaults the data directory to /var/lib/parallax-agent for root, else to the XDG state directory', () => {
    const dataDir = (env: NodeJS.ProcessEnv, who: { uid: number; home: string }) => {
      const command = parseAgentArgs(['--coordinator', 'c:1', '--insecure'], { PARALLAX_AGENT_TOKEN: 'plx_env', ...env }, 'host-1', readFile, who);
      return command.kind === 'run' ? command.settings.dataDir : undefined;
    };
    expect(dataDir({ XDG_STATE_HOME: '/home/alice/state' }, { uid: 0, home: '/root' })).toBe('/var/lib/parallax-agent');
    expect(dataDir({ XDG_STATE_HOME: '/home/alice/state' }, user)).toBe('/home/alice/state/parallax-agent');
    // The XDG spec says to ignore a relative path.
    expect(dataDir({ XDG_STATE_HOME: 'state' }, user)).toBe('/home/alice/.local/state/parallax-agent');
    expect(dataDir({}, user)).toBe('/home/alice/.local/state/parallax-agent');
    expect(dataDir({ PARALLAX_AGENT_DATA_DIR: '/data/agent' }, { uid: 0, home: '/root' })).toBe('/data/agent');
    expect(dataDir({ PARALLAX_AGENT_DATA_DIR: 'relative/dir' }, user)).toBe(`${process.cwd()}/relative/dir`);
  });

  it('takes the token from --token-file over PARALLAX_AGENT_TOKEN over the file the config names, and needs one', () => {
    files.set('/t/flag', 'plx_from_flag_file\n');
    files.set('/t/config', 'plx_from_config_file\n');
    files.set('/t/agent.yaml', 'tokenFile: /t/config\n');
    const token = (argv: string[], env: NodeJS.ProcessEnv) => {
      const command = parseAgentArgs(['--coordinator', 'c:1', '--insecure', ...argv], env, 'host-1', readFile);
      return command.kind === 'run' ? command.settings.token : undefined;
    };
    expect(token(['--token-file', '/t/flag', '--config', '/t/agent.yaml'], { PARALLAX_AGENT_TOKEN: 'plx_env' })).toBe('plx_from_flag_file');
    expect(token(['--config', '/t/agent.yaml'], { PARALLAX_AGENT_TOKEN: 'plx_env' })).toBe('plx_env');
    expect(token(['--config', '/t/agent.yaml'], {})).toBe('plx_from_config_file');
    expect(() => token([], {})).toThrow('an API token is required');
    expect(() => token(['--token-file', '/t/missing'], {})).toThrow('cannot read the token file /t/missing named by --token-file (ENOENT)');
  });

  it('answers --help before checking anything else', () => {
    expect(parse(['--help'])).toEqual({ kind: 'help' });
    expect(parse(['--version'])).toEqual({ kind: 'version' });
  });

  it('refuses to run without --insecure while TLS does not exist', () => {
    expect(problem(['--coordinator', 'c:1'])).toBe('TLS is not available yet; pass --insecure to use plaintext gRPC');
  });

  it('takes the host name in lower case as the name, or its first label when the whole is too long for a name', () => {
    const nameOf = (host: string) => parseAgentArgs(['--coordinator', 'c:1', '--insecure'], { PARALLAX_AGENT_TOKEN: 't' }, host, readFile, user);
    expect(nameOf('Web-01.Example.COM')).toMatchObject({ settings: { name: 'web-01.example.com' } });
    expect(nameOf(`db-7.${'x'.repeat(60)}.example.com`)).toMatchObject({ settings: { name: 'db-7' } });
    expect(() => nameOf('_build_')).toThrow('the host name "_build_" is not an agent name, so give one with --name: an agent name is 1 to 63 lower-case');
  });

  it.each([
    [['--insecure'], '--coordinator is required'],
    [['--coordinator', 'nohost', '--insecure'], 'invalid --coordinator "nohost": expected HOST:PORT'],
    [['--coordinator', 'c:1', '--capacity', '0', '--insecure'], 'invalid --capacity "0": expected a whole number of runs, 1 or more'],
    [['--coordinator', 'c:1', '--capacity', '2.5', '--insecure'], 'invalid --capacity "2.5"'],
    [['--coordinator', 'c:1', '--label', 'novalue', '--insecure'], 'invalid --label "novalue": expected KEY=VALUE'],
    [['--coordinator', 'c:1', '--label', 'a=1', '--label', 'a=2', '--insecure'], '--label: label a is given twice'],
    [['--coordinator', 'c:1', '--name', '', '--insecure'], 'invalid --name ""'],
    // What the coordinators accept, so an agent they would refuse does not start.
    [['--coordinator', 'c:1', '--name', 'Web_1', '--insecure'], 'invalid --name "Web_1": an agent name is 1 to 63 lower-case letters, digits'],
    [['--coordinator', 'c:1', '--label', 'zone=eu west', '--insecure'], 'invalid --label "zone=eu west": expected KEY=VALUE, such as zone=eu-1 (keys and values are 1 to 63 letters'],
    [['--bogus'], 'unknown flag --bogus: accepted flags are --config, --coordinator, --name, --label, --capacity, --drain-grace, --data-dir, --spool-limit, --token-file, --insecure, --version, --help'],
    [['--capacty', '4'], 'unknown flag --capacty (did you mean --capacity?): accepted flags are --config,'],
    [['--coordinator', 'c:1', '--spool-limit', 'lots', '--insecure'], 'invalid --spool-limit "lots": expected a size such as 1GiB, 500MB or 1048576 (bytes)'],
    [['--coordinator', 'c:1', '--spool-limit', '0', '--insecure'], 'invalid --spool-limit "0"'],
    [['--coordinator', 'c:1', '--data-dir', '', '--insecure'], 'invalid --data-dir: expected the path of a directory'],
    [['--data-dir'], '--data-dir needs a value, as in --data-dir DIR'],
    [['--capacity'], '--capacity needs a value, as in --capacity N'],
    [['--capacity', '-3'], '--capacity needs a value, as in --capacity N (a value that begins with "-" is given as --capacity=VALUE)'],
    [['--coordinator', 'c:1', '--drain-grace', 'soon', '--insecure'], 'invalid --drain-grace "soon": expected a duration from 0 to 1h'],
    [['--coordinator', 'c:1', '--drain-grace', '2h', '--insecure'], 'invalid --drain-grace "2h"'],
    [['--insecure=yes'], '--insecure takes no value'],
    [['stray'], 'unexpected argument "stray"'],
  ])('%j → %s', (argv, message) => {
    expect(problem(argv)).toContain(message);
  });
});

describe('parseAgentArgs with a config file and the environment', () => {
  files.set('/etc/parallax/agent.yaml', [
    'coordinators: [10.0.0.1:7070, 10.0.0.2:7070]',
    'name: web-1',
    'labels: {role: web, zone: a}',
    'capacity: 8',
    'drainGrace: 1m',
    'dataDir: /var/lib/agent-data',
    'spoolLimit: 100MB',
    'insecure: true',
  ].join('\n'));

  it('reads every setting from the file', () => {
    expect(parse(['--config', '/etc/parallax/agent.yaml'])).toEqual({
      kind: 'run',
      settings: {
        coordinator: '10.0.0.1:7070,10.0.0.2:7070',
        name: 'web-1',
        labels: { role: 'web', zone: 'a' },
        capacity: 8,
        drainGraceMs: 60_000,
        token: 'plx_env',
        dataDir: '/var/lib/agent-data',
        spoolLimitBytes: 100_000_000,
      },
    });
  });

  it('lets the environment override the file, and flags override both', () => {
    const env = { PARALLAX_AGENT_CONFIG: '/etc/parallax/agent.yaml', PARALLAX_AGENT_CAPACITY: '2', PARALLAX_AGENT_LABELS: 'role=db,gpu=' };
    expect(parse([], env)).toMatchObject({ settings: { capacity: 2, labels: { role: 'db', gpu: '' }, name: 'web-1' } });
    expect(parse(['--capacity', '16', '--label', 'x=y'], env)).toMatchObject({ settings: { capacity: 16, labels: { x: 'y' } } });
    const dirs = { ...env, PARALLAX_AGENT_DATA_DIR: '/env/dir', PARALLAX_AGENT_SPOOL_LIMIT: '1MiB' };
    expect(parse([], dirs)).toMatchObject({ settings: { dataDir: '/env/dir', spoolLimitBytes: 2 ** 20 } });
    expect(parse(['--data-dir', '/flag/dir', '--spool-limit', '2MiB'], dirs)).toMatchObject({ settings: { dataDir: '/flag/dir', spoolLimitBytes: 2 ** 21 } });
  });

  it.each([
    [{ '/a.yaml': 'capacity: lots\ninsecure: true\ncoordinators: c:1' }, 'invalid capacity in /a.yaml "lots": expected a whole number of runs'],
    [{ '/a.yaml': 'capacty: 4' }, 'unknown setting capacty (did you mean capacity?) in /a.yaml: the settings are coordinators, name, labels, capacity, drainGrace, dataDir, spoolLimit, insecure'],
    [{ '/a.yaml': 'coordinators: [nohost]\ninsecure: true' }, 'invalid coordinators in /a.yaml "nohost": expected HOST:PORT'],
    [{ '/a.yaml': 'name: [unclosed' }, 'the config file /a.yaml is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 16'],
    [{ '/a.yaml': '- a\n- b' }, 'the config file /a.yaml must be a mapping of settings'],
    [{}, 'cannot read the config file /a.yaml (ENOENT)'],
  ])('%j → %s', (given, message) => {
    files.delete('/a.yaml');
    for (const [path, text] of Object.entries(given)) files.set(path, text);
    expect(problem(['--config', '/a.yaml'])).toContain(message);
    // One line that ends as a sentence: not the colon that introduced the yaml library's quote of the file.
    expect(problem(['--config', '/a.yaml'])).not.toMatch(/:\s*$|\n/);
  });

  it('names the environment variable a bad value came from', () => {
    expect(problem(['--insecure', '--coordinator', 'c:1'], { PARALLAX_AGENT_CAPACITY: '0' })).toContain('invalid PARALLAX_AGENT_CAPACITY "0"');
  });
});
