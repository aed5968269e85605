import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { DEFAULT_POLICY, backoffDelay, decide, type RetryPolicy } from '../../src/core/retry-policy.js';
import { defaultCatalog } from '../../src/data/catalog.js';

const policy: RetryPolicy = { ...DEFAULT_POLICY, limit: 5 };
const c = (status: number, body: unknown = {}, headers: Record<string, string> = {}) =>
  classify({ status, headers, body: JSON.stringify(body) }, { catalog: defaultCatalog, now: 0 });
const input = (classification: ReturnType<typeof c>, extra: Partial<Parameters<typeof decide>[0]> = {}) =>
  ({ attempt: 1, classification, method: 'GET', idempotencyKey: false, elapsedMs: 0, ...extra });

describe('retry policy', () => {
  it('retries only backoff outcomes, and stops with the reason otherwise', () => {
    expect(decide(input(c(200)), policy, () => 0.5)).toEqual({ retry: false, reason: 'success' });
    expect(decide(input(c(404)), policy, () => 0.5)).toEqual({ retry: false, reason: 'not-retryable' });
    expect(decide(input(c(401, { code: 'TOKEN_EXPIRED' })), policy, () => 0.5)).toEqual({ retry: false, reason: 'not-retryable' });
    expect(decide(input(c(409)), policy, () => 0.5)).toEqual({ retry: false, reason: 'not-retryable' });
    expect(decide(input(c(503)), { ...policy, limit: 0 }, () => 0.5)).toEqual({ retry: false, reason: 'retry-off' });
    expect(decide(input(c(503), { attempt: 6 }), policy, () => 0.5)).toEqual({ retry: false, reason: 'limit' });
  });

  it('uses the wait the server names, from any source, over the computed one', () => {
    expect(decide(input(c(429, {}, { 'retry-after': '17' })), policy, () => 0.5)).toEqual({ retry: true, delayMs: 17_000, reason: 'retry-after' });
    expect(decide(input(c(429, { retry_after: 4 })), policy, () => 0.5)).toEqual({ retry: true, delayMs: 4000, reason: 'retry_after' });
    expect(decide(input(c(429, {}, { 'x-ratelimit-reset': '9' })), policy, () => 0.5)).toEqual({ retry: true, delayMs: 9000, reason: 'x-ratelimit-reset' });
  });

  it('computes full, equal and no jitter within the cap', () => {
    const p = { ...policy, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, { ...p, jitter: 'none' }, () => 0.5))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(3, { ...p, jitter: 'full' }, () => 0.25)).toBe(1000);
    expect(backoffDelay(3, { ...p, jitter: 'equal' }, () => 0)).toBe(2000);
    for (let n = 1; n < 60; n++) {
      for (const r of [0, 0.3, 0.999, 1, 7, -1, Number.NaN]) {
        const d = backoffDelay(n, { ...p, jitter: 'full' }, () => r);
        expect(d >= 0 && d <= 5000, `${n} ${r} → ${d}`).toBe(true);
      }
    }
  });

  it('stops instead of waiting past the deadline', () => {
    const d = decide(input(c(429, {}, { 'retry-after': '3600' }), { elapsedMs: 1000 }), { ...policy, maxTimeMs: 60_000 }, () => 0.5);
    expect(d).toEqual({ retry: false, reason: 'deadline', delayMs: 3_600_000 });
  });

  it('never retries POST or PATCH unsafely', () => {
    for (const method of ['POST', 'PATCH', 'post']) {
      expect(decide(input(c(503), { method }), policy, () => 0.5).retry).toBe(false);
      expect(decide(input(c(500), { method }), policy, () => 0.5)).toEqual({ retry: false, reason: 'unsafe-method' });
      expect(decide(input(c(429), { method }), policy, () => 0.5).retry).toBe(true);
      expect(decide(input(c(503), { method, idempotencyKey: true }), policy, () => 0.5).retry).toBe(true);
      expect(decide(input(c(503), { method }), { ...policy, retryUnsafe: true }, () => 0.5).retry).toBe(true);
    }
    const refused = classify({ status: null, headers: {}, body: '', transport: { code: 'ECONNREFUSED', message: '' } }, { catalog: defaultCatalog, now: 0 });
    expect(decide(input(refused, { method: 'POST' }), policy, () => 0.5).retry).toBe(true);
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) expect(decide(input(c(503), { method }), policy, () => 0.5).retry).toBe(true);
  });
});
