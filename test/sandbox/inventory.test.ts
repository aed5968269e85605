import { describe, expect, it } from 'vitest';
import { ENDPOINTS, type Endpoint } from '../../src/data/endpoints.js';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { seedCompanies } from '../../src/sandbox/seed-companies.js';
import { FULL, READ_ONLY, type Res, type TestSandbox, sandbox } from './client.js';

const seeded = seedCompanies();
const PARAMS: Record<string, string> = {
  order_id: SEED_IDS.completedOrder, prospect_search_id: SEED_IDS.activeSearch, company_id: seeded.companies[0].id,
  prospect_id: seeded.prospects[0].id, blacklist_id: SEED_IDS.blacklist,
};
const BODIES: Record<string, unknown> = {
  'POST /orders': { companies: [{ company_name: 'Brenner Maschinenbau GmbH' }] },
  'POST /blacklists': { name: 'Competitors' },
  'PATCH /blacklists/{blacklist_id}': { description: 'Companies we already sell to, and partners' },
  'POST /blacklists/{blacklist_id}/entries': { entries: [{ company_name: 'Isar Analytics GmbH', city: 'München' }] },
  'DELETE /blacklists/{blacklist_id}/entries': { entry_ids: ['b2f1d7b3-4a5e-4f69-8b82-1d3e5f7a9b21'] },
  'PUT /prospect-searches/{prospect_search_id}/blacklists': { blacklist_ids: [SEED_IDS.blacklist] },
  'POST /search-profile-creations': { profile_name: 'DACH SaaS', target_countries: ['DE', 'AT', 'CH'] },
  'PATCH /prospect-searches/{prospect_search_id}': { version: 4, name: 'DACH SaaS CTOs and VPs' },
};
const QUERIES: Record<string, string> = { 'GET /companies': `?prospect_search_id=${SEED_IDS.activeSearch}` };

async function walk(s: TestSandbox, key: string, endpoints: readonly Endpoint[]): Promise<[Endpoint, Res][]> {
  const out: [Endpoint, Res][] = [];
  let creation = '00000000-0000-4000-8000-000000000000';
  // Deleting the blacklist comes last, so that the endpoints after it still find it.
  const ordered = [...endpoints].sort((a, b) => Number(a.method === 'DELETE' && !a.path.endsWith('entries'))
    - Number(b.method === 'DELETE' && !b.path.endsWith('entries')));
  for (const e of ordered) {
    const name = `${e.method} ${e.path}`;
    const path = e.path.replace(/\{(\w+)\}/g, (_, p: string) => (p === 'profile_creation_id' ? creation : PARAMS[p]));
    const r = await s.call(e.method, `/api/v1${path}${QUERIES[name] ?? ''}`, {
      key, body: BODIES[name], headers: e.path === '/search-profile-creations' ? { 'idempotency-key': `walk-${key}` } : {},
    });
    if (name === 'POST /search-profile-creations' && r.status === 201) creation = r.json.id;
    out.push([e, r]);
  }
  return out;
}

describe('sandbox: the whole public inventory', () => {
  it('lists 25 inventory endpoints and the documented extras in the one table doctor reads', () => {
    expect(ENDPOINTS.filter((e) => e.inventory)).toHaveLength(25);
    expect(ENDPOINTS.filter((e) => !e.inventory).map((e) => `${e.method} ${e.path}`)).toEqual([
      'POST /search-profile-creations', 'GET /search-profile-creations/{profile_creation_id}',
      'GET /prospect-searches/{prospect_search_id}', 'PATCH /prospect-searches/{prospect_search_id}',
    ]);
  });

  it('answers every endpoint with a 2xx for the full-access key', async () => {
    const s = await sandbox({ rateLimit: { limit: 1000, windowMs: 60_000 } });
    for (const [e, r] of await walk(s, FULL, ENDPOINTS)) {
      expect([e.method, e.path, r.status]).toEqual([e.method, e.path, r.status >= 200 && r.status < 300 ? r.status : 'not 2xx']);
    }
  });

  it('answers reads with a 2xx and every write with 403 naming the scope it lacks for the read-only key', async () => {
    const s = await sandbox({ rateLimit: { limit: 1000, windowMs: 60_000 } });
    const results = await walk(s, READ_ONLY, ENDPOINTS);
    const writes = results.filter(([e]) => e.method !== 'GET');
    expect(writes).toHaveLength(9);
    for (const [e, r] of results) {
      // The read-only key cannot create a search profile, so there is none to poll: the scope passes, the id does not.
      if (e.path === '/search-profile-creations/{profile_creation_id}') expect([r.status, r.json.code]).toEqual([404, 'ENTITY_NOT_FOUND']);
      else if (e.method === 'GET') expect([e.path, r.status]).toEqual([e.path, 200]);
      else {
        expect([e.method, e.path, r.status, r.json.code]).toEqual([e.method, e.path, 403, 'AUTHORIZATION_ERROR']);
        expect(r.json.details.required_scopes).toEqual(e.scopes);
      }
    }
  });
});
