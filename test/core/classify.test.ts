import { describe, expect, it } from 'vitest';
import { classify, unreadableReason } from '../../src/core/classify.js';
import { defaultCatalog } from '../../src/data/catalog.js';
import type { Attempt } from '../../src/core/types.js';

const now = Date.parse('2026-11-21T12:00:00Z');
const opts = { catalog: defaultCatalog, now };
const res = (status: number | null, body: unknown, headers: Record<string, string> = {}): Attempt =>
  ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('classify: envelopes', () => {
  it('treats 2xx as success with no code, and a bare success body as ok', () => {
    expect(classify(res(200, { items: [] }), opts)).toMatchObject({ ok: true, code: null, retry: 'none', retryable: false, fix: null });
    expect(classify(res(null, { valid: true, scopes: ['orders:read'] }), opts)).toMatchObject({ ok: true, status: null });
  });

  it('treats success:false as an error even under 200', () => {
    expect(classify(res(200, { success: false, error: 'Lead not found', code: 'LEAD_NOT_FOUND' }), opts))
      .toMatchObject({ ok: false, code: 'LEAD_NOT_FOUND', message: 'Lead not found' });
  });

  it('gives a body without a code the generic code of its status', () => {
    expect(classify(res(401, { detail: 'Not authenticated' }), opts))
      .toMatchObject({ code: 'UNAUTHORIZED', known: true, message: 'Not authenticated', retry: 'none' });
    expect(classify(res(503, ''), opts)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, message: expect.any(String) });
  });

  it('classifies an unknown code by its status rule, with known: false', () => {
    expect(classify(res(409, { code: 'SEAT_TAKEN', message: 'x' }), opts))
      .toMatchObject({ code: 'SEAT_TAKEN', known: false, retry: 'refresh', fix: defaultCatalog.get('CONFLICT')!.fix });
    expect(classify(res(507, { code: 'DISK_FULL' }), opts)).toMatchObject({ known: false, retry: 'backoff', retryable: true });
    expect(classify(res(418, {}), opts)).toMatchObject({ code: 'HTTP_418', known: false, retry: 'none' });
    expect(classify(res(null, { code: 'NEVER_HEARD_OF_IT', message: 'm' }), opts))
      .toMatchObject({ code: 'NEVER_HEARD_OF_IT', status: null, known: false, retry: 'none', fix: expect.stringContaining('--status') });
  });

  it('lets a code rule win over its status rule', () => {
    expect(classify(res(409, { code: 'RESOURCE_LOCKED' }), opts)).toMatchObject({ retry: 'backoff', retryable: true });
    expect(classify(res(409, { code: 'DUPLICATE_ENTRY' }), opts)).toMatchObject({ retry: 'none' });
    expect(classify(res(401, { code: 'TOKEN_EXPIRED' }), opts)).toMatchObject({ retry: 'reauth', retryable: false });
    expect(classify(res(401, { code: 'session_expired' }), opts)).toMatchObject({ retry: 'reauth', known: true });
  });

  it('reads RFC 9457 problem details', () => {
    const problem = { type: 'https://errors.example/problems/order-not-found', title: 'Order not found', status: 404, detail: 'No order 42', instance: '/orders/42' };
    expect(classify(res(null, problem, { 'content-type': 'application/problem+json' }), opts))
      .toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND', known: true, message: 'No order 42', details: { instance: '/orders/42' } });
    const plain = { type: 'about:blank', title: 'Too Many Requests', status: 429 };
    expect(classify(res(429, plain), opts)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', message: 'Too Many Requests' });
  });

  it('reads Google-style errors with a numeric code and a status name', () => {
    expect(classify(res(null, { error: { code: 503, message: 'down', status: 'UNAVAILABLE' } }), opts))
      .toMatchObject({ status: 503, code: 'UNAVAILABLE', known: false, retry: 'backoff' });
  });

  it('reads HTML and plain-text error pages', () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    expect(classify(res(502, html, { 'content-type': 'text/html' }), opts)).toMatchObject({ code: 'BAD_GATEWAY', message: '502 Bad Gateway', retryable: true });
    expect(classify(res(null, html), opts)).toMatchObject({ status: 502, code: 'BAD_GATEWAY' });
    expect(classify(res(504, 'upstream request timeout'), opts)).toMatchObject({ code: 'GATEWAY_TIMEOUT', message: 'upstream request timeout' });
  });

  it('keeps the remaining context in details and leaves out what it surfaced', () => {
    const c = classify(res(500, { success: false, error: 'boom', code: 'INTERNAL_ERROR', timestamp: 't', requestId: 'req_1', details: { shard: 3 } }), opts);
    expect(c.details).toEqual({ timestamp: 't', shard: 3 });
    expect(c.requestId).toBe('req_1');
  });

  it('does not repeat in details the message it surfaced, whichever key held it', () => {
    const bodies = [
      { ok: false, description: 'Order not found' },
      { error: { description: 'Order not found', reason: 'gone' } },
      { code: 'ORDER_NOT_FOUND', msg: 'Order not found', description: 'Order not found' },
    ];
    for (const body of bodies) {
      const c = classify(res(404, body), opts);
      expect(c.message).toBe('Order not found');
      expect(Object.values(c.details)).not.toContain('Order not found');
    }
    expect(classify(res(404, { ok: false, description: 'Order not found', note: 'kept' }), opts).details).toEqual({ ok: false, note: 'kept' });
  });

  it('takes the request id from the X-Request-Id header when the body has none', () => {
    expect(classify(res(500, {}, { 'x-request-id': 'abc' }), opts).requestId).toBe('abc');
  });
});

