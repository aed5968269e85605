import { isSecretName } from './redact.js';

/** How many redirects one attempt follows before it fails as a redirect loop. */
export const MAX_REDIRECTS = 10;

/** One redirect that an attempt met, and what was done about it. */
export interface RedirectHop {
  status: number;
  from: string;
  to: string;
  /** followed; followed without the credentials; or not followed, and why. */
  action: 'followed' | 'followed-without-credentials' | 'not-followed';
  note: string | null;
}

/** What to send next after a redirect, or why the redirect response is the answer. */
export type RedirectPlan =
  | { follow: true; url: URL; method: string; dropBody: boolean; dropCredentials: boolean; note: string | null }
  | { follow: false; note: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** True for a response status that redirects (and carries a Location to follow). */
export function isRedirect(status: number | null, location: string | undefined): boolean {
  return status !== null && REDIRECTS.has(status) && location !== undefined && location.trim() !== '';
}

/**
 * Decides how to follow a redirect without leaking: credentials never go to another origin; a redirect from
 * https to http is not followed at all (the credentials and the body would travel in clear); a body is never
 * re-sent to another origin (a 307/308 that asks for it is not followed).
 */
export function planRedirect(from: URL, status: number, location: string, method: string, hasBody: boolean): RedirectPlan {
  let url: URL;
  try {
    url = new URL(location.trim(), from);
  } catch {
    return { follow: false, note: `the Location '${location}' is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { follow: false, note: `a redirect to ${url.protocol} is not followed` };
  if (from.protocol === 'https:' && url.protocol === 'http:') {
    return { follow: false, note: 'a redirect from https to plain http is not followed: it would send the request in clear' };
  }
  const sameOrigin = url.origin === from.origin;
  // 303 always, and 301/302 after POST (as browsers and curl do), turn into a GET without a body.
  const toGet = status === 303 || ((status === 301 || status === 302) && method === 'POST');
  const nextMethod = toGet && method !== 'HEAD' ? 'GET' : method;
  const keepsBody = hasBody && !toGet;
  if (keepsBody && !sameOrigin) return { follow: false, note: `a ${status} to another origin (${url.origin}) would re-send the body there: not followed` };
  return {
    follow: true, url, method: nextMethod, dropBody: !keepsBody, dropCredentials: !sameOrigin,
    note: sameOrigin ? null : `another origin (${url.origin}): the key and credential headers were not sent`,
  };
}

/** The headers to send after a redirect: without the body's headers, and without credentials for another origin. */
export function headersAfterRedirect(headers: Record<string, string>, plan: { dropBody: boolean; dropCredentials: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (plan.dropCredentials && (isSecretName(name) || name === 'authorization' || name === 'cookie')) continue;
    if (plan.dropBody && (name === 'content-type' || name === 'content-length')) continue;
    out[name] = value;
  }
  return out;
}
