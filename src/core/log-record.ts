import type { Attempt } from './types.js';
import { isObject, put } from './fields.js';
import { isSecretName } from './redact.js';

type Json = Record<string, unknown>;

/** The keys of a log record that hold an error object, searched in this order. */
export const ERROR_KEYS = ['err', 'error', 'exception', 'cause'] as const;
/** The keys of a log record or error that hold the HTTP response. */
export const RESPONSE_KEYS = ['response', 'res'] as const;
/** The keys that hold a status number, on a response, an error or the record itself. */
export const STATUS_KEYS = ['status', 'statusCode', 'status_code'] as const;
/** The keys that hold a response body. */
export const BODY_KEYS = ['data', 'body', 'responseBody', 'response_body'] as const;
/** What loggers add to every record; left out when the record itself is read as the error body. */
const LOGGER_KEYS = ['level', 'time', 'timestamp', '@timestamp', 'pid', 'hostname', 'msg', 'severity'];
const LOGGER_SET: ReadonlySet<string> = new Set(LOGGER_KEYS);
const LOG_KEYS = new Set([...LOGGER_KEYS, 'v', ...STATUS_KEYS, ...BODY_KEYS, 'headers', 'responseTime', 'duration']);
/** undici's own codes under the errno names the catalog knows. */
const UNDICI: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT', UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT', UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_SOCKET: 'ECONNRESET', UND_ERR_CLOSED: 'ECONNRESET',
};
const ERRNO = /^(?:E[A-Z]{3,}|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|CERT_[A-Z_]+|[A-Z_]*CERT[A-Z_]*|EAI_AGAIN)$/;
const STATUS_MESSAGE = /\bstatus code ([1-5]\d\d)\b/;
const STACK_ERRNO = /\b(?:connect|read|write|getaddrinfo|socket hang up)\b ?(E[A-Z]{3,})\b/;

/**
 * The HTTP outcome a structured log record carries in the well-known fields of Node and Python HTTP clients
 * (axios, got, fetch/undici, generic status + body fields), or its transport failure; null when it has none.
 */
export function attemptFromRecord(record: Json): Attempt | null {
  const errors: Json[] = [];
  for (const k of ERROR_KEYS) {
    const v = record[k];
    if (v !== undefined && isObject(v)) errors.push(v);
  }
  // Most lines of a log of API bodies hold none of these: answer them without allocating.
  if (errors.length === 0 && record.response === undefined && record.res === undefined && !hasLoggerKey(record)) return null;
  for (const holder of [...errors, record]) {
    for (const key of RESPONSE_KEYS) {
      const res = holder[key];
      const status = isObject(res) ? statusOf(res) : null;
      if (status !== null) return fromResponse(res as Json, status, undefined);
    }
  }
  // An error that states a status but holds no response (axios err.status, an API error logged as is):
  // the record itself is the body, so a code it carries is still read.
  for (const err of errors) {
    const status = statusOf(err) ?? statusInMessage(err);
    if (status !== null) return fromResponse(err, status, recordAsBody(record));
  }
  // A status on the record itself means a response only in a logger's record; the API's fields may be merged in.
  const status = hasLoggerKey(record) ? statusOf(record) : null;
  if (status !== null) return fromResponse(record, status, recordAsBody(withoutLogKeys(record)));
  for (const err of errors) {
    const transport = transportOf(err);
    if (transport) return { status: null, headers: {}, body: '', transport };
  }
  return null;
}

function hasLoggerKey(record: Json): boolean {
  // The record's few keys against the set: cheaper than looking up eight keys most records lack.
  for (const k in record) if (LOGGER_SET.has(k) && record[k] !== undefined) return true;
  return false;
}

function statusOf(o: Json): number | null {
  for (const k of STATUS_KEYS) {
    const v = o[k];
    const n = typeof v === 'string' && /^\d{3}$/.test(v) ? Number(v) : v;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 100 && n < 600) return n;
  }
  return null;
}

/** True for a logger's record (pino, winston, bunyan, Python logging) rather than an API's body. */
export function isLogRecord(record: Json): boolean {
  return hasLoggerKey(record) || record.err !== undefined || record.exception !== undefined;
}

/**
 * A log record as a body to classify: credentials under secret names masked at any depth (axios logs its
 * request headers in `err.config`), and the error's message as the message when the record has none.
 */
export function recordAsBody(record: Json | undefined): Json | undefined {
  if (!record) return record;
  const body = masked(record, 0) as Json;
  if (body.message === undefined && body.msg === undefined) {
    const err = ERROR_KEYS.map((k) => record[k]).find(isObject);
    if (err && typeof err.message === 'string') body.message = err.message;
  }
  return body;
}

function masked(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null || depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => masked(x, depth + 1));
  const out: Json = {};
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const value = (v as Json)[k];
    const kept = isSecretName(k) && (typeof value === 'string' || typeof value === 'number') ? '[REDACTED]' : masked(value, depth + 1);
    put(out, k, kept);
  }
  return out;
}

/** The status axios and got name in their message ("Request failed with status code 503"), whose response
 * pino's serializer leaves out (got keeps it non-enumerable). */
function statusInMessage(err: Json): number | null {
  const m = typeof err.message === 'string' ? STATUS_MESSAGE.exec(err.message) : null;
  return m ? Number(m[1]) : null;
}

/** An attempt from a response-like object: its status, headers and body (`fallback` when it holds none). */
function fromResponse(source: Json, status: number, fallback: unknown): Attempt {
  const headers = headersOf(source.headers);
  const key = BODY_KEYS.find((k) => source[k] !== undefined && source[k] !== null);
  const data: unknown = key ? source[key] : fallback;
  if (typeof data === 'string') {
    const t = data.trim();
    if (t.startsWith('{') || t.startsWith('[')) {
      try {
        return { status, headers, body: data, json: JSON.parse(t) };
      } catch { /* a text body after all */ }
    }
    return { status, headers, body: data };
  }
  if (data === undefined) return { status, headers, body: '' };
  return { status, headers, body: JSON.stringify(data) ?? '', json: data };
}

function withoutLogKeys(o: Json): Json | undefined {
  const out: Json = {};
  let any = false;
  for (const k of Object.keys(o)) {
    if (LOG_KEYS.has(k)) continue;
    out[k] = o[k];
    any = true;
  }
  return any ? out : undefined;
}

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(raw)) return out;
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' || typeof v === 'number') out[k.toLowerCase()] = String(v);
    else if (Array.isArray(v)) out[k.toLowerCase()] = v.map(String).join(', ');
  }
  return out;
}

/** A transport failure named by an error's errno/undici code, its cause, or its stack text. */
function transportOf(err: Json, depth = 0): Attempt['transport'] | null {
  const message = typeof err.message === 'string' ? err.message : '';
  const code = typeof err.code === 'string' && ERRNO.test(err.code) ? err.code
    : typeof err.errno === 'string' && ERRNO.test(err.errno) ? err.errno : null;
  if (code) return { code: UNDICI[code] ?? code, message: message || code };
  if (isObject(err.cause) && depth < 4) {
    const inner = transportOf(err.cause, depth + 1);
    if (inner) return { code: inner.code, message: message ? `${message}: ${inner.message}` : inner.message };
  }
  const stack = typeof err.stack === 'string' ? STACK_ERRNO.exec(err.stack.slice(0, 8192)) : null;
  return stack ? { code: stack[1], message: message || stack[0] } : null;
}
