import type { Attempt, Classification, CatalogEntry, Exchange, StatusSource } from './types.js';
import { type Catalog, fallbackFix, fallbackRetry, normalizeCode } from './catalog.js';
import { type Envelope, readEnvelope } from './envelope.js';
import { withFieldFixes } from './field-fixes.js';
import { looksLikeJson, tryParseJson } from './json-scanner.js';
import { retryAfterFromHeaders } from './retry-after.js';
import { unsafeToRepeat } from './retry-policy.js';
import { readTextBody } from './text-body.js';

/** What classification needs besides the response. */
export interface ClassifyOptions {
  catalog: Catalog;
  /** The current time, for HTTP-date Retry-After values of responses without a Date header. */
  now: number;
  /** The status to assume for a bare body that carries none (`classify --status`). */
  statusHint?: number | null;
}

/** Classifies the final attempt of an exchange. */
export function classifyExchange(exchange: Exchange, options: ClassifyOptions): Classification {
  const c = classify(exchange.attempts[exchange.attempts.length - 1], options);
  // Exit 75 says that repeating the command is safe: not for a POST the transcript shows sent without a key.
  return isUnsafeRetry(exchange, c) ? { ...c, retryable: false } : c;
}

/** Whether the exchange's retryable outcome came to a request that must not be repeated blindly. */
export function isUnsafeRetry(exchange: Exchange, c: Classification): boolean {
  const r = exchange.request;
  return r !== undefined && !c.ok && c.retry === 'backoff' && unsafeToRepeat(r.method, r.idempotencyKey, c);
}

/** Classifies one response (or transport failure) against the catalog. */
export function classify(attempt: Attempt, options: ClassifyOptions): Classification {
  const { catalog } = options;
  if (attempt.transport) {
    const entry = catalog.get(attempt.transport.code);
    const code = entry?.code ?? normalizeCode(attempt.transport.code.replace(':', '_'));
    return errorResult(entry, { code, known: entry !== undefined, status: null, statusSource: null, message: attempt.transport.message });
  }
  const json = attempt.json !== undefined ? attempt.json : parseBody(attempt.body);
  const contentType = attempt.headers['content-type'] ?? '';
  const env = json === undefined ? null : readEnvelope(json, contentType);
  const text = json === undefined && attempt.body.trim() !== '' ? readTextBody(attempt.body) : null;
  const status = attempt.status ?? options.statusHint ?? env?.status ?? text?.status ?? null;
  const statusSource: StatusSource = status === null ? null
    : attempt.status === null && options.statusHint != null ? 'option' : 'input';
  const requestId = env?.requestId ?? attempt.headers['x-request-id'] ?? attempt.headers['request-id'] ?? null;
  // A status read only from the body does not make a body that calls itself an error a success.
  const bodyStatusOnly = attempt.status === null && options.statusHint == null;
  const failed = status !== null
    ? status >= 300 || env?.explicitFailure === true || (bodyStatusOnly && env?.isError === true)
    : env?.isError === true || text !== null;
  if (!failed) {
    return {
      ok: true, status, statusSource, code: null, known: false, retryable: false, retry: 'none', retryAfter: null,
      message: env?.message ?? null, fix: null, requestId, fields: [], details: {},
    };
  }
  const { code, entry, known } = resolveCode(env, status, catalog);
  const rule = refine(entry ?? (status === null ? undefined : catalog.generic(status)), env, catalog);
  const headerWait = retryAfterFromHeaders(attempt.headers, status, options.now);
  const documented = status === null ? entry?.status ?? null : null;
  const result = errorResult(rule, {
    code, known, status: status ?? documented, statusSource: documented !== null ? 'catalog' : statusSource,
    message: env?.message ?? text?.message ?? entry?.summary ?? null,
    location: attempt.headers.location,
  });
  if (headerWait?.source === 'retry-after') Object.assign(result, { retryAfter: headerWait.seconds, retryAfterSource: 'retry-after' });
  else if (env?.retryAfter != null) Object.assign(result, { retryAfter: env.retryAfter, retryAfterSource: 'retry_after' });
  else if (headerWait) Object.assign(result, { retryAfter: headerWait.seconds, retryAfterSource: 'x-ratelimit-reset' });
  result.requestId = requestId;
  result.fields = withFieldFixes(env?.fields ?? [], json, catalog.fieldFixes);
  result.details = env?.details ?? {};
  return result;
}

function resolveCode(env: Envelope | null, status: number | null, catalog: Catalog):
  { code: string; entry: CatalogEntry | undefined; known: boolean } {
  const stated = env?.code ?? null;
  if (stated !== null) {
    const entry = catalog.get(stated);
    return { code: stated, entry, known: entry !== undefined };
  }
  const hinted = env?.codeHint ? catalog.get(env.codeHint) : undefined;
  if (hinted) return { code: hinted.code, entry: hinted, known: true };
  const generic = status === null ? undefined : catalog.generic(status);
  if (generic) return { code: generic.code, entry: generic, known: true };
  return { code: status === null ? 'UNKNOWN_ERROR' : `HTTP_${status}`, entry: undefined, known: false };
}

/**
 * A generic code whose details name a more specific case (`reason: "token_expired"`,
 * `conflict_type: "duplicate_entry"`) follows that case's rule and fix.
 */
function refine(entry: CatalogEntry | undefined, env: Envelope | null, catalog: Catalog): CatalogEntry | undefined {
  if (!entry || entry.kind !== 'http' || !env) return entry;
  for (const key of ['conflict_type', 'reason']) {
    const v = env.details[key];
    const specific = typeof v === 'string' ? catalog.get(v) : undefined;
    if (specific && specific !== entry && specific.status === entry.status) return specific;
  }
  return entry;
}

function errorResult(
  rule: CatalogEntry | undefined,
  o: { code: string; known: boolean; status: number | null; statusSource: StatusSource; message: string | null; location?: string },
): Classification {
  const retry = rule?.retry ?? fallbackRetry(o.status);
  return {
    ok: false, status: o.status, statusSource: o.statusSource, code: o.code, known: o.known, retryable: retry === 'backoff', retry,
    retryAfter: null, message: o.message, fix: rule?.fix ?? fallbackFix(o.status, o.location), requestId: null,
    fields: [], details: {},
  };
}

function parseBody(body: string): unknown {
  return looksLikeJson(body) ? tryParseJson(body.trim()) : undefined;
}

/**
 * Why an exchange cannot be classified, or null when it can: a text body with no status anywhere
 * (no header block, no --status, no status in an HTML title) is not a response op-errors can read.
 */
export function unreadableReason(exchange: Exchange, statusHint: number | null | undefined): string | null {
  const last = exchange.attempts[exchange.attempts.length - 1];
  if (last.transport || last.status !== null || statusHint != null || last.json !== undefined) return null;
  if (looksLikeJson(last.body) && tryParseJson(last.body.trim()) !== undefined) return null;
  const text = readTextBody(last.body);
  if (text.status !== null) return null;
  return 'expected a JSON body, NDJSON, or the output of curl -i; got text with no HTTP status ' +
    '(pass --status <code> to classify a bare text body)';
}
