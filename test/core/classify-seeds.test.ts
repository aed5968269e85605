import { describe, expect, it } from 'vitest';
import { classify, classifyExchange } from '../../src/core/classify.js';
import { defaultCatalog, ENTRIES } from '../../src/data/catalog.js';
import { SEED_BODIES } from '../fixtures/seed-bodies.js';
import { curlI, readAll } from '../helpers/read.js';

const now = Date.parse('2026-11-21T12:00:00Z');
const opts = { catalog: defaultCatalog, now };

function viaCurl(proto: string, status: number, body: unknown) {
  const text = curlI(`${proto} ${status} `, { 'content-type': 'application/json' }, JSON.stringify(body, null, 2));
  const { exchanges, problems } = readAll(text);
  expect(problems).toEqual([]);
  expect(exchanges).toHaveLength(1);
  return classifyExchange(exchanges[0], opts);
}

describe('every example body of the five documents', () => {
  for (const seed of SEED_BODIES) {
    const status = seed.status || null;
    const check = (c: ReturnType<typeof classify>) => {
      expect(c.ok).toBe(false);
      expect(c.code).toBe(seed.code);
      expect(c.known).toBe(seed.known);
      expect(c.retry).toBe(seed.retry);
      expect(c.retryable).toBe(seed.retry === 'backoff');
      expect(c.fix).toBeTruthy();
      if (seed.fields) expect(c.fields.map((f) => f.field)).toEqual(seed.fields);
      if (seed.requestId) expect(c.requestId).toBe(seed.requestId);
      if (seed.retryAfter !== undefined) expect(c.retryAfter).toBe(seed.retryAfter);
    };
    it(`${seed.name}: bare body`, () => {
      const c = classify({ status: null, headers: {}, body: JSON.stringify(seed.body) }, { ...opts, statusHint: status });
      check(c);
      expect(c.status).toBe(status ?? defaultCatalog.get(seed.code)?.status ?? null);
    });
    it(`${seed.name}: inside curl -i output (HTTP/1.1 and HTTP/2)`, () => {
      const s = seed.status || 500;
      for (const proto of ['HTTP/1.1', 'HTTP/2']) {
        const c = viaCurl(proto, s, seed.body);
        check(c);
        expect(c.status).toBe(s);
      }
    });
  }
});

describe('every catalog example classifies to its own code', () => {
  for (const e of ENTRIES.filter((x) => x.example !== undefined)) {
    it(e.code, () => {
      const bare = classify({ status: null, headers: {}, body: JSON.stringify(e.example) }, opts);
      expect([bare.code, bare.status, bare.known]).toEqual([e.code, e.status, true]);
      const framed = viaCurl('HTTP/1.1', e.status ?? 500, e.example);
      expect([framed.code, framed.retry]).toEqual([e.code, e.retry]);
    });
  }
});