describe('classify: waits', () => {
  it('reads Retry-After in seconds and as an HTTP-date relative to the Date header', () => {
    expect(classify(res(429, {}, { 'retry-after': '17' }), opts).retryAfter).toBe(17);
    const dated = { date: 'Sat, 21 Nov 2026 10:00:00 GMT', 'retry-after': 'Sat, 21 Nov 2026 10:01:30 GMT' };
    expect(classify(res(503, {}, dated), opts).retryAfter).toBe(90);
    expect(classify(res(503, {}, { 'retry-after': 'Sat, 21 Nov 2026 12:00:45 GMT' }), opts).retryAfter).toBe(45);
  });

  it('reads X-RateLimit-Reset as epoch seconds or as seconds, only once the quota is spent', () => {
    const epoch = String(now / 1000 + 30);
    expect(classify(res(429, {}, { 'x-ratelimit-reset': epoch }), opts).retryAfter).toBe(30);
    expect(classify(res(429, {}, { 'x-ratelimit-reset': '12' }), opts).retryAfter).toBe(12);
    expect(classify(res(404, {}, { 'x-ratelimit-reset': '12', 'x-ratelimit-remaining': '40' }), opts).retryAfter).toBeNull();
  });

  it('prefers Retry-After, then a body retry_after, then X-RateLimit-Reset', () => {
    const h = { 'retry-after': '5', 'x-ratelimit-reset': '50' };
    expect(classify(res(429, { retry_after: 20 }, h), opts).retryAfter).toBe(5);
    expect(classify(res(429, { retry_after: 20 }, { 'x-ratelimit-reset': '50' }), opts).retryAfter).toBe(20);
  });
});

describe('classify: transport failures', () => {
  const fail = (code: string): Attempt => ({ status: null, headers: {}, body: '', transport: { code, message: `curl: (${code}) x` } });
  it('maps curl exit codes and errno names to catalog codes', () => {
    expect(classify(fail('curl:7'), opts)).toMatchObject({ code: 'CONNECTION_REFUSED', retryable: true, status: null });
    expect(classify(fail('curl:28'), opts)).toMatchObject({ code: 'NETWORK_TIMEOUT', retryable: true });
    expect(classify(fail('ECONNRESET'), opts)).toMatchObject({ code: 'CONNECTION_RESET', retryable: true });
    expect(classify(fail('curl:60'), opts)).toMatchObject({ code: 'TLS_FAILURE', retryable: false, retry: 'none' });
    expect(classify(fail('curl:47'), opts)).toMatchObject({ code: 'REDIRECT_LOOP', known: true, retry: 'none' });
    expect(classify(fail('curl:3'), opts)).toMatchObject({ code: 'CURL_3', known: false, retry: 'none' });
  });
});

describe('unreadableReason', () => {
  const ex = (a: Attempt) => ({ attempts: [a], source: { input: '-', line: 1 } });
  it('refuses text with no status unless --status is given or the page names one', () => {
    expect(unreadableReason(ex(res(null, 'hello there')), undefined)).toMatch(/expected a JSON body/);
    expect(unreadableReason(ex(res(null, 'hello there')), 500)).toBeNull();
    expect(unreadableReason(ex(res(null, '<title>503 Service Unavailable</title>')), undefined)).toBeNull();
    expect(unreadableReason(ex(res(null, { code: 'X' })), undefined)).toBeNull();
  });
});

describe('classify: hostile bodies', () => {
  it('keeps a "__proto__" key as data in details', () => {
    const c = classify(res(400, '{"code":"BAD_REQUEST","__proto__":{"polluted":true}}'), opts);
    expect(Object.getPrototypeOf(c.details)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(c.details))).toEqual({ ['__proto__']: { polluted: true } });
  });
});
