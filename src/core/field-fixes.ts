import { isObject, isPydanticList } from './fields.js';
import type { FieldError } from './types.js';

/** A row of the docs' validation tables: a Pydantic error type at a location, and the fix the docs give for it. */
export interface FieldFixRow {
  type: string;
  /** The `loc` as documented; `*` stands for any list index. */
  loc: readonly (string | number)[];
  /** When one type and location have several documented causes, the message that tells them apart. */
  msg?: RegExp;
  fix: string;
}

/** The documented fix for one Pydantic error, or null when no row matches. */
export function matchFieldFix(rows: readonly FieldFixRow[], type: string, loc: readonly unknown[], msg: string): string | null {
  for (const row of rows) {
    if (row.type !== type || row.loc.length !== loc.length) continue;
    if (row.msg && !row.msg.test(msg)) continue;
    if (row.loc.every((part, i) => (part === '*' ? typeof loc[i] === 'number' : part === loc[i]))) return row.fix;
  }
  return null;
}

/**
 * Field errors with the fix of the matching table row added. Only a Pydantic `detail` list carries the error
 * type the tables are keyed by; its items become the fields one for one, in order.
 */
export function withFieldFixes(fields: FieldError[], body: unknown, rows: readonly FieldFixRow[]): FieldError[] {
  const list = isObject(body) ? body.detail : body;
  if (rows.length === 0 || !isPydanticList(list) || list.length !== fields.length) return fields;
  return fields.map((f, i) => {
    const item = list[i];
    const fix = matchFieldFix(rows, String(item.type ?? ''), Array.isArray(item.loc) ? item.loc : [], String(item.msg ?? ''));
    return fix === null ? f : { ...f, fix };
  });
}
