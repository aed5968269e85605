import type { FieldError } from './types.js';
import { type ErrorMark, MESSAGE_KEYS, findErrorMark, markMessage } from './error-marks.js';
import { MAX_DEPTH, cutDepth, detailFields, isObject, isPydanticList, nestsDeeper, pickString, put, pydanticFields } from './fields.js';

type Json = Record<string, unknown>;

/** What an error body says, whichever envelope it uses. */
export interface Envelope {
  /** The code the body states, as written. */
  code: string | null;
  /** A code candidate derived from a problem+json `type` URI; used only when the catalog knows it. */
  codeHint: string | null;
  message: string | null;
  details: Record<string, unknown>;
  fields: FieldError[];
  requestId: string | null;
  /** Seconds, from a body `retry_after`. */
  retryAfter: number | null;
  /** A status the body states (problem+json `status`, a numeric `code`). */
  status: number | null;
  /** The body marks itself as an error. */
  isError: boolean;
  /** The body says so explicitly (`success: false`), even under a 2xx status. */
  explicitFailure: boolean;
}

const CODE_LIKE = /^[A-Z][A-Z0-9_]*[A-Z0-9]$/;
const REQUEST_ID_KEYS = ['request_id', 'requestId', 'requestID'] as const;
const RETRY_AFTER_KEYS = ['retry_after', 'retryAfter'] as const;
/** The keys a body's own message is read from first; `detail` is read apart (problem+json), the rest of MESSAGE_KEYS
 * only where a mark says the body is an error. */
const OWN_MESSAGE_KEYS = ['message', 'error_description', 'msg', 'title'] as const;
const ENVELOPE_KEYS = ['code', 'message', 'error', 'details', 'success', ...REQUEST_ID_KEYS, ...RETRY_AFTER_KEYS];

/** Reads any of the documented error envelopes from a parsed JSON body. */
export function readEnvelope(body: unknown, contentType = ''): Envelope {
  const env: Envelope = {
    code: null, codeHint: null, message: null, details: {}, fields: [], requestId: null, retryAfter: null,
    status: null, isError: false, explicitFailure: false,
  };
  if (Array.isArray(body)) {
    if (isPydanticList(body)) setPydantic(env, body);
    return env;
  }
  if (!isObject(body)) return env;
  env.explicitFailure = body.success === false || body.ok === false;
  const inner = isObject(body.error) ? body.error : null;
  const source = inner ?? body;
  readCode(env, body, inner);
  env.message = inner ? pickString(inner, OWN_MESSAGE_KEYS) : null;
  if (!env.message && typeof body.error === 'string' && body.error !== env.code) env.message = body.error;
  env.message ??= pickString(body, OWN_MESSAGE_KEYS);
  if (typeof body.detail === 'string') {
    env.message = env.message && env.message !== body.title ? env.message : body.detail;
  } else if (isPydanticList(body.detail)) setPydantic(env, body.detail);
  env.requestId = pickString(source, REQUEST_ID_KEYS) ?? (inner ? pickString(body, REQUEST_ID_KEYS) : null);
  env.retryAfter = seconds(source) ?? (inner ? seconds(body) : null);
  if (typeof body.status === 'number' && body.status >= 100 && body.status < 600) env.status = body.status;
  const problem = isProblem(body, contentType);
  if (problem) readProblem(env, body);
  collectDetails(env, body, inner, problem);
  const mark = findErrorMark(body);
  const collectedFor = env.message;
  if (mark) adoptMark(env, mark, contentType);
  // A message the mark gave was not known when the details were collected.
  if (env.message !== collectedFor) dropRestated(env);
  env.isError = mark !== null || env.code !== null || env.explicitFailure || env.fields.length > 0 ||
    typeof body.detail === 'string' || problem;
  return env;
}

/** What an error marked inside wrappers (`{"data": {"error": {...}}}`) says, where the top level says nothing. */
function adoptMark(env: Envelope, mark: ErrorMark, contentType: string): void {
  if (mark.depth > 0) {
    const inner = readEnvelope(mark.holder, contentType);
    env.code ??= inner.code;
    env.codeHint ??= inner.codeHint;
    env.message ??= inner.message;
    env.requestId ??= inner.requestId;
    env.retryAfter ??= inner.retryAfter;
    env.status ??= inner.status;
    if (env.fields.length === 0) env.fields = inner.fields;
  }
  const message = markMessage(mark);
  if (env.message === null && message !== env.code) env.message = message;
}

