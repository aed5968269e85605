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

/** Reads a Retry-After value: delay-seconds, or an HTTP-date measured from `referenceMs`. */
export function parseRetryAfter(value: string, referenceMs: number): number | null {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const date = Date.parse(v);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - referenceMs) / 1000));
}

/** Reads an X-RateLimit-Reset value: epoch seconds, epoch milliseconds, or seconds from now. */
export function parseResetValue(value: string, referenceMs: number): number | null {
  const v = value.trim();
  if (!/^\d+(\.\d+)?$/.test(v)) return parseRetryAfter(v, referenceMs);
  const n = Number(v);
  if (n > 1e12) return Math.max(0, Math.ceil((n - referenceMs) / 1000));
  if (n > 1e9) return Math.max(0, Math.ceil(n - referenceMs / 1000));
  return n;
}

/** The response's own clock (its Date header) when present, so saved responses are read as of then. */
function responseTime(headers: Record<string, string>, nowMs: number): number {
  const date = headers.date === undefined ? NaN : Date.parse(headers.date);
  return Number.isNaN(date) ? nowMs : date;
}

/** The `t` parameter of an IETF `RateLimit: "default";r=0;t=30` header. */
function rateLimitT(value: string | undefined): string | undefined {
  return value === undefined ? undefined : /(?:^|;)\s*t=(\d+)/.exec(value)?.[1];
}
