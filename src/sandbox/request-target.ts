/** A request target split into its path (trailing slash removed) and query, or why it cannot be served. */
export type Target = { ok: true; path: string; query: URLSearchParams } | { ok: false; reason: string };

// RFC 3986 pchar plus "/": unreserved, sub-delims, ":", "@" and well-formed percent escapes.
const PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/**
 * Reads the request line's target without a URL parser, so that no target can throw. Origin form
 * (`/api/v1/orders?limit=5`) and absolute form (`http://host/api/v1/orders`, what proxies send) are served;
 * anything else, and a path starting with `//` (which URL parsers read as a host), is refused.
 */
export function parseTarget(raw: string): Target {
  let target = raw;
  const absolute = /^https?:\/\/[^/?#]*/i.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  const hash = target.indexOf('#');
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (!path.startsWith('/')) return { ok: false, reason: 'the request target must be a path such as /api/v1/orders' };
  if (path.startsWith('//')) return { ok: false, reason: 'the request target starts with "//", which clients read as a host name' };
  if (!PATH.test(path)) {
    return { ok: false, reason: 'the request path holds a character that must be percent-encoded, or a broken %-escape' };
  }
  return {
    ok: true,
    path: path.length > 1 ? path.replace(/\/+$/, '') : path,
    query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)),
  };
}
