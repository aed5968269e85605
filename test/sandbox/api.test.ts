import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { READ_ONLY, sandbox } from './client.js';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('sandbox: health, keys and scopes', () => {
  it('answers /health at the root without a key, with a Date and a request id', async () => {
    const s = await sandbox();
    const r = await s.call('GET', '/health', { key: null });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ service: 'OpenProspect API', status: 'healthy' });
    expect(r.headers.date).toBeTruthy();
    expect(r.headers['x-request-id']).toMatch(/^req_[0-9a-f]{16}$/);
  });

  it('validates a key and lists its scopes', async () => {
    const s = await sandbox();
    expect((await s.call('GET', '/api/v1/auth/validate')).json).toEqual({ valid: true, scopes: [
      'orders:read', 'orders:write', 'prospect_searches:read', 'prospect_searches:write', 'blacklists:read', 'blacklists:write',
      'companies:read', 'prospects:read',
    ] });
    expect((await s.call('GET', '/api/v1/auth/validate', { key: READ_ONLY })).json.scopes).toEqual([
      'orders:read', 'prospect_searches:read', 'blacklists:read', 'companies:read', 'prospects:read',
    ]);
  });

  it('answers 401 UNAUTHORIZED without a key and for an unknown key, never echoing the key', async () => {
    const s = await sandbox();
    const none = await s.call('GET', '/api/v1/orders', { key: null });
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ code: 'UNAUTHORIZED', message: 'Authentication required', details: { reason: 'no_token' } });
    expect(none.headers['www-authenticate']).toBe('Bearer');
    const wrong = await s.call('GET', '/api/v1/orders', { key: 'lnc_live_s3cretvalue123' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ code: 'UNAUTHORIZED', message: 'Invalid API key' });
    expect(wrong.text).not.toContain('s3cretvalue123');
  });

  it('answers 403 AUTHORIZATION_ERROR with required and held scopes for a read-only key on POST /orders', async () => {
    const s = await sandbox();
    const r = await s.call('POST', '/api/v1/orders', { key: READ_ONLY, body: { companies: [{ company_name: 'X' }] } });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({
      code: 'AUTHORIZATION_ERROR', message: 'Missing required scopes: orders:write',
      details: {
        required_scopes: ['orders:write'],
        user_scopes: ['orders:read', 'prospect_searches:read', 'blacklists:read', 'companies:read', 'prospects:read'],
      },
    });
    expect((await s.call('DELETE', `/api/v1/blacklists/${SEED_IDS.blacklist}`, { key: READ_ONLY })).json.details.required_scopes)
      .toEqual(['blacklists:write']);
  });
});

describe('sandbox: routing', () => {
  it('answers 404 NOT_FOUND for an unknown route and 405 with Allow for a wrong method', async () => {
    const s = await sandbox();
    const unknown = await s.call('GET', '/api/v1/invoices');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: 'NOT_FOUND' });
    expect((await s.call('GET', '/orders')).json.message).toMatch(/under \/api\/v1/);
    const wrong = await s.call('PATCH', '/api/v1/orders');
    expect(wrong.status).toBe(405);
    expect(wrong.json).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
    expect(wrong.headers.allow).toBe('POST, GET, HEAD');
    expect((await s.call('PUT', `/api/v1/blacklists/${SEED_IDS.blacklist}/entries`)).headers.allow).toBe('POST, GET, DELETE, HEAD');
  });

  it('answers 404 with the resource code, flat envelope and id for each resource', async () => {
    const s = await sandbox();
    const order = await s.call('GET', `/api/v1/orders/${MISSING}`);
    expect(order.status).toBe(404);
    expect(order.json).toEqual({
      code: 'ORDER_NOT_FOUND', message: `Order with identifier ${MISSING} not found`, resource_type: 'Order', identifier: MISSING, order_id: MISSING,
    });
    expect((await s.call('GET', `/api/v1/orders/${MISSING}/results`)).json.code).toBe('ORDER_NOT_FOUND');
    const search = await s.call('GET', '/api/v1/prospect-searches/ps_abc123');
    expect(search.status).toBe(404);
    expect(search.json).toMatchObject({ code: 'PROSPECT_SEARCH_NOT_FOUND', identifier: 'ps_abc123', prospect_search_id: 'ps_abc123' });
    const list = await s.call('GET', `/api/v1/blacklists/${MISSING}/entries`);
    expect(list.status).toBe(404);
    expect(list.json).toMatchObject({ code: 'BLACKLIST_NOT_FOUND', resource_type: 'Blacklist', blacklist_id: MISSING });
  });

  it('logs one line per request with status, code and time', async () => {
    const s = await sandbox();
    await s.call('GET', '/api/v1/orders/x');
    await s.call('GET', '/api/v1/orders?limit=1');
    expect(s.logs[0]).toMatch(/^GET \/api\/v1\/orders\/x → 404 ORDER_NOT_FOUND \(\d+ ms\)$/);
    expect(s.logs[1]).toMatch(/^GET \/api\/v1\/orders\?limit=1 → 200 \(\d+ ms\)$/);
  });
});

