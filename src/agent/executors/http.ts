import type * as Undici from 'undici';
import type { Executor, ExecutorCallbacks, HttpSpec, RunHandle, RunOutcome, RunToStart } from './executor.js';
import { inheritedEnvironment, runEnvironment } from './run-env.js';

/** A request with no timeout of its own still ends: after this long. */
const DEFAULT_TIMEOUT_MS = 5 * 60_000;
const DEFAULT_MAX_BODY = 64 * 1024;

export interface HttpExecutorOptions {
  /** The environment `${NAME}` is read from besides the run's own, read once; default the agent's (minus PARALLAX_). */
  baseEnv?: NodeJS.ProcessEnv;
}

/**
 * Makes an HTTP request (undici), and those its redirects lead to when followRedirects: the last response's body is
 * the run's stdout (up to maxBodyBytes; what is beyond is read and dropped, and said on stderr), a line with the
 * status and time goes to stderr, and the run succeeds when the status is one of the success codes. `${NAME}` in
 * the URL, headers and body is replaced by the run's environment, so a token can come from a variable without being
 * stored in the schedule. TLS certificates are verified unless insecureTls.
 */
export class HttpExecutor implements Executor {
  private readonly inheritedEnv: Readonly<Record<string, string>>;
  private verified: Undici.Dispatcher | undefined;
  private insecure: Undici.Dispatcher | undefined;

  constructor(options: HttpExecutorOptions = {}) {
    this.inheritedEnv = inheritedEnvironment(options.baseEnv ?? process.env);
  }

