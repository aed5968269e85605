/** How long a response asks the client to wait, from its headers, in seconds; null when it does not say. */
export function retryAfterFromHeaders(
  headers: Record<string, string>, status: number | null, nowMs: number,
): { seconds: number; source: 'retry-after' | 'x-ratelimit-reset' } | null {
  const reference = responseTime(headers, nowMs);
  const header = headers['retry-after'];
  if (header !== undefined) {
    const seconds = parseRetryAfter(header, reference);
    if (seconds !== null) return { seconds, source: 'retry-after' };
  }
  // Reset headers come with every response; they only mean "wait" once the quota is spent.
  const spent = status === 429 || status === 503 || headers['x-ratelimit-remaining']?.trim() === '0';
  if (!spent) return null;
  const reset = headers['x-ratelimit-reset'] ?? headers['ratelimit-reset'] ?? rateLimitT(headers.ratelimit);
  if (reset === undefined) return null;
  const seconds = parseResetValue(reset, reference);
  return seconds === null ? null : { seconds, source: 'x-ratelimit-reset' };
}

/**
 * Reads a Retry-After value as RFC 9110 defines it: delay-seconds, or an HTTP-date measured from `referenceMs`.
 * Anything else (a negative number, prose, a lenient date) and a date already past are null, so the caller
 * falls back to its computed backoff instead of retrying at once.
 */
export function parseRetryAfter(value: string, referenceMs: number): number | null {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const date = parseHttpDate(v, referenceMs);
  if (date === null || date <= referenceMs) return null;
  return Math.ceil((date - referenceMs) / 1000);
}

/** Reads an X-RateLimit-Reset value: epoch seconds, epoch milliseconds, seconds from now, or an HTTP-date; past is null. */
export function parseResetValue(value: string, referenceMs: number): number | null {
  const v = value.trim();
  if (!/^\d+(\.\d+)?$/.test(v)) return parseRetryAfter(v, referenceMs);
  const n = Number(v);
  const epochMs = n > 1e12 ? n : n > 1e9 ? n * 1000 : null;
  if (epochMs === null) return n;
  return epochMs <= referenceMs ? null : Math.ceil((epochMs - referenceMs) / 1000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/** An HTTP-date in one of RFC 9110's three forms (IMF-fixdate, obsolete RFC 850, asctime), in ms; else null. */
export function parseHttpDate(v: string, referenceMs: number): number | null {
  let m = IMF_FIXDATE.exec(v);
  if (m) return utc(Number(m[3]), m[2], Number(m[1]), m[4], m[5], m[6]);
  m = RFC850.exec(v);
  if (m) {
    // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
    const yy = Number(m[3]);
    const year = 2000 + yy > new Date(referenceMs).getUTCFullYear() + 50 ? 1900 + yy : 2000 + yy;
    return utc(year, m[2], Number(m[1]), m[4], m[5], m[6]);
  }
  m = ASCTIME.exec(v);
  if (m) return utc(Number(m[6]), m[1], Number(m[2].trim()), m[3], m[4], m[5]);
  return null;
}

function utc(year: number, month: string, day: number, h: string, min: string, s: string): number | null {
  const ms = Date.UTC(year, MONTHS.indexOf(month), day, Number(h), Number(min), Number(s));
  // Rejects impossible dates that Date.UTC would roll over (31 Feb, 25:00).
  const d = new Date(ms);
  return d.getUTCDate() === day && d.getUTCHours() === Number(h) && Number(min) < 60 && Number(s) < 61 ? ms : null;
}

/** The response's own clock (its Date header) when present, so saved responses are read as of then. */
function responseTime(headers: Record<string, string>, nowMs: number): number {
  const date = headers.date === undefined ? null : parseHttpDate(headers.date.trim(), nowMs);
  return date ?? nowMs;
}

/** The `t` parameter of an IETF `RateLimit: "default";r=0;t=30` header. */
function rateLimitT(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /(?:^|;)\s*t=(\d+)/.exec(value)?.[1];
}
