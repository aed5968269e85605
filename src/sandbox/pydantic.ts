import { findJsonError } from '../core/json-error.js';

/** One item of a FastAPI 422 `detail` list, as Pydantic v2 writes it. */
export interface PydanticError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

type Loc = (string | number)[];

/** A required field is absent. */
export const missing = (loc: Loc, input: unknown): PydanticError => ({ type: 'missing', loc, msg: 'Field required', input });

/** A list with fewer items than allowed. */
export function tooShort(loc: Loc, input: unknown[], min: number): PydanticError {
  return {
    type: 'too_short', loc, msg: `List should have at least ${min} item${min === 1 ? '' : 's'} after validation, not ${input.length}`,
    input, ctx: { field_type: 'List', min_length: min, actual_length: input.length },
  };
}

/** A list with more items than allowed; the input is left out, as it can hold 10,000 rows. */
export function tooLong(loc: Loc, input: unknown[], max: number): PydanticError {
  return {
    type: 'too_long', loc, msg: `List should have at most ${max} items after validation, not ${input.length}`,
    input: `[${input.length} items]`, ctx: { field_type: 'List', max_length: max, actual_length: input.length },
  };
}

/** A string shorter than allowed. */
export function stringTooShort(loc: Loc, input: string, min: number): PydanticError {
  return {
    type: 'string_too_short', loc, msg: `String should have at least ${min} character${min === 1 ? '' : 's'}`,
    input, ctx: { min_length: min },
  };
}

/** A value outside an enum. */
export function notInEnum(loc: Loc, input: unknown, allowed: readonly string[]): PydanticError {
  const quoted = allowed.map((a) => `'${a}'`);
  const expected = `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
  return { type: 'enum', loc, msg: `Input should be ${expected}`, input, ctx: { expected } };
}

/** A value of the wrong JSON type. */
export function wrongType(loc: Loc, input: unknown, kind: 'string' | 'list' | 'dict' | 'int'): PydanticError {
  const types = { string: 'string_type', list: 'list_type', dict: 'dict_type', int: 'int_type' } as const;
  const names = { string: 'a valid string', list: 'a valid list', dict: 'a valid dictionary', int: 'a valid integer' };
  return { type: types[kind], loc, msg: `Input should be ${names[kind]}`, input };
}

/** A model-level check that failed (a `@model_validator`). */
export function valueError(loc: Loc, input: unknown, message: string): PydanticError {
  return { type: 'value_error', loc, msg: `Value error, ${message}`, input, ctx: { error: {} } };
}

/** A body that is not JSON, at the character where parsing stopped. */
export function jsonInvalid(text: string, error: Error): PydanticError {
  // V8 names a position for some mistakes only; the scanner finds it every time.
  const found = findJsonError(text);
  return {
    type: 'json_invalid', loc: ['body', found?.offset ?? 0], msg: 'JSON decode error', input: {},
    ctx: { error: found?.message ?? error.message },
  };
}

/** A number in a query parameter outside its bounds, or not a number at all. */
export function queryInt(name: string, raw: string, min: number, max: number | null): PydanticError | null {
  const loc = ['query', name];
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    return { type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input: raw };
  }
  const n = Number(raw);
  if (n < min) {
    return { type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${min}`, input: raw, ctx: { ge: min } };
  }
  if (max !== null && n > max) {
    return { type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${max}`, input: raw, ctx: { le: max } };
  }
  return null;
}

/** The parsed JSON body, or the 422 items that describe why there is none. */
export function parseBody(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; errors: PydanticError[] } {
  if (text.trim() === '') return { ok: false, errors: [missing(['body'], null)] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [jsonInvalid(text, e as Error)] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{
      type: 'model_attributes_type', loc: ['body'], input: value,
      msg: 'Input should be a valid dictionary or object to extract fields from',
    }] };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** `limit` (1–100, default 50) and `offset` (0 or more, default 0) from a query. */
export function readPage(query: URLSearchParams): { ok: true; limit: number; offset: number } | { ok: false; errors: PydanticError[] } {
  const errors: PydanticError[] = [];
  const limit = query.get('limit');
  const offset = query.get('offset');
  const e1 = limit === null ? null : queryInt('limit', limit, 1, 100);
  const e2 = offset === null ? null : queryInt('offset', offset, 0, null);
  if (e1) errors.push(e1);
  if (e2) errors.push(e2);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, limit: limit === null ? 50 : Number(limit), offset: offset === null ? 0 : Number(offset) };
}
