import { InvalidArgumentError } from '../../common/errors.js';
import type { HttpRequest__Output } from '../../common/proto/gen/parallax/v1/HttpRequest.js';
import type { HttpSpecRecord } from '../state/records.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REQUEST_BODY = 64 * 1024;
const CODES = /^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/;

/** An HTTP run's request, checked: every problem names its flag and what is accepted. */
export function validateHttp(http: HttpRequest__Output): HttpSpecRecord {
  const method = http.method === '' ? 'GET' : http.method.toUpperCase();
  if (!METHODS.includes(method)) {
    throw new InvalidArgumentError(`invalid --method "${http.method}": expected one of ${METHODS.join(', ')}`, { field: 'method' });
  }
  // ${NAME} placeholders are filled in by the agent; the rest must already be a URL.
  const sample = http.url.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, 'x');
  let url: URL;
  try {
    url = new URL(sample);
  } catch {
    throw new InvalidArgumentError(`invalid --http "${http.url}": expected an http:// or https:// URL`, { field: 'http' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError(`invalid --http "${http.url}": only http:// and https:// URLs are accepted`, { field: 'http' });
  }
  for (const [name, value] of Object.entries(http.headers)) {
    if (!HEADER_NAME.test(name) || /[\r\n]/.test(value)) {
      throw new InvalidArgumentError(`invalid --header "${name}: …": expected NAME: VALUE, a name of letters, digits and -, a value on one line`, { field: 'header' });
    }
  }
  if (Buffer.byteLength(http.body) > MAX_REQUEST_BODY) throw new InvalidArgumentError('the --body is longer than 64 KiB', { field: 'body' });
  const codes = http.successCodes.replace(/\s+/g, '');
  if (codes !== '' && (!CODES.test(codes) || codes.split(',').some((part) => invalidRange(part)))) {
    throw new InvalidArgumentError(`invalid --success "${http.successCodes}": expected status codes and ranges from 100 to 599, such as 200-299,304`, {
      field: 'success',
    });
  }
  if (http.maxBodyBytes < 0 || http.maxBodyBytes > MAX_BODY_BYTES) {
    throw new InvalidArgumentError('invalid --max-body: expected a size up to 1MiB (the output a run keeps)', { field: 'max-body' });
  }
  return {
    method,
    url: http.url,
    headers: { ...http.headers },
    body: http.body,
    successCodes: codes,
    maxBodyBytes: http.maxBodyBytes,
    insecureTls: http.insecureTls,
    ...(http.followRedirects ? { followRedirects: true } : {}),
  };
}

function invalidRange(part: string): boolean {
  const [lo, hi = lo] = part.split('-').map(Number);
  return lo! < 100 || hi! > 599 || lo! > hi!;
}