function readCode(env: Envelope, body: Json, inner: Json | null): void {
  if (inner) {
    if (typeof inner.code === 'string') env.code = inner.code;
    else if (typeof inner.code === 'number') {
      // Google-style {error: {code: 429, status: "RESOURCE_EXHAUSTED"}}: the number is the HTTP status.
      env.status = inner.code;
      if (typeof inner.status === 'string') env.code = inner.status;
    }
  }
  if (env.code === null && typeof body.code === 'string' && body.code !== '') env.code = body.code;
  if (env.code === null && typeof body.error === 'string' && CODE_LIKE.test(body.error)) env.code = body.error;
  if (typeof body.code === 'number' && body.code >= 100 && body.code < 600) env.status = body.code;
}

function setPydantic(env: Envelope, list: Json[]): void {
  env.code ??= 'VALIDATION_ERROR';
  env.fields = pydanticFields(list);
  env.message ??= list.length === 1 ? 'Request validation failed (1 field)' : `Request validation failed (${list.length} fields)`;
}

function isProblem(body: Json, contentType: string): boolean {
  if (contentType.includes('problem+json')) return true;
  return typeof body.type === 'string' && typeof body.title === 'string' &&
    (typeof body.status === 'number' || typeof body.detail === 'string');
}

function readProblem(env: Envelope, body: Json): void {
  env.code ??= pickString(body, ['error_code', 'errorCode']);
  env.message = pickString(body, ['detail', 'title']) ?? env.message;
  if (typeof body.type === 'string' && body.type !== 'about:blank') {
    const slug = body.type.replace(/[#?].*$/, '').split('/').filter(Boolean).at(-1) ?? '';
    env.codeHint = slug.replace(/[-.\s]+/g, '_').toUpperCase() || null;
  }
}

const ENVELOPE_SET: ReadonlySet<string> = new Set(ENVELOPE_KEYS);
const MESSAGE_SET: ReadonlySet<string> = new Set(MESSAGE_KEYS);
const DETAIL_META: ReadonlySet<string> = new Set([...REQUEST_ID_KEYS, ...RETRY_AFTER_KEYS]);

/** A key that only restates what the classification already carries. */
function restates(env: Envelope, o: Json, k: string): boolean {
  return ENVELOPE_SET.has(k) || (MESSAGE_SET.has(k) && o[k] === env.message);
}

/** Leaves out of the details a message key that only restates the message. */
function dropRestated(env: Envelope): void {
  const { details, message } = env;
  if (message === null) return;
  for (const k of MESSAGE_KEYS) if (details[k] === message) delete details[k];
}

/** A key of the body itself that a field of the classification was read from. */
function readFromBody(body: Json, k: string, problem: boolean): boolean {
  if (k === 'status') return typeof body.status === 'number';
  if (k === 'detail') return problem || typeof body.detail === 'string' || isPydanticList(body.detail);
  return problem && (k === 'type' || k === 'title');
}

function collectDetails(env: Envelope, body: Json, inner: Json | null, problem: boolean): void {
  const details: Record<string, unknown> = {};
  // for-in with local checks: a log repeats this for every line, so no closures and no key arrays.
  for (const k in body) if (Object.hasOwn(body, k) && !restates(env, body, k) && !readFromBody(body, k, problem)) put(details, k, body[k]);
  if (inner) for (const k in inner) if (Object.hasOwn(inner, k) && !restates(env, inner, k)) put(details, k, inner[k]);
  for (let i = 0; i < 2; i++) {
    const d = i === 0 ? body.details : inner?.details;
    if (d === undefined) continue;
    if (!isObject(d)) {
      details.details = d;
      continue;
    }
    const { fields, used } = detailFields(d);
    if (fields.length > 0) env.fields.push(...fields);
    env.requestId ??= pickString(d, REQUEST_ID_KEYS);
    env.retryAfter ??= seconds(d);
    for (const k in d) if (Object.hasOwn(d, k) && !DETAIL_META.has(k) && !used.includes(k)) put(details, k, d[k]);
  }
  if (Array.isArray(body.errors)) {
    const { fields } = detailFields({ errors: body.errors });
    env.fields.push(...fields);
    if (fields.length > 0) delete details.errors;
  }
  env.details = nestsDeeper(details, MAX_DEPTH) ? cutDepth(details, MAX_DEPTH) as Record<string, unknown> : details;
}

/** A `retry_after` in seconds, as a number or a numeric string. */
function seconds(o: Json): number | null {
  for (const k of RETRY_AFTER_KEYS) {
    const raw = o[k];
    if (raw === undefined) continue;
    const v = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  }
  return null;
}
