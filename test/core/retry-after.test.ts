import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { decide, DEFAULT_POLICY } from '../../src/core/retry-policy.js';
import { parseHttpDate, parseResetValue, parseRetryAfter, retryAfterFromHeaders } from '../../src/core/retry-after.js';
import { defaultCatalog } from '../../src/data/catalog.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);

describe('Retry-After, strictly as RFC 9110 says', () => {
  it('reads delta-seconds and the three HTTP-date forms', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:30 GMT', NOW)).toBe(30);
    expect(parseRetryAfter('Saturday, 21-Nov-26 12:01:00 GMT', NOW)).toBe(60);
    expect(parseRetryAfter('Sat Nov 21 12:00:10 2026', NOW)).toBe(10);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(Date.UTC(1994, 10, 6, 8, 49, 37));
  });

  it('refuses negative numbers, prose, lenient dates, impossible dates and dates in the past', () => {
    for (const v of ['-5', 'soon 2', '2 soon', '1.5', '+3', 'tomorrow', '2026-11-21T12:00:30Z', 'Sat, 31 Feb 2026 12:00:30 GMT',
      'Sat, 21 Nov 2026 12:00:30 UTC', 'Fri, 20 Nov 2026 12:00:00 GMT', 'Sat, 21 Nov 2026 12:00:00 GMT', '']) {
      expect(parseRetryAfter(v, NOW), v).toBeNull();
    }
  });

  it('treats an X-RateLimit-Reset in the past as absent', () => {
    expect(parseResetValue(String(NOW / 1000 - 10), NOW)).toBeNull();
    expect(parseResetValue(String(NOW - 10_000), NOW)).toBeNull();
    expect(parseResetValue(String(NOW / 1000 + 30), NOW)).toBe(30);
    expect(retryAfterFromHeaders({ 'x-ratelimit-reset': String(NOW / 1000 - 1) }, 429, NOW)).toBeNull();
  });

  it('falls back to the computed backoff, never to a zero wait, when the value is unusable', () => {
    for (const v of ['-5', 'soon 2', 'Fri, 20 Nov 2026 12:00:00 GMT']) {
      const c = classify({ status: 429, headers: { 'retry-after': v }, body: '{}' }, { catalog: defaultCatalog, now: NOW });
      const d = decide({ attempt: 1, classification: c, method: 'GET', idempotencyKey: false, elapsedMs: 0 },
        { ...DEFAULT_POLICY, limit: 3, jitter: 'none' }, () => 0.5);
      expect(d, v).toEqual({ retry: true, delayMs: 1000, reason: 'backoff' });
    }
  });
});

describe('waits longer than a timer can hold', () => {
  it('are logged in days, and slept in pieces instead of firing after 1 ms', async () => {
    const { retryLogLine } = await import('../../src/render/retry-log.js');
    const c = classify({ status: 429, headers: { 'retry-after': '3000000' }, body: '{}' }, { catalog: defaultCatalog, now: NOW });
    const policy = { ...DEFAULT_POLICY, limit: 2, maxTimeMs: null };
    const d = decide({ attempt: 1, classification: c, method: 'GET', idempotencyKey: false, elapsedMs: 0 }, policy, () => 0.5);
    expect(d).toEqual({ retry: true, delayMs: 3_000_000_000, reason: 'retry-after' });
    const line = retryLogLine({ attempt: 1, status: 429, transport: null, code: c.code, durationMs: 5, waitMs: 3e9, waitReason: 'retry-after' },
      c, d, 5, policy, 'GET', undefined);
    expect(line).toContain('waiting 35 days (Retry-After)');
  });
});
