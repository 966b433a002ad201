import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, json, singleNode, startAgent, waitFor } from '../helpers/procs.js';
import type { RunJson as Run } from '../../src/cli/lib/wire-json.js';

const server = createServer();
afterEach(() => {
  server.closeAllConnections();
  server.close();
});

describe('HTTP runs', () => {
  it('makes the request from the agent with a token from a variable, stores the response, masks the token', async () => {
    const requests: { url?: string; auth?: string; body: string }[] = [];
    server.on('request', (req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        requests.push({ url: req.url, auth: req.headers.authorization, body });
        if (req.url === '/down') res.writeHead(503).end('maintenance');
        else if (req.url === '/old') res.writeHead(301, { location: '/new' }).end();
        else res.writeHead(200).end(`hello ${req.headers.authorization ?? ''}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const { port, env } = await singleNode();
    startAgent(port, 'agent-1');
    expect((await cli(['var', 'put', 'ci/token', 'tok-9d2e41'], env)).code).toBe(0);

    const created = await cli(
      ['schedule', 'create', 'hook', '--every', '1h', '--http', `${target}/build`, '--method', 'post', '--header', 'Authorization: Bearer ${TOKEN}',
        '--body', '{"from":"parallax"}', '--env-from-var', 'TOKEN=ci/token', '--json'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(json<{ http: unknown; shell: unknown }>(created)).toMatchObject({
      shell: null,
      http: { method: 'POST', url: `${target}/build`, headers: { Authorization: 'Bearer ${TOKEN}' }, successCodes: '200-299' },
    });
    const id = (await cli(['schedule', 'trigger', 'hook'], env)).stdout.trim();
    await waitFor('the request to succeed', async () => json<Run>(await cli(['run', 'get', id, '--json'], env)).state === 'succeeded');
    expect(requests).toEqual([{ url: '/build', auth: 'Bearer tok-9d2e41', body: '{"from":"parallax"}' }]);
    const logs = await cli(['run', 'logs', id], env);
    expect(logs.stdout).toBe('hello Bearer ***');
    expect(logs.stderr).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/build → 200/);
    expect((await cli(['schedule', 'get', 'hook'], env)).stdout).toMatch(/Request\s+POST http:\/\/127\.0\.0\.1:\d+\/build/);

    const shown = (await cli(['schedule', 'get', 'hook'], env)).stdout;
    expect(shown).toMatch(/Redirects\s+not followed/);

    // Redirects are followed when asked.
    expect((await cli(['schedule', 'update', 'hook', '--http', `${target}/old`, '--follow-redirects'], env)).code).toBe(0);
    expect((await cli(['schedule', 'get', 'hook'], env)).stdout).toMatch(/Redirects\s+followed \(up to 5\)/);
    const moved = (await cli(['schedule', 'trigger', 'hook'], env)).stdout.trim();
    await waitFor('the redirected request to succeed', async () => json<Run>(await cli(['run', 'get', moved, '--json'], env)).state === 'succeeded');
    expect((await cli(['run', 'logs', moved], env)).stdout).toBe('hello ');

    // A status that is not a success fails the run, with the reason.
    expect((await cli(['schedule', 'update', 'hook', '--http', `${target}/down`], env)).code).toBe(0);
    const down = (await cli(['schedule', 'trigger', 'hook'], env)).stdout.trim();
    const failed = await waitFor('the failed request', async () => {
      const run = json<Run>(await cli(['run', 'get', down, '--json'], env));
      return run.state === 'failed' ? run : undefined;
    });
    expect(failed.error).toBe('HTTP 503 is not a success (expected 200-299)');

    // Bad flags name the flag and create nothing.
    const bad: [string[], RegExp][] = [
      [['--http', 'ftp://x/'], /invalid --http "ftp:\/\/x\/": only http:\/\/ and https:\/\/ URLs are accepted/],
      [['--http', `${target}/`, '--method', 'FETCH'], /invalid --method "FETCH": expected one of GET, HEAD, POST/],
      [['--http', `${target}/`, '--success', '2xx'], /invalid --success "2xx"/],
      [['--http', `${target}/`, '--max-body', 'lots'], /invalid --max-body "lots": expected a size such as 1GiB, 500MB or 1048576 \(bytes\)/],
      [['--http', `${target}/`, '--shell', 'true'], /pass one of --shell, --http and a program after --/],
      [['--shell', 'true', '--method', 'POST'], /--method goes with --http URL/],
      [['--http', `${target}/`, '--cwd', '/tmp'], /--cwd is for commands run on the agent \(--shell or a program\), not --http/],
      [['--http', `${target}/`, '--user', 'bob'], /--user is for commands run on the agent \(--shell or a program\), not --http/],
    ];
    for (const [flags, message] of bad) {
      const result = await cli(['schedule', 'create', 'bad', '--every', '1h', ...flags], env);
      expect(result.code, flags.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(json<{ name: string }[]>(await cli(['schedule', 'list', '--json'], env)).map((s) => s.name)).toEqual(['hook']);
  });
});
