import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpSpec, RunOutcome } from '../../src/agent/executors/executor.js';
import { HttpExecutor, isSuccess } from '../../src/agent/executors/http.js';

// The http executor against real local servers (127.0.0.1): what it sends, what it keeps, how each run ends.

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

async function serve(handler: Handler, tls = false): Promise<string> {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => handler(req, res, body));
  };
  const fixtures = join(import.meta.dirname, '../fixtures/tls');
  const server = tls ? createTlsServer({ cert: readFileSync(join(fixtures, 'cert.pem')), key: readFileSync(join(fixtures, 'key.pem')) }, listener) : createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function run(http: HttpSpec, options: { env?: Record<string, string>; timeoutMs?: number; cancelAfterMs?: number; agentEnv?: NodeJS.ProcessEnv } = {}) {
  const out = { stdout: '', stderr: '' };
  const handle = new HttpExecutor({ baseEnv: options.agentEnv ?? {} }).start(
    { runId: 'r1', attempt: 1, schedule: 's', spec: { http, env: options.env ?? {}, timeoutMs: options.timeoutMs ?? 0 } },
    { onOutput: (stream, data) => (out[stream] += data.toString()) },
  );
  if (options.cancelAfterMs !== undefined) setTimeout(() => handle.cancel('cancelled by alice'), options.cancelAfterMs);
  const outcome: RunOutcome = await handle.outcome;
  return { outcome, ...out };
}

