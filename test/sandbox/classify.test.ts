import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import type { Attempt } from '../../src/core/types.js';
import { defaultCatalog } from '../../src/data/catalog.js';
import { READ_ONLY, type Res, sandbox } from './client.js';

function attempt(r: Res): Attempt {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: r.status, headers, body: r.text };
}

const classified = (r: Res) => classify(attempt(r), { catalog: defaultCatalog, now: Date.now() });

describe('sandbox errors are recognised by classify', () => {
  it('classifies every API error the sandbox sends as a known code', async () => {
    const s = await sandbox();
    const cases: [Promise<Res>, string, number][] = [
      [s.call('GET', '/api/v1/orders', { key: null }), 'UNAUTHORIZED', 401],
      [s.call('POST', '/api/v1/orders', { key: READ_ONLY, body: {} }), 'AUTHORIZATION_ERROR', 403],
      [s.call('GET', '/api/v1/orders/nope'), 'ORDER_NOT_FOUND', 404],
      [s.call('GET', '/api/v1/prospect-searches/nope'), 'PROSPECT_SEARCH_NOT_FOUND', 404],
      [s.call('GET', '/api/v1/blacklists/nope'), 'BLACKLIST_NOT_FOUND', 404],
      [s.call('GET', '/api/v1/nowhere'), 'NOT_FOUND', 404],
      [s.call('PUT', '/api/v1/orders'), 'METHOD_NOT_ALLOWED', 405],
      [s.call('POST', '/api/v1/orders', { body: { companies: [] } }), 'VALIDATION_ERROR', 422],
    ];
    for (const [pending, code, status] of cases) {
      const c = classified(await pending);
      expect(c, code).toMatchObject({ ok: false, status, code, known: true });
      expect(c.requestId).toMatch(/^req_/);
    }
    const fields = classified(await s.call('POST', '/api/v1/orders', { body: { companies: [{}] } })).fields;
    expect(fields).toEqual([{
      field: 'companies[0].company_name', message: expect.stringContaining('Field required'), fix: 'Every company needs company_name',
    }]);
    const tight = await sandbox({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await tight.call('GET', '/api/v1/orders');
    const limited = classified(await tight.call('GET', '/api/v1/orders'));
    expect(limited).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', known: true, retryable: true });
    expect(limited.retryAfter).toBeGreaterThan(0);
  });

  it('classifies scripted failures as retryable', async () => {
    const outage = await sandbox({ scenario: 'outage' });
    expect(classified(await outage.call('GET', '/api/v1/orders'))).toMatchObject({
      code: 'SERVICE_UNAVAILABLE', known: true, retryable: true, retryAfter: 5,
    });
    const gateway = await sandbox({ scenario: 'gateway' });
    expect(classified(await gateway.call('GET', '/api/v1/orders'))).toMatchObject({ status: 502, code: 'BAD_GATEWAY', known: true, retryable: true });
    expect(classified(await gateway.call('GET', '/api/v1/orders'))).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT', known: true });
  });
});
