import type { FieldError } from './types.js';

type Json = Record<string, unknown>;

/** True for a plain JSON object. */
export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Sets a key of an object built from input; a "__proto__" key stays data instead of replacing the prototype. */
export function put(into: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(into, k, { value: v, enumerable: true, writable: true, configurable: true });
  else into[k] = v;
}

/** A short, single-line rendering of a value for messages. */
export function brief(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** True for a Pydantic/FastAPI validation list: [{type, loc, msg, input}]. */
export function isPydanticList(v: unknown): v is Json[] {
  return Array.isArray(v) && v.length > 0 && v.every((e) => isObject(e) && ('loc' in e || 'msg' in e));
}

/** Field errors from a Pydantic `detail` list; `loc` loses its leading "body". */
export function pydanticFields(list: Json[]): FieldError[] {
  return list.map((e) => {
    const loc = Array.isArray(e.loc) ? [...e.loc] : [];
    if (loc[0] === 'body') loc.shift();
    let message = typeof e.msg === 'string' ? e.msg : String(e.type ?? 'invalid');
    if ('input' in e && e.input !== undefined && !isObject(e.input)) message += ` (input: ${brief(e.input)})`;
    return { field: formatPath(loc) || 'body', message };
  });
}

/** Joins a location path: strings with dots, numbers as [n]. */
export function formatPath(loc: unknown[]): string {
  let out = '';
  for (const part of loc) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * Field errors held in a `details` object, in the shapes the documented APIs use; returns them with the
 * keys they were read from, so the caller can leave those out of the remaining details.
 */
export function detailFields(details: Json): { fields: FieldError[]; used: string[] } {
  const fields: FieldError[] = [];
  const used: string[] = [];
  const list = details.validation_errors ?? details.errors ?? details.issues ?? details['invalid-params'];
  const listKey = ['validation_errors', 'errors', 'issues', 'invalid-params'].find((k) => details[k] === list);
  if (Array.isArray(list) && listKey) {
    for (const e of list) if (isObject(e)) fields.push(listItem(e));
    used.push(listKey);
  }
  if (typeof details.field === 'string') {
    const message = pickString(details, ['message', 'error', 'reason']) ?? 'invalid value';
    fields.push({ field: details.field, message });
    used.push('field', ...['message', 'error', 'reason'].filter((k) => typeof details[k] === 'string'));
  }
  for (const key of ['missing_fields', 'missing_data']) {
    const missing = details[key];
    if (Array.isArray(missing) && missing.every((m) => typeof m === 'string')) {
      for (const m of missing as string[]) fields.push({ field: m, message: 'missing' });
      used.push(key);
    }
  }
  if (fields.length === 0) {
    // The incident-API shape: {details: {name: {code, message}, email: {code, message}}}.
    const entries = Object.entries(details);
    if (entries.length > 0 && entries.every(([, v]) => isObject(v) && typeof v.message === 'string')) {
      for (const [field, v] of entries) fields.push({ field, message: (v as Json).message as string });
      used.push(...entries.map(([k]) => k));
    }
  }
  return { fields, used };
}

function listItem(e: Json): FieldError {
  const field = pickString(e, ['field', 'name', 'param', 'path', 'pointer']) ??
    (Array.isArray(e.loc) ? formatPath(e.loc) : '(unknown)');
  let message = pickString(e, ['error', 'message', 'msg', 'reason', 'issue', 'detail']) ?? 'invalid value';
  const given = e.provided ?? e.value;
  if (given !== undefined) message += ` (provided: ${brief(given)})`;
  return { field, message };
}

/** The first of `keys` whose value is a non-empty string. */
export function pickString(o: Json, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

/** The deepest nesting printers can take; deeper values (hostile input) are cut. */
export const MAX_DEPTH = 64;

/** True when `v` nests deeper than `depth` levels of objects and arrays. */
export function nestsDeeper(v: unknown, depth: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (depth <= 0) return true;
  // for-in over own keys: Object.values would allocate an array per object on every line of a log.
  const o = v as Record<string, unknown>;
  for (const k in o) if (Object.hasOwn(o, k) && nestsDeeper(o[k], depth - 1)) return true;
  return false;
}

/** A copy of `v` in which anything deeper than `depth` levels is replaced by a marker, so it can be printed. */
export function cutDepth(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (depth <= 0) return `[nested deeper than ${MAX_DEPTH} levels]`;
  if (Array.isArray(v)) return v.map((x) => cutDepth(x, depth - 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    Object.defineProperty(out, k, { value: cutDepth(x, depth - 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