  start(run: RunToStart, callbacks: ExecutorCallbacks): RunHandle {
    const http = run.spec.http!;
    const env = runEnvironment(this.inheritedEnv, run);
    const controller = new AbortController();
    let ended: RunOutcome | undefined;
    const end = (outcome: RunOutcome) => {
      ended ??= outcome;
      controller.abort();
    };
    const timeoutMs = run.spec.timeoutMs !== undefined && run.spec.timeoutMs > 0 ? run.spec.timeoutMs : DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => end({ state: 'timed_out', error: `timed out after ${seconds(timeoutMs)}` }), timeoutMs);
    const outcome = this.exchange(http, env, controller.signal, callbacks)
      .then(
        (result): RunOutcome => result,
        (err: unknown): RunOutcome => ({ state: 'failed', error: `request failed: ${reason(err)}` }),
      )
      .then((result) => {
        clearTimeout(timer);
        return ended ?? result;
      });
    return {
      pid: undefined,
      cancel: (why: string) => end({ state: 'cancelled', error: why }),
      kill: () => end({ state: 'cancelled', error: 'killed' }),
      outcome,
    };
  }

  /**
   * The connection pool for this request (TLS verified or not), made when first used. Through the proxy the agent's
   * environment names (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, in either case), as curl and most tools on the host go.
   */
  private dispatcher(undici: typeof Undici, http: HttpSpec): Undici.Dispatcher {
    const insecure = http.insecureTls === true;
    let dispatcher = insecure ? this.insecure : this.verified;
    if (dispatcher === undefined) {
      const tls = insecure ? { rejectUnauthorized: false } : undefined;
      const proxies = proxySettings(this.inheritedEnv);
      // Through a proxy, an http:// request goes to it as one (an absolute URL), not through CONNECT, which proxies
      // such as squid allow only to port 443 by default.
      const proxied = { ...proxies, proxyTunnel: false, ...(tls === undefined ? {} : { connect: tls, requestTls: tls }) };
      dispatcher = proxies === undefined ? new undici.Agent(tls === undefined ? {} : { connect: tls }) : new undici.EnvHttpProxyAgent(proxied);
      if (insecure) this.insecure = dispatcher;
      else this.verified = dispatcher;
    }
    return dispatcher;
  }

  private async exchange(http: HttpSpec, env: Record<string, string>, signal: AbortSignal, callbacks: ExecutorCallbacks): Promise<RunOutcome> {
    const url = substitute(http.url, env);
    let request: Hop = {
      url,
      method: (http.method ?? 'GET').toUpperCase(),
      headers: Object.fromEntries(Object.entries(http.headers ?? {}).map(([k, v]) => [k, substitute(v, env)])),
      body: http.body === undefined || http.body === '' ? undefined : substitute(http.body, env),
    };
    // Loaded with the first HTTP run: an agent that only runs commands never holds undici (6 MiB of its memory, whose
    // page tables every fork for a run would copy).
    const undici = await import('undici');
    const dispatcher = this.dispatcher(undici, http);
    const started = Date.now();
    callbacks.onStarted?.();
    const visited = new Set<string>();
    let response: Undici.Dispatcher.ResponseData;
    /** The last response redirects to another origin with the request's body: not followed (see redirected()). */
    let bodyElsewhere = false;
    for (let hops = 0; ; hops++) {
      visited.add(request.url);
      response = await undici.request(request.url, { method: request.method as 'GET', headers: request.headers, body: request.body, signal, dispatcher });
      const next = http.followRedirects === true && hops < MAX_REDIRECTS ? redirected(request, response) : undefined;
      bodyElsewhere = next === 'body elsewhere';
      if (next === undefined || next === 'body elsewhere') break;
      if (visited.has(next.url)) throw new Error('the redirects lead round in a loop');
      await response.body.dump();
      request = next;
    }
    const limit = http.maxBodyBytes !== undefined && http.maxBodyBytes > 0 ? http.maxBodyBytes : DEFAULT_MAX_BODY;
    let kept = 0;
    let dropped = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      const room = Math.max(0, limit - kept);
      if (room > 0) callbacks.onOutput('stdout', chunk.length <= room ? chunk : chunk.subarray(0, room));
      kept += Math.min(room, chunk.length);
      dropped += Math.max(0, chunk.length - room);
    }
    const status = response.statusCode;
    const via = request.url === url ? '' : ` (redirected to ${redact(request.url)})`;
    const line = `${(http.method ?? 'GET').toUpperCase()} ${redact(url)}${via} → ${status} (${Date.now() - started} ms)${dropped > 0 ? `; ${dropped} bytes of the body beyond ${limit} dropped` : ''}\n`;
    callbacks.onOutput('stderr', Buffer.from(line));
    const codes = http.successCodes === undefined || http.successCodes === '' ? '200-299' : http.successCodes;
    if (isSuccess(status, codes)) return { state: 'succeeded' };
    const error = `HTTP ${status} is not a success (expected ${codes})`;
    const location = status >= 300 && status < 400 ? response.headers.location : undefined;
    if (typeof location !== 'string' || location === '') return { state: 'failed', error };
    const to = URL.canParse(location, request.url) ? redact(new URL(location, request.url).href) : 'a location that is not a valid URL';
    if (bodyElsewhere) {
      return { state: 'failed', error: `${error}: it redirects to ${to}, another origin, and would take the request's body there: the body is only sent on within an origin (it may carry a secret); give that URL` };
    }
    if (http.followRedirects === true) return { state: 'failed', error: `${error}: it still redirects (to ${to}), after ${MAX_REDIRECTS} redirects` };
    // Not followed unless asked, as curl does not without -L: a redirect of a POST would not say what became of its body.
    return { state: 'failed', error: `${error}: it redirects to ${to}, and redirects are not followed: give that URL, pass --follow-redirects, or count ${status} a success (--success)` };
  }
}

