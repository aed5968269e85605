import { isObject } from './fields.js';

/**
 * The URL of the next page of an OpenProspect list (`{items, total, limit, offset, has_more}`), or null at
 * the end. Without `has_more` (the prospect-search list has none), `total` decides.
 */
export function nextPageUrl(url: string, body: unknown): string | null {
  if (!isObject(body) || !Array.isArray(body.items) || body.items.length === 0) return null;
  const offset = typeof body.offset === 'number' ? body.offset : 0;
  const next = offset + body.items.length;
  const more = typeof body.has_more === 'boolean' ? body.has_more : typeof body.total === 'number' && next < body.total;
  if (!more) return null;
  const u = new URL(url);
  u.searchParams.set('offset', String(next));
  if (typeof body.limit === 'number' && !u.searchParams.has('limit')) u.searchParams.set('limit', String(body.limit));
  return u.toString();
}

/** The list items of a page body, or null when it is not a list page. */
export function pageItems(body: unknown): unknown[] | null {
  return isObject(body) && Array.isArray(body.items) ? body.items : null;
}
