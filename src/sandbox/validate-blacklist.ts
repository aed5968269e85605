import { type PydanticError, missing, stringTooShort, tooLong, tooShort, wrongType } from './pydantic.js';

const MAX_ENTRIES = 10_000;

/** A new blacklist entry as sent. */
export interface EntryInput {
  company_name: string;
  website_url: string | null;
  external_id: string | null;
  city: string | null;
}

type Result<T> = { ok: true; value: T } | { ok: false; errors: PydanticError[] };

/** Checks a POST /blacklists body: a non-empty name, an optional description. */
export function validateBlacklist(body: Record<string, unknown>): Result<{ name: string; description: string | null }> {
  const errors: PydanticError[] = [];
  const name = body.name;
  if (name === undefined || name === null) errors.push(missing(['body', 'name'], body));
  else if (typeof name !== 'string') errors.push(wrongType(['body', 'name'], name, 'string'));
  else if (name.trim() === '') errors.push(stringTooShort(['body', 'name'], name, 1));
  const description = body.description;
  if (description !== undefined && description !== null && typeof description !== 'string') {
    errors.push(wrongType(['body', 'description'], description, 'string'));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { name: (name as string).trim(), description: (description as string | undefined) ?? null } };
}

/** Checks a PATCH /blacklists/{id} body: a non-empty name and a description, each optional. */
export function validateBlacklistUpdate(body: Record<string, unknown>): Result<{ name?: string; description?: string | null }> {
  const errors: PydanticError[] = [];
  const out: { name?: string; description?: string | null } = {};
  if (body.name !== undefined) {
    if (typeof body.name !== 'string') errors.push(wrongType(['body', 'name'], body.name, 'string'));
    else if (body.name.trim() === '') errors.push(stringTooShort(['body', 'name'], body.name, 1));
    else out.name = body.name.trim();
  }
  if (body.description !== undefined) {
    if (body.description !== null && typeof body.description !== 'string') errors.push(wrongType(['body', 'description'], body.description, 'string'));
    else out.description = body.description as string | null;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/** Checks a POST /blacklists/{id}/entries body: 1 to 10,000 entries, each with a company_name. */
export function validateEntries(body: Record<string, unknown>): Result<EntryInput[]> {
  const errors: PydanticError[] = [];
  const list = readList(body, 'entries', errors);
  if (list.length > MAX_ENTRIES) return { ok: false, errors: [tooLong(['body', 'entries'], list, MAX_ENTRIES)] };
  const out: EntryInput[] = [];
  list.forEach((e: unknown, i) => {
    const loc = ['body', 'entries', i];
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return void errors.push(wrongType(loc, e, 'dict'));
    const o = e as Record<string, unknown>;
    const name = o.company_name;
    if (name === undefined || name === null) errors.push(missing([...loc, 'company_name'], o));
    else if (typeof name !== 'string') errors.push(wrongType([...loc, 'company_name'], name, 'string'));
    else if (name.trim() === '') errors.push(stringTooShort([...loc, 'company_name'], name, 1));
    for (const key of ['website_url', 'external_id', 'city']) {
      if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'string') errors.push(wrongType([...loc, key], o[key], 'string'));
    }
    const text = (k: string) => (typeof o[k] === 'string' && o[k] !== '' ? (o[k] as string) : null);
    out.push({
      company_name: String(name ?? '').trim(), website_url: text('website_url'), external_id: text('external_id'), city: text('city'),
    });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

/** Checks a DELETE /blacklists/{id}/entries body: a non-empty list of entry ids. */
export function validateEntryIds(body: Record<string, unknown>): Result<string[]> {
  const errors: PydanticError[] = [];
  const list = readList(body, 'entry_ids', errors);
  list.forEach((id: unknown, i) => {
    if (typeof id !== 'string') errors.push(wrongType(['body', 'entry_ids', i], id, 'string'));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: list as string[] };
}

function readList(body: Record<string, unknown>, key: string, errors: PydanticError[]): unknown[] {
  const value = body[key];
  if (value === undefined || value === null) {
    errors.push(missing(['body', key], body));
    return [];
  }
  if (!Array.isArray(value)) {
    errors.push(wrongType(['body', key], value, 'list'));
    return [];
  }
  if (value.length === 0) errors.push(tooShort(['body', key], value, 1));
  return value;
}
