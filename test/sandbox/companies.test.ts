import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { seedCompanies } from '../../src/sandbox/seed-companies.js';
import { sandbox } from './client.js';

const { companies } = seedCompanies();
const ACTIVE = SEED_IDS.activeSearch;
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('sandbox: companies, prospects and deliveries', () => {
  it('lists the companies of a prospect search, filtered by score, review status and text, with the page envelope', async () => {
    const s = await sandbox();
    const all = await s.call('GET', `/api/v1/companies?prospect_search_id=${ACTIVE}&limit=2`);
    expect(all.json).toMatchObject({ total: 6, limit: 2, offset: 0, has_more: true });
    expect(all.json.items.every((c: { prospect_search_id: string }) => c.prospect_search_id === ACTIVE)).toBe(true);
    const good = await s.call('GET', `/api/v1/companies?prospect_search_id=${ACTIVE}&min_match_score=8`);
    expect(good.json.items.map((c: { name: string }) => c.name)).toEqual(['Cloudwerk Systems GmbH', 'Alpenstack AG', 'Rheinblick Software GmbH']);
    const list = await s.call('GET', `/api/v1/companies?prospect_search_id=${ACTIVE}&review_status=accepted&review_status_list=pending&review_status_list=rejected`);
    expect(list.json.total).toBe(3);
    expect((await s.call('GET', `/api/v1/companies?prospect_search_id=${ACTIVE}&search=head%20of%20it`)).json.items[0].name).toBe('Donau Data GmbH');
  });

  it('answers 422 for a missing or malformed prospect_search_id and a score past 10, and 404 for an unknown search', async () => {
    const s = await sandbox();
    const none = await s.call('GET', '/api/v1/companies');
    expect([none.status, none.json.code, none.json.details.validation_errors[0].field]).toEqual([422, 'VALIDATION_ERROR', 'query.prospect_search_id']);
    const bad = await s.call('GET', `/api/v1/companies?prospect_search_id=abc&min_match_score=11&review_status=maybe`);
    expect(bad.json.details.validation_errors.map((e: { field: string }) => e.field))
      .toEqual(['query.prospect_search_id', 'query.min_match_score', 'query.review_status']);
    const unknown = await s.call('GET', `/api/v1/companies?prospect_search_id=${MISSING}`);
    expect([unknown.status, unknown.json.code]).toEqual([404, 'PROSPECT_SEARCH_NOT_FOUND']);
  });

  it('serves one company, its jobs and technologies, and 404 ENTITY_NOT_FOUND for unknown companies and prospects', async () => {
    const s = await sandbox();
    const id = companies[2].id;
    expect((await s.call('GET', `/api/v1/companies/${id}`)).json.name).toBe('Donau Data GmbH');
    expect((await s.call('GET', `/api/v1/companies/${id}/jobs`)).json).toMatchObject({ total: 2, has_more: false });
    expect((await s.call('GET', `/api/v1/companies/${id}/jobs/summary`)).json).toMatchObject({ company_id: id, total_jobs: 2, hiring: true });
    expect((await s.call('GET', `/api/v1/companies/${id}/webtech-intel`)).json.items.length).toBeGreaterThan(0);
    expect((await s.call('GET', `/api/v1/companies/${id}/webtech-intel/summary`)).json.technology_count).toBeGreaterThan(0);
    const gone = await s.call('GET', `/api/v1/companies/${MISSING}/jobs`);
    expect(gone.json).toEqual({ code: 'ENTITY_NOT_FOUND', message: `Company with identifier ${MISSING} not found`, entity_type: 'company', identifier: MISSING });
    expect((await s.call('GET', `/api/v1/prospects/${MISSING}`)).json.entity_type).toBe('prospect');
    const prospects = await s.call('GET', `/api/v1/prospects?company_id=${id}`);
    expect(prospects.json.items.map((p: { company_id: string }) => p.company_id)).toEqual([id, id]);
  });

  it('delivers companies of the search with their prospects, oldest first, after delivered_since', async () => {
    const s = await sandbox();
    const all = await s.call('GET', `/api/v1/deliveries/${ACTIVE}/companies`);
    expect(all.json).toMatchObject({ total: 5, limit: 50, offset: 0, has_more: false });
    expect(all.json.items[0]).toMatchObject({ name: 'Cloudwerk Systems GmbH', prospect_search_id: ACTIVE });
    expect(all.json.items[0].prospects.map((p: { last_name: string }) => p.last_name)).toEqual(['Weber', 'Krause']);
    const since = await s.call('GET', `/api/v1/deliveries/${ACTIVE}/companies?delivered_since=2026-11-09T08:00:00Z`);
    expect(since.json.items.map((c: { name: string }) => c.name)).toEqual(['Isar Analytics GmbH', 'Rheinblick Software GmbH']);
    const bad = await s.call('GET', `/api/v1/deliveries/${ACTIVE}/companies?delivered_since=yesterday&limit=500`);
    expect(bad.json.details.validation_errors.map((e: { field: string }) => e.field)).toEqual(['query.delivered_since', 'query.limit']);
    expect((await s.call('GET', `/api/v1/deliveries/${MISSING}/companies`)).json.code).toBe('PROSPECT_SEARCH_NOT_FOUND');
  });
});

