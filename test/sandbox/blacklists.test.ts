import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { sandbox } from './client.js';

const entriesOf = (id: string) => `/api/v1/blacklists/${id}/entries`;

describe('sandbox: blacklists', () => {
  it('lists the seeded blacklist and pages through its three entries', async () => {
    const s = await sandbox();
    const lists = await s.call('GET', '/api/v1/blacklists');
    expect(lists.json).toMatchObject({ total: 1, has_more: false });
    expect(lists.json.items[0]).toMatchObject({ id: SEED_IDS.blacklist, name: 'Existing customers', entry_count: 3 });
    const page1 = await s.call('GET', `${entriesOf(SEED_IDS.blacklist)}?limit=2`);
    expect(page1.json).toMatchObject({ total: 3, limit: 2, offset: 0, has_more: true });
    const page2 = await s.call('GET', `${entriesOf(SEED_IDS.blacklist)}?limit=2&offset=2`);
    expect(page2.json.items).toHaveLength(1);
    expect(page2.json.has_more).toBe(false);
  });

  it('creates a blacklist, adds entries (skipping duplicates), removes one, and deletes the list', async () => {
    const s = await sandbox();
    const created = await s.call('POST', '/api/v1/blacklists', { body: { name: 'Competitors' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'Competitors', description: null, entry_count: 0 });
    const id = created.json.id as string;
    const added = await s.call('POST', entriesOf(id), { body: { entries: [
      { company_name: 'Rival AG', website_url: 'https://rival.example' },
      { company_name: 'Rival AG (again)', website_url: 'https://www.rival.example/about' },
      { company_name: 'Other GmbH', city: 'Köln', external_id: 'crm-9' },
    ] } });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ blacklist_id: id, added: 2, skipped: 1, entry_count: 2 });
    const entries = (await s.call('GET', entriesOf(id))).json.items as { id: string }[];
    const removed = await s.call('DELETE', entriesOf(id), { body: { entry_ids: [entries[0].id, 'nope'] } });
    expect(removed.json).toMatchObject({ removed: 1, not_found: ['nope'], entry_count: 1 });
    const deleted = await s.call('DELETE', `/api/v1/blacklists/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await s.call('GET', `/api/v1/blacklists/${id}`)).json.code).toBe('BLACKLIST_NOT_FOUND');
  });

  it('rejects a blacklist without a name or with an empty one', async () => {
    const s = await sandbox();
    const empty = await s.call('POST', '/api/v1/blacklists', { body: { name: '' } });
    expect(empty.status).toBe(422);
    expect(empty.json.detail).toEqual([{
      type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '', ctx: { min_length: 1 },
    }]);
    expect((await s.call('POST', '/api/v1/blacklists', { body: {} })).json.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'name'] });
  });

  it('rejects no entries (too_short), more than 10,000 (too_long) and an entry without company_name', async () => {
    const s = await sandbox();
    const path = entriesOf(SEED_IDS.blacklist);
    expect((await s.call('POST', path, { body: { entries: [] } })).json.detail[0]).toMatchObject({ type: 'too_short', loc: ['body', 'entries'] });
    const many = Array.from({ length: 10_001 }, (_, i) => ({ company_name: `Company ${i}` }));
    const tooMany = await s.call('POST', path, { body: { entries: many } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.detail).toEqual([expect.objectContaining({
      type: 'too_long', loc: ['body', 'entries'], msg: 'List should have at most 10000 items after validation, not 10001',
    })]);
    expect(tooMany.text.length).toBeLessThan(1000);
    const atLimit = await s.call('POST', path, { body: { entries: many.slice(0, 10_000) } });
    expect(atLimit.json).toMatchObject({ added: 10_000, entry_count: 10_003 });
    const nameless = await s.call('POST', path, { body: { entries: [{ city: 'Berlin' }] } });
    expect(nameless.json.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'entries', 0, 'company_name'] });
  });

  it('checks the body before looking the blacklist up, as FastAPI does', async () => {
    const s = await sandbox();
    const r = await s.call('DELETE', entriesOf('unknown'), { body: {} });
    expect(r.status).toBe(422);
    expect(r.json.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'entry_ids'] });
    expect((await s.call('DELETE', entriesOf('unknown'), { body: { entry_ids: ['a'] } })).json.code).toBe('BLACKLIST_NOT_FOUND');
  });
});
