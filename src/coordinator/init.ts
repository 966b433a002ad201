import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FailedPreconditionError, InvalidArgumentError } from '../common/errors.js';
import { hashApiToken, isApiToken, newApiToken } from './auth/tokens.js';
import { Store } from './storage/db.js';
import { BOOTSTRAP_PENDING_KEY, BOOTSTRAPPED_KEY } from './storage/keys.js';
import { describeParseError } from '../common/flag-errors.js';

export const INIT_USAGE = `Usage: parallax-coordinator init --data-dir DIR [--token-file FILE]

Makes the first administrator of a new cluster: prints an API token of the admin role, once. Only its hash is
kept. Run it on one coordinator's data directory before that coordinator starts (or while it is stopped); the
token becomes valid as soon as the cluster has a leader. Use it to log in (\`parallax login --with-token\`),
create users, tenants and tokens, then revoke it (\`parallax token revoke bootstrap --cluster-wide\`).

  --data-dir DIR      the coordinator's data directory (env PARALLAX_DATA_DIR)
  --token-file FILE   use the token in FILE (made by you, such as by a provisioning tool) instead of a new one
                      printed here; it must look like the ones Parallax makes: plx_ and 43 base64url characters
`;

const INIT_OPTIONS = { 'data-dir': { type: 'string' }, 'token-file': { type: 'string' }, help: { type: 'boolean', default: false } } as const;

/**
 * `parallax-coordinator init`. The token goes to stdout alone (so `TOKEN=$(parallax-coordinator init …)` works);
 * what to do with it goes to stderr.
 */
export async function runInit(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: INIT_OPTIONS, strict: true }));
  } catch (err) {
    const described = describeParseError(err, 'parallax-coordinator init', INIT_OPTIONS, { 'data-dir': 'DIR', 'token-file': 'FILE' });
    throw new InvalidArgumentError(`${described}; see parallax-coordinator init --help`);
  }
  if (values.help) {
    process.stdout.write(INIT_USAGE);
    return;
  }
  const dataDir = values['data-dir'] ?? env.PARALLAX_DATA_DIR;
  if (dataDir === undefined || dataDir === '') throw new InvalidArgumentError(`--data-dir is required\n\n${INIT_USAGE}`, { field: 'data-dir' });
  const given = values['token-file'] === undefined ? undefined : readToken(values['token-file']);
  const store = await Store.open(resolve(dataDir));
  try {
    if ((await store.get(BOOTSTRAPPED_KEY)) !== undefined) {
      throw new FailedPreconditionError('this cluster already has an administrator: make more tokens with `parallax token create`, or grant roles with `parallax user grant`');
    }
    if ((await store.get(BOOTSTRAP_PENDING_KEY)) !== undefined) {
      throw new FailedPreconditionError(
        `init already ran on ${dataDir}; its token is valid once the coordinator starts. It is never printed again: if it is lost, stop the coordinator, delete ${dataDir} (a cluster that never started holds nothing) and run init again`,
      );
    }
    const { token, hash } = given === undefined ? newApiToken() : { token: given, hash: hashApiToken(given) };
    await store.write([{ type: 'put', key: BOOTSTRAP_PENDING_KEY, value: Buffer.from(hash) }], true);
    if (given === undefined) process.stdout.write(`${token}\n`);
    process.stderr.write(
      (given === undefined ? 'This is the administrator token of the cluster, shown this once; keep it secret.\n' : 'The token in the file is the administrator token of the cluster.\n') +
        'It becomes valid when the coordinator starts and the cluster has a leader. Then:\n' +
        '  parallax login --with-token < FILE-WITH-THE-TOKEN\n',
    );
  } finally {
    await store.close();
  }
}

function readToken(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? ` (${String(err.code)})` : '';
    throw new InvalidArgumentError(`cannot read --token-file ${path}${code}`, { field: 'token-file' });
  }
  const token = text.split('\n')[0]!.trim();
  if (!isApiToken(token)) throw new InvalidArgumentError(`--token-file ${path} does not hold a token of the form plx_ and 43 base64url characters`, { field: 'token-file' });
  return token;
}