/** One request of a run: the first, or one a redirect led to. */
interface Hop {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * The request a redirect leads to, or undefined when the response is not one to follow. As browsers do, 303 (and 301
 * or 302 after a POST) goes on as a GET without the body. Stricter than curl -L: none of the run's headers is sent
 * on to another origin, since any of them may carry a secret (Authorization, an API key header, a cookie), and
 * neither is a body (a 307 or 308 keeps the method and body): that redirect is not followed ('body elsewhere').
 */
function redirected(request: Hop, response: Undici.Dispatcher.ResponseData): Hop | 'body elsewhere' | undefined {
  const { statusCode: status } = response;
  const location = response.headers.location;
  if (![301, 302, 303, 307, 308].includes(status) || typeof location !== 'string' || !URL.canParse(location, request.url)) return undefined;
  const next = new URL(location, request.url);
  if (next.protocol !== 'http:' && next.protocol !== 'https:') return undefined;
  const asGet = status === 303 || ((status === 301 || status === 302) && request.method === 'POST');
  const sameOrigin = next.origin === new URL(request.url).origin;
  if (!sameOrigin && !asGet && request.body !== undefined) return 'body elsewhere';
  const kept = Object.entries(sameOrigin ? request.headers : {}).filter(([name]) => !(asGet && /^content-/i.test(name)));
  const headers = Object.fromEntries(kept);
  return { url: next.href, method: asGet && request.method !== 'HEAD' ? 'GET' : request.method, headers, body: asGet ? undefined : request.body };
}

/**
 * The proxies of the agent's environment (http_proxy, https_proxy, no_proxy, lower case first), all three given
 * (empty for none) so that undici never reads process.env itself; undefined when it names no proxy. As undici does,
 * an https:// URL goes through HTTP_PROXY when HTTPS_PROXY is not set.
 */
export function proxySettings(env: Readonly<Record<string, string>>): { httpProxy: string; httpsProxy: string; noProxy: string } | undefined {
  const read = (name: string) => env[name] || env[name.toUpperCase()] || '';
  const settings = { httpProxy: read('http_proxy'), httpsProxy: read('https_proxy'), noProxy: read('no_proxy') };
  return settings.httpProxy === '' && settings.httpsProxy === '' ? undefined : settings;
}

/** How many redirects --follow-redirects follows, as many as browsers would think reasonable for a webhook. */
const MAX_REDIRECTS = 5;

/** `${NAME}` replaced by the environment's value (an unknown name by nothing). */
export function substitute(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => env[name] ?? '');
}

/** True when `status` is in the list of codes and ranges, such as "200-299,304". */
export function isSuccess(status: number, codes: string): boolean {
  return codes.split(',').some((part) => {
    const [lo, hi] = part.trim().split('-').map(Number);
    return hi === undefined ? status === lo : status >= lo! && status <= hi;
  });
}

/** A URL for the log line, without its user information or query (which may hold a secret). */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}${parsed.search === '' ? '' : '?…'}`;
  } catch {
    return '(invalid URL)';
  }
}

/** OpenSSL's errors come as "<hex>:error:<hex>:SSL routines:<function>:<reason>:<source file>:<line>:". */
interface OpenSslError extends Error {
  library?: string;
  reason?: string;
  code?: string;
}

function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const tls = err as OpenSslError;
  if (typeof tls.library === 'string' && typeof tls.reason === 'string') {
    // Their message is OpenSSL's own line, with its source file in it: say what it means instead.
    const hint = tls.code === 'ERR_SSL_WRONG_VERSION_NUMBER' ? '; the server does not speak TLS on that port (is the URL http://?)' : '';
    return `TLS error: ${tls.reason}${hint} (${tls.code ?? tls.library})`;
  }
  const cause = (err as Error & { cause?: unknown }).cause;
  const code = (err as Error & { code?: string }).code ?? (cause instanceof Error ? (cause as Error & { code?: string }).code : undefined);
  const told = code !== undefined && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  return code !== undefined && UNKNOWN_ISSUER.has(code) ? `${told}: ${UNKNOWN_ISSUER_HINT}` : told;
}

/** Certificate checks that fail because the agent does not know who issued the server's certificate. */
const UNKNOWN_ISSUER = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);
const UNKNOWN_ISSUER_HINT =
  "the agent does not trust the certificate's issuer: for a private CA, name its certificate in the agent's NODE_EXTRA_CA_CERTS (or skip the check with --insecure-tls)";

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms} ms`;
}
