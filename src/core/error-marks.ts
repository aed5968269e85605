import { isObject, pickString } from './fields.js';

type Json = Record<string, unknown>;

/** Where a JSON object says it is an error: the object that says so, how deep, and the value that does. */
export interface ErrorMark {
  holder: Json;
  /** Wrapper objects between the body and the holder (0: the body itself). */
  depth: number;
  /** The error itself when an error-named key marked it (`error: {...}`); undefined for flags and levels. */
  error: unknown;
}

/** Names (compared in lower case) whose value, when it holds anything, marks an error. */
const ERROR_NAMES: ReadonlySet<string> = new Set(['err', 'error', 'errors', 'exception', 'failure', 'fault', 'problem']);
const FLAG_NAMES: ReadonlySet<string> = new Set(['success', 'ok']);
const LEVEL_NAMES: ReadonlySet<string> = new Set(['level', 'levelname', 'severity']);
const JSEND_FAILURES: ReadonlySet<string> = new Set(['error', 'fail']);
const ERROR_LEVELS: ReadonlySet<string> = new Set(['error', 'err', 'fatal', 'critical', 'crit', 'alert', 'emerg', 'emergency']);
/** Every key an error's message is read from; a detail under one of them that equals the message restates it. */
export const MESSAGE_KEYS = ['message', 'error_description', 'msg', 'title', 'detail', 'faultstring', 'description'] as const;
/** Objects searched below the body (data.result.payload.error is found); arrays are collections, not wrappers. */
const MAX_WRAPPERS = 3;
/**
 * The envelope names under which a flag (`ok: false`, JSend `status`, a log level) still speaks for the whole
 * answer; under any other key (`meta.ok`, `player.level`) it describes a part of the resource, not the outcome.
 */
const ENVELOPE_NAMES: ReadonlySet<string> = new Set(['data', 'result', 'response', 'payload', 'body']);

/**
 * The first error marker of a JSON object, at its top level or inside up to three objects below it, in any key
 * case: an error-named key that holds something (`error`, `errors`, `exception`, `failure`, ...); and, at the top
 * level or under envelope names only, `success` or `ok` false, JSend `status` "error" or "fail", or a log level
 * of error or worse. Null when it holds none.
 */
export function findErrorMark(body: Json, depth = 0, enveloped = true): ErrorMark | null {
  const below: [Json, boolean][] = [];
  for (const key of Object.keys(body)) {
    const value = body[key];
    const name = key.toLowerCase();
    if (ERROR_NAMES.has(name)) {
      if (holdsSomething(value)) return { holder: body, depth, error: value };
    } else if (enveloped && flagsError(name, value)) return { holder: body, depth, error: undefined };
    if (isObject(value)) below.push([value, enveloped && ENVELOPE_NAMES.has(name)]);
  }
  if (depth >= MAX_WRAPPERS) return null;
  for (const [object, isEnvelope] of below) {
    const mark = findErrorMark(object, depth + 1, isEnvelope);
    if (mark) return mark;
  }
  return null;
}

function flagsError(name: string, value: unknown): boolean {
  if (FLAG_NAMES.has(name)) return value === false || value === 'false';
  if (name === 'status') return typeof value === 'string' && JSEND_FAILURES.has(value.toLowerCase());
  if (LEVEL_NAMES.has(name)) return isErrorLevel(value);
  return false;
}

/** False for the values that say "no error": null, false, numbers (a count of errors), "", [] and {}. */
function holdsSomething(v: unknown): boolean {
  if (v === undefined || v === null || v === false || typeof v === 'number' || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return !isObject(v) || Object.keys(v).length > 0;
}

/** A log level of error or worse: pino/bunyan 50 and 60, or a name such as "error" or "FATAL". */
function isErrorLevel(level: unknown): boolean {
  if (typeof level === 'number') return level >= 50;
  return typeof level === 'string' && ERROR_LEVELS.has(level.toLowerCase());
}

/** The message an error marker carries: the error's own text, its message field, or the holder's. */
export function markMessage(mark: ErrorMark): string | null {
  const v = Array.isArray(mark.error) ? mark.error[0] : mark.error;
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (isObject(v)) {
    const own = pickString(v, MESSAGE_KEYS);
    if (own) return own;
  }
  return pickString(mark.holder, MESSAGE_KEYS);
}
