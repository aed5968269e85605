import { UsageError } from './errors.js';
import { maskUserinfo } from './redact.js';

/** Joins a path to the base URL; a full URL is used as it is, and a path that repeats the base path is not doubled. */
export function joinUrl(base: string, target: string): URL {
  if (/^https?:\/\//i.test(target)) {
    try {
      return new URL(target);
    } catch {
      throw new UsageError(`'${maskUserinfo(target)}' is not a URL`);
    }
  }
  let baseUrl: URL;
  try {
    baseUrl = new URL(base);
  } catch {
    throw new UsageError(`the base URL '${maskUserinfo(base)}' is not a URL`);
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const path = target.startsWith('/') ? target : `/${target}`;
  const full = basePath && (path === basePath || path.startsWith(`${basePath}/`)) ? path : `${basePath}${path}`;
  return new URL(full, baseUrl.origin);
}

/** The one check of a key's form: a live or a test key, or null when it does not look like one. */
export function keyKind(key: string): 'live' | 'test' | null {
  const m = /^lnc_(live|test)_[A-Za-z0-9_-]+$/.exec(key);
  return m ? (m[1] as 'live' | 'test') : null;
}

/** The request carries an idempotency key: one given with -H, or the flag's (`auto` makes a new one). */
export function idempotencyHeader(
  headers: Record<string, string>, flag: string | undefined, newKey: () => string,
): { value: string; fromFlag: boolean } | null {
  if (flag !== undefined) return { value: flag === 'auto' ? newKey() : flag, fromFlag: true };
  return headers['idempotency-key'] !== undefined ? { value: headers['idempotency-key'], fromFlag: false } : null;
}
