import { describe, expect, it } from 'vitest';
import { sandbox } from './client.js';

const company = { company_name: 'Acme GmbH' };

async function post(path: string, body: unknown, raw?: string) {
  const s = await sandbox();
  return s.call('POST', path, raw === undefined ? { body } : { raw });
}

describe('sandbox: POST /orders validation (422, Pydantic detail list)', () => {
  it('rejects an empty companies list of an enrichment order as too_short at body.companies', async () => {
    const r = await post('/api/v1/orders', { companies: [] });
    expect(r.status).toBe(422);
    expect(r.json).toEqual({ detail: [{
      type: 'too_short', loc: ['body', 'companies'], msg: 'List should have at least 1 item after validation, not 0', input: [],
      ctx: { field_type: 'List', min_length: 1, actual_length: 0 },
    }] });
  });

  it('rejects an unknown feature as enum at body.features.i, listing the allowed values', async () => {
    const r = await post('/api/v1/orders', { order_type: 'ENRICHMENT', features: ['COMPANY_DATA', 'CONTACT'], companies: [company] });
    expect(r.status).toBe(422);
    expect(r.json.detail).toHaveLength(1);
    expect(r.json.detail[0]).toMatchObject({
      type: 'enum', loc: ['body', 'features', 1], input: 'CONTACT',
      msg: "Input should be 'COMPANY_DATA', 'CONTACTS', 'TECHNOLOGIES', 'JOBS', 'HANDELSREGISTER', 'ANALYSIS', 'EMAIL_DISCOVERY' or 'EMAIL_GENERATION'",
    });
  });

  it('rejects a company without company_name as missing at body.companies.i.company_name', async () => {
    const r = await post('/api/v1/orders', { companies: [company, { website_url: 'https://x.example' }] });
    expect(r.json.detail).toEqual([{
      type: 'missing', loc: ['body', 'companies', 1, 'company_name'], msg: 'Field required', input: { website_url: 'https://x.example' },
    }]);
  });

  it('rejects profile_id together with profile_name as a value_error at body', async () => {
    const r = await post('/api/v1/orders', { profile_id: 'p1', profile_name: 'Machinery OEMs', companies: [company] });
    expect(r.status).toBe(422);
    expect(r.json.detail).toHaveLength(1);
    expect(r.json.detail[0]).toMatchObject({ type: 'value_error', loc: ['body'] });
    expect(r.json.detail[0].msg).toMatch(/^Value error, .*profile_id or profile_name/);
  });

  it('reports every field error of one body at once', async () => {
    const r = await post('/api/v1/orders', { order_type: 'PURCHASE', features: ['X'], companies: [{}] });
    expect(r.json.detail.map((d: { loc: unknown[] }) => d.loc)).toEqual([
      ['body', 'order_type'], ['body', 'features', 0], ['body', 'companies', 0, 'company_name'],
    ]);
  });

  it('rejects malformed JSON as json_invalid with the position, and an empty body as missing', async () => {
    const bad = await post('/api/v1/orders', undefined, '{"companies": [}');
    expect(bad.status).toBe(422);
    expect(bad.json.detail[0]).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error', loc: ['body', 15] });
    const empty = await post('/api/v1/orders', undefined, '');
    expect(empty.json.detail[0]).toMatchObject({ type: 'missing', loc: ['body'] });
  });

  it('needs briefing_quantity and no companies for a discovery order', async () => {
    const noQuantity = await post('/api/v1/orders', { order_type: 'DISCOVERY' });
    expect(noQuantity.json.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'briefing_quantity'] });
    const ok = await post('/api/v1/orders', { order_type: 'DISCOVERY', briefing_quantity: 25, features: ['COMPANY_DATA'] });
    expect(ok.status).toBe(201);
    expect(ok.json).toMatchObject({ order_type: 'DISCOVERY', briefing_quantity: 25, companies_count: 0 });
  });
});

describe('sandbox: query validation', () => {
  it('rejects a limit outside 1-100, a non-numeric limit and a negative offset as a flat VALIDATION_ERROR at query.*', async () => {
    const s = await sandbox();
    const zero = await s.call('GET', '/api/v1/orders?limit=0');
    expect(zero.status).toBe(422);
    expect(zero.json).toEqual({
      code: 'VALIDATION_ERROR', message: 'Validation failed: query.limit: Input should be greater than or equal to 1',
      details: { validation_errors: [{ field: 'query.limit', error: 'Input should be greater than or equal to 1', provided: '0' }] },
    });
    const first = async (path: string) => (await s.call('GET', path)).json.details.validation_errors[0];
    expect(await first('/api/v1/prospect-searches?limit=101')).toMatchObject({ error: 'Input should be less than or equal to 100' });
    expect(await first('/api/v1/blacklists?limit=ten')).toMatchObject({ field: 'query.limit', provided: 'ten' });
    expect(await first('/api/v1/orders?offset=-1')).toMatchObject({ field: 'query.offset' });
  });
});
