import { describe, expect, it } from 'vitest';
import { READ_ONLY, sandbox } from './client.js';

const T0 = Date.parse('2026-11-21T12:00:00.250Z');

describe('sandbox: rate limit', () => {
  it('sends X-RateLimit-* on every response, then 429 with Retry-After and retry_after once the quota is spent', async () => {
    let now = T0;
    const s = await sandbox({ rateLimit: { limit: 2, windowMs: 60_000 }, now: () => now });
    const first = await s.call('GET', '/api/v1/orders');
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(Math.ceil((T0 + 60_000) / 1000)),
    });
    expect((await s.call('GET', '/api/v1/orders/x')).headers['x-ratelimit-remaining']).toBe('0');
    now += 15_000;
    const limited = await s.call('GET', '/api/v1/orders');
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded. Retry after 45 seconds.', retry_after: 45 });
    expect(limited.headers['retry-after']).toBe('45');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(s.logs[2]).toMatch(/^GET \/api\/v1\/orders → 429 RATE_LIMIT_EXCEEDED \(\d+ ms\)$/);
    // The quota is per key, and a new window starts afresh.
    expect((await s.call('GET', '/api/v1/orders', { key: READ_ONLY })).status).toBe(200);
    now += 45_000;
    expect((await s.call('GET', '/api/v1/orders')).status).toBe(200);
  });

  it('does not count /health', async () => {
    const s = await sandbox({ rateLimit: { limit: 1, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await s.call('GET', '/health')).status).toBe(200);
    expect((await s.call('GET', '/api/v1/orders')).status).toBe(200);
  });

  it('allows 3 requests per 10 s under the rate-limited scenario', async () => {
    const s = await sandbox({ scenario: 'rate-limited', now: () => T0 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.call('GET', '/api/v1/blacklists')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const r = await s.call('GET', '/api/v1/blacklists');
    expect(r.headers).toMatchObject({ 'retry-after': '10', 'x-ratelimit-limit': '3', 'x-ratelimit-remaining': '0' });
    expect(r.json.retry_after).toBe(10);
  });
});
