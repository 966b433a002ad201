/**
 * Just enough of a browser to click through an IdP's HTML pages: cookies (by path), redirects, and forms read from the
 * page as served. No JavaScript, so a page that submits itself by script is submitted by `submit` like any form.
 */
export interface Page {
  url: string;
  status: number;
  html: string;
}

export interface Form {
  action: string;
  fields: Record<string, string>;
}

const MAX_REDIRECTS = 10;
const REQUEST_TIMEOUT_MS = 10_000;

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]!.toLowerCase()] = decodeEntities(m[2]!);
  return out;
}

/** The form with this id (or the only form, without one), with the values its inputs carry. */
export function findForm(page: Page, id?: string): Form {
  const forms = [...page.html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map((m) => ({ attrs: attributes(m[1]!), body: m[2]! }));
  const form = id === undefined ? (forms.length === 1 ? forms[0] : undefined) : forms.find((f) => f.attrs.id === id);
  if (form === undefined) {
    throw new Error(`no form ${id ?? ''} on ${page.url} (HTTP ${page.status}): ${page.html.replace(/\s+/g, ' ').slice(0, 600)}`);
  }
  const fields: Record<string, string> = {};
  for (const input of form.body.matchAll(/<input\b([^>]*)>/gi)) {
    const a = attributes(input[1]!);
    if (a.name !== undefined) fields[a.name] = a.value ?? '';
  }
  return { action: new URL(form.attrs.action ?? page.url, page.url).href, fields };
}

export function hasForm(page: Page, id: string): boolean {
  return new RegExp(`<form\\b[^>]*id="${id.replace(/\./g, '\\.')}"`).test(page.html);
}

export class Browser {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  get(url: string): Promise<Page> {
    return this.#go(url, { method: 'GET' });
  }

  submit(form: Form, values: Record<string, string> = {}): Promise<Page> {
    const body = new URLSearchParams({ ...form.fields, ...values }).toString();
    return this.#go(form.action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  async #go(start: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Page> {
    let url = start;
    let request = init;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const response = await fetch(url, {
        ...request,
        headers: { ...request.headers, cookie: this.#cookieHeader(new URL(url)) },
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      this.#store(response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        url = new URL(location, url).href;
        // 307 and 308 repeat the request as it was; the others become a GET, as browsers do.
        if (response.status !== 307 && response.status !== 308) request = { method: 'GET' };
        continue;
      }
      return { url, status: response.status, html: await response.text() };
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${start}`);
  }

  #cookieHeader(url: URL): string {
    return [...this.#cookies.values()]
      .filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  #store(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expired = value === '';
      for (const attr of attrs) {
        const [key = '', val = ''] = attr.split('=');
        if (key.toLowerCase() === 'path') path = val;
        if (key.toLowerCase() === 'expires' && Date.parse(val) <= Date.now()) expired = true;
        if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
      }
      if (expired) this.#cookies.delete(`${name};${path}`);
      else this.#cookies.set(`${name};${path}`, { name, value, path });
    }
  }
}
