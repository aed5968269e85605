import { bodyKind } from '../core/body-check.js';
import { InputError } from '../core/errors.js';
import { type CassetteExchange, decodeCassette, headerMap } from '../core/cassette-codec.js';
import { isObject } from '../core/fields.js';
import { requestRedactor } from '../core/redact.js';
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
  return group(decodeCassette(json, file), cassetteStartsCall);
}

/** Groups HAR 1.2 entries into calls: consecutive entries with the same method and URL are attempts of one. */
export function callsFromHar(json: Json, file: string): RecordedCall[] {
  const entries = isObject(json.log) && Array.isArray(json.log.entries) ? json.log.entries : null;
  if (!entries) throw new InputError(`${file} is not a HAR file: it has no log.entries`);
  return group(entries.map((e, i) => exchangeFromHar(e, file, i)), harStartsCall);
}

/** Consecutive HAR entries with the same method and URL are attempts of one call. */
export const harStartsCall = (e: RecordedExchange, prev: RecordedExchange): boolean => e.method !== prev.method || e.url !== prev.url;
/** In a cassette, attempt 1, or another method or URL, starts a new call. */
export const cassetteStartsCall = (e: CassetteExchange, prev: CassetteExchange): boolean =>
  e.first || e.method !== prev.method || e.url !== prev.url;

/** One HAR 1.2 entry as a recorded exchange, its credentials masked. */
export function exchangeFromHar(e: unknown, file: string, i: number): RecordedExchange {
  if (!isObject(e) || !isObject(e.request) || !isObject(e.response)) throw new InputError(`${file}: entry ${i + 1} has no request or response`);
  const res = e.response;
  const status = Number(res.status) || 0;
  const error = [e._error, res._error, res._failureText].find((v): v is string => typeof v === 'string') ?? null;
  const content = isObject(res.content) ? res.content : {};
  let body = typeof content.text === 'string' ? content.text : '';
  const bytes = content.encoding === 'base64' ? Buffer.from(body, 'base64') : null;
  if (bytes) body = bytes.toString('utf8');
  const errno = error ? BROWSER_ERRORS[error.replace(/^net::/, '')] ?? 'ECONNRESET' : 'ECONNRESET';
  // A browser export holds the user's credentials in clear: they are masked before anything is shown.
  const requestHeaders = headerMap(e.request.headers);
  const redact = requestRedactor(String(e.request.url ?? '-'), requestHeaders);
  const headers = headerMap(res.headers);
  // Data (an image, a download) keeps its bytes, secrets masked in them, so that serve plays it back as it was.
  const data = bytes && bodyKind(headers['content-type'] ?? String(content.mimeType ?? ''), bytes) !== 'text'
    ? { bytes: redact.bytes(bytes) } : {};
  const attempt: Attempt = status > 0
    ? { status, headers: redact.headers(headers), body: redact.text(body), ...data }
    : { status: null, headers: {}, body: '', transport: { code: errno, message: error ?? 'the browser got no response' } };
  const startedAt = typeof e.startedDateTime === 'string' ? Date.parse(e.startedDateTime) : NaN;
  return {
    method: String(e.request.method ?? 'GET').toUpperCase(), url: redact.url(String(e.request.url ?? '-')), attempt,
    // HAR writes -1 for a timing it does not know.
    startedAt: Number.isNaN(startedAt) ? null : startedAt, durationMs: typeof e.time === 'number' && e.time >= 0 ? Math.round(e.time) : null,
    idempotencyKey: 'idempotency-key' in requestHeaders, source: { input: file, line: i + 1 },
  };
}

/** Groups exchanges read one at a time into calls, yielding each call once the next one starts. */
export async function* groupStream<T extends RecordedExchange>(exchanges: AsyncIterable<T>, startsCall: (e: T, prev: T) => boolean): AsyncGenerator<RecordedCall> {
  let current: RecordedCall | null = null;
  let prev: T | null = null;
  for await (const e of exchanges) {
    const clean = cleanExchange(e);
    if (current === null || prev === null || startsCall(e, prev)) {
      if (current) yield current;
      current = { method: e.method, url: e.url, attempts: [clean] };
    } else current.attempts.push(clean);
    prev = e;
  }
  if (current) yield current;
}

function group<T extends RecordedExchange>(exchanges: T[], startsCall: (e: T, prev: T) => boolean): RecordedCall[] {
  const calls: RecordedCall[] = [];
  exchanges.forEach((e, i) => {
    const clean = cleanExchange(e);
    if (i === 0 || startsCall(e, exchanges[i - 1])) calls.push({ method: e.method, url: e.url, attempts: [clean] });
    else calls[calls.length - 1].attempts.push(clean);
  });
  return calls;
}

/** The exchange without the fields only grouping needed. */
function cleanExchange(e: RecordedExchange): RecordedExchange {
  const { method, url, attempt, startedAt, durationMs, idempotencyKey, source } = e;
  return { method, url, attempt, startedAt, durationMs, idempotencyKey, source };
}