describe('sandbox: orders and prospect searches', () => {
  it('lists the seeded orders newest first, paginated with limit, offset and has_more', async () => {
    const s = await sandbox();
    const all = await s.call('GET', '/api/v1/orders');
    expect(all.json).toMatchObject({ total: 3, limit: 50, offset: 0, has_more: false });
    expect(all.json.items.map((o: { status: string }) => o.status)).toEqual(['RECEIVED', 'IN_PROGRESS', 'COMPLETED']);
    const first = await s.call('GET', '/api/v1/orders?limit=2');
    expect(first.json).toMatchObject({ total: 3, limit: 2, offset: 0, has_more: true });
    expect(first.json.items).toHaveLength(2);
    const rest = await s.call('GET', '/api/v1/orders?limit=2&offset=2');
    expect(rest.json).toMatchObject({ limit: 2, offset: 2, has_more: false });
    expect(rest.json.items.map((o: { id: string }) => o.id)).toEqual([SEED_IDS.completedOrder]);
    const searches = await s.call('GET', '/api/v1/prospect-searches?limit=1');
    expect(searches.json).toMatchObject({ total: 2, limit: 1, has_more: true });
  });

  it('creates an order (201, RECEIVED) and then gets it and its results', async () => {
    const s = await sandbox();
    const created = await s.call('POST', '/api/v1/orders', { body: {
      title: 'Q4 enrichment', features: ['COMPANY_DATA', 'CONTACTS'], profile_name: 'Machinery OEMs',
      companies: [{ company_name: 'Acme GmbH', external_id: 'crm-1', website_url: 'https://acme.example' }],
    } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ title: 'Q4 enrichment', order_type: 'ENRICHMENT', status: 'RECEIVED', features: ['COMPANY_DATA', 'CONTACTS'] });
    expect(created.json.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.json.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(created.headers.location).toBe(`/api/v1/orders/${created.json.id}`);
    const got = await s.call('GET', `/api/v1/orders/${created.json.id}`, { key: READ_ONLY });
    expect(got.json).toEqual(created.json);
    expect((await s.call('GET', `/api/v1/orders/${created.json.id}/results`)).json).toMatchObject({ status: 'RECEIVED', items: [], total: 0 });
    expect((await s.call('GET', '/api/v1/orders')).json.total).toBe(4);
  });

  it('returns the enriched companies of a completed order and a prospect search by id', async () => {
    const s = await sandbox();
    const results = await s.call('GET', `/api/v1/orders/${SEED_IDS.completedOrder}/results`);
    expect(results.json).toMatchObject({ order_id: SEED_IDS.completedOrder, status: 'COMPLETED', total: 2, has_more: false });
    expect(results.json.items[0]).toMatchObject({ source_id: 'crm-1042', company_name: 'Brenner Maschinenbau GmbH' });
    expect((await s.call('GET', `/api/v1/prospect-searches/${SEED_IDS.activeSearch}`)).json).toMatchObject({ name: 'DACH SaaS CTOs', version: 4 });
  });

  it('gives every instance its own copy of the data', async () => {
    const a = await sandbox();
    const b = await sandbox();
    await a.call('POST', '/api/v1/orders', { body: { companies: [{ company_name: 'Only in A' }] } });
    expect((await a.call('GET', '/api/v1/orders')).json.total).toBe(4);
    expect((await b.call('GET', '/api/v1/orders')).json.total).toBe(3);
  });
});