describe('sandbox: prospect searches, assignments and search profiles', () => {
  it('edits a prospect search with its version, strips admin-only fields, and answers 409 on a stale version', async () => {
    const s = await sandbox();
    const path = `/api/v1/prospect-searches/${ACTIVE}`;
    const ok = await s.call('PATCH', path, { body: { version: 4, name: 'DACH SaaS CTOs', geo_locations: ['DE'] } });
    expect(ok.json).toMatchObject({ version: 5, name: 'DACH SaaS CTOs', stripped_fields: ['geo_locations'] });
    const stale = await s.call('PATCH', path, { body: { version: 4, name: 'Again' } });
    expect([stale.status, stale.json.code, stale.json.current_version]).toEqual([409, 'CONCURRENT_MODIFICATION', 5]);
    const readOnly = await s.call('PATCH', path, { body: { version: 5, language_config: {} } });
    expect([readOnly.status, readOnly.json.details.validation_errors[0].field]).toEqual([422, 'body.language_config']);
    expect((await s.call('PATCH', path, { body: { name: 'x' } })).json.details.validation_errors[0].field).toBe('body.version');
  });

  it('assigns blacklists to a search, and 404s an unknown blacklist', async () => {
    const s = await sandbox();
    const path = `/api/v1/prospect-searches/${ACTIVE}/blacklists`;
    expect((await s.call('GET', path)).json.total).toBe(0);
    expect((await s.call('PUT', path, { body: { blacklist_ids: [SEED_IDS.blacklist] } })).json.items[0].id).toBe(SEED_IDS.blacklist);
    expect((await s.call('GET', path)).json.total).toBe(1);
    expect((await s.call('PUT', path, { body: { blacklist_ids: [MISSING] } })).json.code).toBe('BLACKLIST_NOT_FOUND');
  });

  it('needs an Idempotency-Key to create a search profile, replays the same key, refuses it with another body, and polls to SUCCEEDED', async () => {
    const s = await sandbox();
    const body = { profile_name: 'DACH SaaS' };
    const missing = await s.call('POST', '/api/v1/search-profile-creations', { body });
    expect([missing.status, missing.json.details.validation_errors[0].field]).toEqual([422, 'header.Idempotency-Key']);
    const headers = { 'idempotency-key': 'k-1' };
    const first = await s.call('POST', '/api/v1/search-profile-creations', { body, headers });
    expect(first.json).toMatchObject({ status: 'PENDING', profile_id: null });
    expect((await s.call('POST', '/api/v1/search-profile-creations', { body, headers })).json.id).toBe(first.json.id);
    const reused = await s.call('POST', '/api/v1/search-profile-creations', { body: { profile_name: 'Other' }, headers });
    expect([reused.status, reused.json.code]).toEqual([409, 'CONFLICT']);
    const poll = () => s.call('GET', `/api/v1/search-profile-creations/${first.json.id}`);
    expect((await poll()).json.status).toBe('RUNNING');
    const done = await poll();
    expect(done.json.status).toBe('SUCCEEDED');
    expect(done.json.profile_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('renames a blacklist with PATCH', async () => {
    const s = await sandbox();
    const r = await s.call('PATCH', `/api/v1/blacklists/${SEED_IDS.blacklist}`, { body: { name: 'Customers' } });
    expect(r.json).toMatchObject({ name: 'Customers', description: 'Companies we already sell to' });
    expect((await s.call('PATCH', `/api/v1/blacklists/${SEED_IDS.blacklist}`, { body: { name: ' ' } })).json.detail[0].type).toBe('string_too_short');
  });
});
