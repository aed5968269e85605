import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { page, pageJson } from '../../src/sandbox/store.js';
import { FULL, sandbox } from './client.js';

describe('sandbox: list pages as JSON', () => {
  it('writes what JSON.stringify writes for the page, frozen records or not, whatever the limit and offset', () => {
    const record = fc.record({ id: fc.string(), n: fc.double(), tags: fc.array(fc.string()), note: fc.option(fc.string()) });
    fc.assert(fc.property(fc.array(fc.tuple(record, fc.boolean())), fc.nat(12), fc.nat(12), (rows, limit, offset) => {
      const items = rows.map(([r, freeze]) => (freeze ? Object.freeze(r) : r));
      expect(pageJson(items, limit, offset)).toBe(JSON.stringify(page(items, limit, offset)));
      // Twice: the second time the frozen records come from the cache.
      expect(pageJson(items, limit, offset)).toBe(JSON.stringify(page(items, limit, offset)));
    }));
  });

  it('lists an order created after the list was served, first', async () => {
    const s = await sandbox();
    try {
      const before = await s.call('GET', '/api/v1/orders?limit=2', { key: FULL });
      const created = await s.call('POST', '/api/v1/orders', { key: FULL, body: { companies: [{ company_name: 'Brenner Maschinenbau GmbH' }] } });
      expect(created.status).toBe(201);
      const after = await s.call('GET', '/api/v1/orders?limit=2', { key: FULL });
      expect(after.json.total).toBe(before.json.total + 1);
      expect(after.json.items).toEqual([created.json, before.json.items[0]]);
    } finally {
      await s.close();
    }
  });
});