describe('http executor', () => {
  it('sends the method, headers and body with ${NAME} filled in, keeps the body as output and succeeds on 2xx', async () => {
    let seen: { method?: string; url?: string; auth?: string; body?: string } = {};
    const base = await serve((req, res, body) => {
      seen = { method: req.method, url: req.url, auth: req.headers.authorization, body };
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const result = await run(
      { method: 'POST', url: `${base}/hooks/\${ENV_NAME}`, headers: { Authorization: 'Bearer ${TOKEN}' }, body: '{"run":"${PARALLAX_RUN_ID}"}' },
      { env: { TOKEN: 'tok-123', ENV_NAME: 'prod' } },
    );
    expect(result.outcome).toEqual({ state: 'succeeded' });
    expect(seen).toEqual({ method: 'POST', url: '/hooks/prod', auth: 'Bearer tok-123', body: '{"run":"r1"}' });
    expect(result.stdout).toBe('{"ok":true}');
    expect(result.stderr).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/hooks\/prod → 201 \(\d+ ms\)\n$/);
  });

  it('fails on a status outside the success codes, and succeeds on one listed', async () => {
    const base = await serve((_req, res) => res.writeHead(503).end('down'));
    expect((await run({ url: base })).outcome).toEqual({ state: 'failed', error: 'HTTP 503 is not a success (expected 200-299)' });
    expect((await run({ url: base, successCodes: '200,500-503' })).outcome).toEqual({ state: 'succeeded' });
    expect([isSuccess(304, '200-299,304'), isSuccess(305, '200-299,304'), isSuccess(200, '200')]).toEqual([true, false, true]);
  });

  it('does not follow a redirect, and says where it leads', async () => {
    const base = await serve((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: '/new?token=abc' }).end();
      else res.writeHead(200).end('moved here');
    });
    const result = await run({ url: `${base}/old` });
    expect(result.outcome).toEqual({
      state: 'failed',
      error: `HTTP 301 is not a success (expected 200-299): it redirects to ${base}/new?…, and redirects are not followed: give that URL, pass --follow-redirects, or count 301 a success (--success)`,
    });
    expect(result.stderr).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/old → 301 \(\d+ ms\)\n$/);
    expect((await run({ url: `${base}/old`, successCodes: '200-299,301' })).outcome).toEqual({ state: 'succeeded' });
  });

  it('follows redirects when told to, sends none of its headers to another origin, and gives up after 5', async () => {
    const seen: { method?: string; auth?: string; custom?: string; body: string }[] = [];
    const other = await serve((req, res, body) => {
      seen.push({ method: req.method, auth: req.headers.authorization, custom: req.headers['x-api-key'] as string | undefined, body });
      res.writeHead(200).end('landed');
    });
    const base = await serve((req, res, body) => {
      if (req.url === '/here') res.writeHead(302, { location: '/there' }).end();
      else if (req.url === '/there') res.writeHead(200).end(`there ${req.method} ${req.headers.authorization ?? ''} ${body}`);
      else if (req.url === '/keep') res.writeHead(307, { location: '/there' }).end();
      else if (req.url === '/away') res.writeHead(308, { location: `${other}/in` }).end();
      else if (req.url?.startsWith('/hop')) res.writeHead(302, { location: `/hop${Number(req.url.slice(4)) + 1}` }).end();
      else res.writeHead(302, { location: '/loop' }).end();
    });
    const headers = { Authorization: 'Bearer s3cret', 'X-Api-Key': 'k3y' };
    // Same origin: the headers go on; a POST that meets a 302 goes on as a GET without its body, one that meets a
    // 307 as a POST with it.
    const same = await run({ method: 'POST', url: `${base}/here`, headers, body: 'payload', followRedirects: true });
    expect(same).toMatchObject({ outcome: { state: 'succeeded' }, stdout: 'there GET Bearer s3cret ' });
    expect(same.stderr).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/here \(redirected to http:\/\/127\.0\.0\.1:\d+\/there\) → 200 \(\d+ ms\)\n$/);
    const kept = await run({ method: 'POST', url: `${base}/keep`, headers, body: 'payload', followRedirects: true });
    expect(kept.stdout).toBe('there POST Bearer s3cret payload');
    // Another origin: none of the run's headers, whatever they are called, and no body: a 307/308 that would take
    // one there is not followed.
    const away = await run({ method: 'PUT', url: `${base}/away`, headers, followRedirects: true });
    expect(away).toMatchObject({ outcome: { state: 'succeeded' }, stdout: 'landed' });
    const withBody = await run({ method: 'POST', url: `${base}/away`, headers, body: 'payload', followRedirects: true });
    expect(withBody.outcome).toEqual({
      state: 'failed',
      error: `HTTP 308 is not a success (expected 200-299): it redirects to ${other}/in, another origin, and would take the request's body there: the body is only sent on within an origin (it may carry a secret); give that URL`,
    });
    expect(seen).toEqual([{ method: 'PUT', auth: undefined, custom: undefined, body: '' }]);
    const far = await run({ url: `${base}/hop1`, followRedirects: true });
    expect(far.outcome).toEqual({ state: 'failed', error: `HTTP 302 is not a success (expected 200-299): it still redirects (to ${base}/hop7), after 5 redirects` });
    const loop = await run({ url: `${base}/loop`, followRedirects: true });
    expect(loop.outcome).toEqual({ state: 'failed', error: 'request failed: the redirects lead round in a loop' });
  });

  it("goes through the proxy the agent's environment names, over CONNECT for https, except for NO_PROXY hosts", async () => {
    const through: string[] = [];
    // A forward proxy: absolute-form requests for http://, CONNECT tunnels for https://.
    const proxy = createServer((req, res) => {
      through.push(`${req.method} ${req.url}`);
      const upstream = request(req.url!, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
      through.push(`CONNECT ${req.url}`);
      const [host, port] = req.url!.split(':');
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    servers.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const plain = await serve((_req, res) => res.writeHead(200).end('plain'));
    const secure = await serve((_req, res) => res.writeHead(200).end('secure'), true);

    const viaProxy = { HTTP_PROXY: proxyUrl, https_proxy: proxyUrl };
    expect(await run({ url: `${plain}/a` }, { agentEnv: viaProxy })).toMatchObject({ outcome: { state: 'succeeded' }, stdout: 'plain' });
    expect(await run({ url: `${secure}/b`, insecureTls: true }, { agentEnv: viaProxy })).toMatchObject({ outcome: { state: 'succeeded' }, stdout: 'secure' });
    expect(through).toEqual([`GET ${plain}/a`, `CONNECT ${new URL(secure).host}`]);
    // NO_PROXY: straight to the server.
    expect(await run({ url: `${plain}/c` }, { agentEnv: { ...viaProxy, NO_PROXY: '127.0.0.1' } })).toMatchObject({ outcome: { state: 'succeeded' } });
    expect(through).toHaveLength(2);
  });

  it('keeps at most maxBodyBytes of the response and says how much it dropped', async () => {
    const base = await serve((_req, res) => res.writeHead(200).end('x'.repeat(200_000)));
    const result = await run({ url: base, maxBodyBytes: 1_000 });
    expect(result.outcome.state).toBe('succeeded');
    expect(result.stdout).toBe('x'.repeat(1_000));
    expect(result.stderr).toMatch(/199000 bytes of the body beyond 1000 dropped/);
  });

  it('times out a server that does not answer, and cancels a request in flight', async () => {
    const base = await serve(() => undefined);
    const timedOut = await run({ url: base }, { timeoutMs: 300 });
    expect(timedOut.outcome).toEqual({ state: 'timed_out', error: 'timed out after 300 ms' });
    const cancelled = await run({ url: base }, { cancelAfterMs: 100 });
    expect(cancelled.outcome).toEqual({ state: 'cancelled', error: 'cancelled by alice' });
  });

  it('fails with the reason when nothing listens', async () => {
    const base = await serve(() => undefined);
    const port = new URL(base).port;
    await afterEachClose();
    const result = await run({ url: `http://127.0.0.1:${port}/` });
    expect(result.outcome.state).toBe('failed');
    expect(result.outcome.error).toMatch(/^request failed: .*ECONNREFUSED/);
  });

  it('says plainly that an https:// URL reached a server that does not speak TLS', async () => {
    const base = await serve((_req, res) => res.writeHead(200).end('plain'));
    const result = await run({ url: base.replace('http://', 'https://') });
    expect(result.outcome).toEqual({
      state: 'failed',
      error: 'request failed: TLS error: wrong version number; the server does not speak TLS on that port (is the URL http://?) (ERR_SSL_WRONG_VERSION_NUMBER)',
    });
  });

  it('verifies TLS certificates unless told not to', async () => {
    const base = await serve((_req, res) => res.writeHead(200).end('secure'), true);
    const refused = await run({ url: base });
    expect(refused.outcome.state).toBe('failed');
    expect(refused.outcome.error).toMatch(/self[- ]signed certificate/i);
    expect(refused.outcome.error).toMatch(/: the agent does not trust the certificate's issuer: for a private CA, name its certificate in the agent's NODE_EXTRA_CA_CERTS \(or skip the check with --insecure-tls\)$/);
    const accepted = await run({ url: base, insecureTls: true });
    expect(accepted).toMatchObject({ outcome: { state: 'succeeded' }, stdout: 'secure' });
  });
});

async function afterEachClose(): Promise<void> {
  for (const server of servers.splice(0)) await new Promise((r) => server.close(r));
}
