import { InputError } from '../core/errors.js';
import { isObject } from '../core/fields.js';
import type { RecordedCall, RecordedExchange } from '../core/recording.js';
import type { Attempt } from '../core/types.js';

type Json = Record<string, unknown>;

/** Browser network errors (HAR `_error`) under the errno names the catalog knows. */
const BROWSER_ERRORS: Record<string, string> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED', ERR_CONNECTION_RESET: 'ECONNRESET', ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_EMPTY_RESPONSE: 'ECONNRESET', ERR_TIMED_OUT: 'ETIMEDOUT', ERR_CONNECTION_TIMED_OUT: 'ETIMEDOUT',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND', ERR_INTERNET_DISCONNECTED: 'ENETUNREACH', ERR_CERT_DATE_INVALID: 'CERT_HAS_EXPIRED',
  ERR_CERT_AUTHORITY_INVALID: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', ERR_CERT_COMMON_NAME_INVALID: 'ERR_TLS_CERT_ALTNAME_INVALID',
};

/** Groups an op-errors cassette into calls: attempt 1, or another method or URL, starts a new call. */
export function callsFromCassette(json: Json, file: string): RecordedCall[] {
  if (json.version !== 1 || !Array.isArray(json.interactions)) {
    throw new InputError(`${file} is an op-errors cassette of version ${String(json.version)}; this op-errors reads version 1`);
  }
  const exchanges = json.interactions.map((it, i): RecordedExchange & { first: boolean } => {
    if (!isObject(it) || !isObject(it.request)) throw new InputError(`${file}: interaction ${i + 1} has no request`);
    const req = it.request;
    const res = isObject(it.response) ? it.response : null;
    const transport = isObject(it.transport) ? { code: String(it.transport.code), message: String(it.transport.message ?? it.transport.code) } : undefined;
    const attempt: Attempt = res
      ? { status: Number(res.status) || null, headers: headersOf(res.headers), body: typeof res.body === 'string' ? res.body : '' }
      : { status: null, headers: {}, body: '', transport: transport ?? { code: 'ECONNRESET', message: 'no response recorded' } };
    const startedAt = typeof it.recordedAt === 'string' ? Date.parse(it.recordedAt) : NaN;
    return {
      method: String(req.method ?? 'GET').toUpperCase(), url: String(req.url ?? '-'), attempt,
      startedAt: Number.isNaN(startedAt) ? null : startedAt, durationMs: typeof it.durationMs === 'number' ? it.durationMs : null,
      idempotencyKey: 'idempotency-key' in headersOf(req.headers), source: { input: file, line: i + 1 }, first: it.attempt === 1,
    };
  });
  return group(exchanges, (e, prev) => e.first || e.method !== prev.method || e.url !== prev.url);
}

/** Groups HAR 1.2 entries into calls: consecutive entries with the same method and URL are attempts of one. */
export function callsFromHar(json: Json, file: string): RecordedCall[] {
  const entries = isObject(json.log) && Array.isArray(json.log.entries) ? json.log.entries : null;
  if (!entries) throw new InputError(`${file} is not a HAR file: it has no log.entries`);
  const exchanges = entries.map((e, i): RecordedExchange => {
    if (!isObject(e) || !isObject(e.request) || !isObject(e.response)) throw new InputError(`${file}: entry ${i + 1} has no request or response`);
    const res = e.response;
    const status = Number(res.status) || 0;
    const error = typeof e._error === 'string' ? e._error : typeof res._error === 'string' ? res._error : null;
    const content = isObject(res.content) ? res.content : {};
    let body = typeof content.text === 'string' ? content.text : '';
    if (content.encoding === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
    const errno = error ? BROWSER_ERRORS[error.replace(/^net::/, '')] ?? 'ECONNRESET' : 'ECONNRESET';
    const attempt: Attempt = status > 0
      ? { status, headers: headersOf(res.headers), body }
      : { status: null, headers: {}, body: '', transport: { code: errno, message: error ?? 'the browser got no response' } };
    const startedAt = typeof e.startedDateTime === 'string' ? Date.parse(e.startedDateTime) : NaN;
    return {
      method: String(e.request.method ?? 'GET').toUpperCase(), url: String(e.request.url ?? '-'), attempt,
      // HAR writes -1 for a timing it does not know.
      startedAt: Number.isNaN(startedAt) ? null : startedAt, durationMs: typeof e.time === 'number' && e.time >= 0 ? Math.round(e.time) : null,
      idempotencyKey: 'idempotency-key' in headersOf(e.request.headers), source: { input: file, line: i + 1 },
    };
  });
  return group(exchanges, (e, prev) => e.method !== prev.method || e.url !== prev.url);
}

function group<T extends RecordedExchange>(exchanges: T[], startsCall: (e: T, prev: T) => boolean): RecordedCall[] {
  const calls: RecordedCall[] = [];
  exchanges.forEach((e, i) => {
    const { method, url, attempt, startedAt, durationMs, idempotencyKey, source } = e;
    const clean: RecordedExchange = { method, url, attempt, startedAt, durationMs, idempotencyKey, source };
    if (i === 0 || startsCall(e, exchanges[i - 1])) calls.push({ method, url, attempts: [clean] });
    else calls[calls.length - 1].attempts.push(clean);
  });
  return calls;
}

/** Header lists ([{name, value}]) or maps, as lower-case name → value. */
function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (name: string, value: unknown) => {
    // HTTP/2 pseudo-headers (":status") in browser HAR exports are not headers of the response.
    if (name.startsWith(':')) return;
    const key = name.toLowerCase();
    out[key] = out[key] === undefined ? String(value) : `${out[key]}, ${String(value)}`;
  };
  if (Array.isArray(raw)) for (const h of raw) if (isObject(h) && typeof h.name === 'string') add(h.name, h.value);
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) add(k, v);
  return out;
}
