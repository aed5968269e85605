import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedServer, startServer } from '../helpers/server.js';
import { runBin } from '../helpers/bin.js';
import { KEY, call } from '../helpers/call.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const serve = async (...replies: Parameters<typeof startServer>[0]) => (server = await startServer(replies));
const unavailable = { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } } };
const ok = { status: 200, body: { items: [], total: 0 } };

describe('call: the request', () => {
  it('joins the path to the base URL, adds the query and sends the key as a bearer token', async () => {
    const s = await serve(ok);
    const r = await call({ method: 'get', target: '/orders', baseUrl: `${s.url}/api/v1`, query: ['limit=10'] });
    expect(r.code).toBe(0);
    expect(s.requests[0]).toMatchObject({ method: 'GET', url: '/api/v1/orders?limit=10' });
    expect(s.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(s.requests[0].headers['user-agent']).toMatch(/^op-errors\//);
    expect(r.out).toContain(`GET ${s.url}/api/v1/orders?limit=10`);
    expect(r.out).toContain('✔ 200 OK');
  });

  it('exits 2 naming the variable when the key is missing, and warns about an odd prefix', async () => {
    const s = await serve(ok);
    const missing = await call({ method: 'GET', target: `${s.url}/x` }, { XDG_CONFIG_HOME: '/nonexistent' }).catch((e) => e);
    expect(String(missing)).toMatch(/OPENPROSPECT_API_KEY is not set/);
    const odd = await call({ method: 'GET', target: `${s.url}/x` }, { OPENPROSPECT_API_KEY: 'sk_wrongprefix123', XDG_CONFIG_HOME: '/none' });
    expect(odd.err).toMatch(/does not look like lnc_live_... or lnc_test_.../);
    expect(odd.code).toBe(0);
  });

  it('checks -d JSON before sending and points at the mistake', async () => {
    const s = await serve(ok);
    const bad = await call({ method: 'POST', target: `${s.url}/orders`, data: '{"title": "x",\n "companies": [}' }).catch((e) => e);
    expect(String(bad)).toMatch(/invalid JSON at line 2, column 16/);
    expect(s.requests).toHaveLength(0);
  });

  it('refuses to send the key over plain http to another host', async () => {
    const r = await call({ method: 'GET', target: 'http://api.example.com/orders' }).catch((e) => e);
    expect(String(r)).toMatch(/refusing to send the API key over plain http to api.example.com/);
  });
});

describe('call: retries', () => {
  it('retries 503 → 429 → 200, waiting as Retry-After and X-RateLimit-Reset say, logging before each wait', async () => {
    const s = await serve(
      { ...unavailable, headers: { 'retry-after': '2' } },
      { status: 429, headers: { 'x-ratelimit-reset': '3', 'x-ratelimit-remaining': '0' }, body: { error: 'RATE_LIMIT_EXCEEDED' } },
      ok,
    );
    const r = await call({ method: 'GET', target: `${s.url}/orders`, retry: 5, json: undefined } as never, undefined, { json: true });
    expect(r.code).toBe(0);
    expect(r.waits).toEqual([2000, 3000]);
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toMatch(/^op-errors: attempt 1 of 6: HTTP 503 SERVICE_UNAVAILABLE .*: retryable; waiting 2\.0 s \(Retry-After\); .* left before the 5 min deadline$/);
    expect(lines[1]).toMatch(/attempt 2 of 6: HTTP 429 RATE_LIMIT_EXCEEDED .*waiting 3\.0 s \(X-RateLimit-Reset\)/);
    expect(lines[2]).toMatch(/attempt 3 of 6: HTTP 200: succeeded after 2 retries/);
    const out = JSON.parse(r.out);
    expect(out.attempts.map((a: { status: number; waitReason: string }) => [a.status, a.waitReason]))
      .toEqual([[503, 'retry-after'], [429, 'x-ratelimit-reset'], [200, null]]);
    expect(out).toMatchObject({ ok: true, request: { method: 'GET' }, body: { items: [], total: 0 } });
  });

  it('backs off exponentially with jitter when the server names no wait, capped by --retry-max-delay', async () => {
    const s = await serve(unavailable);
    const r = await call({ method: 'GET', target: `${s.url}/x`, retry: 4, retryMaxDelay: 3, jitter: 'none' });
    expect(r.waits).toEqual([1000, 2000, 3000, 3000]);
    expect(r.code).toBe(75);
    expect(r.err).toMatch(/attempt 5 of 5: HTTP 503 SERVICE_UNAVAILABLE: gave up after 4 retries/);
    const full = await call({ method: 'GET', target: `${s.url}/x`, retry: 2 });
    expect(full.waits).toEqual([500, 1000]);
  });

  it('starts the backoff at --retry-base-delay, logged before each wait', async () => {
    const s = await serve(unavailable, unavailable, unavailable, ok);
    const r = await runBin(['call', `${s.url}/x`, '--retry', '3', '--retry-base-delay', '0.05', '--jitter', 'none', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).attempts.map((a: { waitMs: number | null }) => a.waitMs)).toEqual([50, 100, 200, null]);
    expect(r.err).toMatch(/attempt 1 of 4: HTTP 503 .*waiting 0\.1 s \(backoff\)/);
    expect(r.err).toMatch(/attempt 3 of 4: HTTP 503 .*waiting 0\.2 s \(backoff\)/);
  });

  it('stops at once when the next wait would pass the deadline, and says so', async () => {
    const s = await serve({ status: 429, headers: { 'retry-after': '3600' }, body: { error: 'RATE_LIMIT_EXCEEDED' } });
    const r = await call({ method: 'GET', target: `${s.url}/x`, retry: 3, retryMaxTime: 60 });
    expect(r.waits).toEqual([]);
    expect(r.code).toBe(75);
    expect(r.err).toMatch(/stopped: the next wait of 1 h would pass the 1 min deadline \(--retry-max-time\)/);
  });

  it('does not retry a non-retryable error, and explains the fix', async () => {
    const s = await serve({ status: 404, body: { code: 'ORDER_NOT_FOUND', message: 'Order 1 not found' } });
    const r = await call({ method: 'GET', target: `${s.url}/orders/1`, retry: 3 });
    expect(s.requests).toHaveLength(1);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✖ 404 ORDER_NOT_FOUND/);
    expect(r.out).toContain('GET /api/v1/orders');
  });

  it('retries POST only on 429 or with an idempotency key, and says why not otherwise', async () => {
    const s = await serve(unavailable, ok);
    const plain = await call({ method: 'POST', target: `${s.url}/orders`, data: '{}', retry: 3 });
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/not retried: POST is not idempotent .*--idempotency-key auto/);
    expect(s.requests).toHaveLength(1);
    const s2 = await startServer([unavailable, unavailable, ok]);
    try {
      const keyed = await call({ method: 'POST', target: `${s2.url}/orders`, data: '{}', retry: 3, idempotencyKey: 'auto' });
      expect(keyed.code).toBe(0);
      const keys = s2.requests.map((q) => q.headers['idempotency-key']);
      expect(new Set(keys).size).toBe(1);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await s2.close();
    }
  });

  it('classifies transport failures: a reset connection is retried, a timeout too, and exhausted retries exit 75', async () => {
    const s = await serve('reset', ok);
    const r = await call({ method: 'GET', target: `${s.url}/x`, retry: 2 });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/attempt 1 of 3: ECONNRESET \(CONNECTION_RESET\)/);
    const hang = await startServer(['hang']);
    try {
      const t = await call({ method: 'GET', target: `${hang.url}/x`, retry: 1, timeout: 0.2 }, undefined, { json: true });
      expect(t.code).toBe(75);
      expect(JSON.parse(t.out)).toMatchObject({ code: 'NETWORK_TIMEOUT', retryable: true, status: null });
    } finally {
      await hang.close();
    }
    const refused = await call({ method: 'GET', target: 'http://127.0.0.1:9/x' }, undefined, { json: true });
    expect(refused.code).toBe(75);
    expect(JSON.parse(refused.out).code).toBe('CONNECTION_REFUSED');
  });

  it('reads an HTML 502 and a 2xx with broken JSON', async () => {
    const s = await serve({ status: 502, headers: { 'content-type': 'text/html' }, body: '<html><title>502 Bad Gateway</title></html>' });
    const r = await call({ method: 'GET', target: `${s.url}/x` }, undefined, { json: true });
    expect(JSON.parse(r.out)).toMatchObject({ code: 'BAD_GATEWAY', message: '502 Bad Gateway', body: '<html><title>502 Bad Gateway</title></html>' });
    const s2 = await startServer([{ status: 200, headers: { 'content-type': 'application/json' }, body: '{"items": [' }]);
    try {
      const b = await call({ method: 'GET', target: `${s2.url}/x` }, undefined, { json: true });
      expect(b.code).toBe(0);
      expect(JSON.parse(b.out)).toMatchObject({ ok: true, body: '{"items": [' });
    } finally {
      await s2.close();
    }
  });
});
