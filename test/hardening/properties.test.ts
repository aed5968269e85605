import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, classifyExchange } from '../../src/core/classify.js';
import { DEFAULT_POLICY, decide, isIdempotent, type RetryPolicy } from '../../src/core/retry-policy.js';
import type { Attempt, Classification } from '../../src/core/types.js';
import { defaultCatalog } from '../../src/data/catalog.js';
import { ClassificationEncoder } from '../../src/render/classification-json.js';
import { readAll } from '../helpers/read.js';

const opts = { catalog: defaultCatalog, now: Date.parse('2026-11-21T12:00:00Z') };
const codes = defaultCatalog.all().map((e) => e.code);

/** Bodies shaped like the documented envelopes, with arbitrary values in every slot. */
const envelope = fc.oneof(
  fc.record({ code: fc.oneof(fc.constantFrom(...codes), fc.string()), message: fc.string() }, { requiredKeys: [] }),
  fc.record({ error: fc.record({ code: fc.constantFrom(...codes), message: fc.string(), details: fc.jsonValue() }) }),
  fc.record({ error: fc.oneof(fc.string(), fc.constantFrom(...codes)), code: fc.string(), retry_after: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: ['error'] }),
  fc.record({ success: fc.boolean(), error: fc.string(), code: fc.string(), details: fc.jsonValue(), requestId: fc.string() }),
  fc.record({ detail: fc.oneof(fc.string(), fc.array(fc.record({ type: fc.string(), loc: fc.array(fc.oneof(fc.string(), fc.nat())), msg: fc.string(), input: fc.jsonValue() }))) }),
  fc.record({ type: fc.webUrl(), title: fc.string(), status: fc.integer({ min: 100, max: 599 }), detail: fc.string() }),
  fc.jsonValue(),
);
const headers = fc.dictionary(fc.constantFrom('retry-after', 'x-ratelimit-reset', 'x-ratelimit-remaining', 'date', 'x-request-id', 'content-type'),
  fc.oneof(fc.string(), fc.integer().map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString())));
const attempt: fc.Arbitrary<Attempt> = fc.record({
  status: fc.option(fc.integer({ min: 100, max: 599 })),
  headers,
  body: fc.oneof(envelope.map((b) => JSON.stringify(b)), fc.string()),
});

function checkContract(c: Classification) {
  const line = JSON.parse(new ClassificationEncoder().line(c, [{ status: c.status, code: c.code }], { input: '-', line: 1 }));
  expect(Object.keys(line)).toEqual(['ok', 'status', 'statusSource', 'code', 'known', 'retryable', 'retry', 'retryAfter', 'message', 'fix',
    'requestId', 'fields', 'details', 'attempts', 'source']);
  expect(typeof line.ok).toBe('boolean');
  expect(line.status === null || Number.isInteger(line.status)).toBe(true);
  expect(line.retryable).toBe(line.retry === 'backoff');
  expect(['none', 'backoff', 'reauth', 'refresh']).toContain(line.retry);
  expect(line.retryAfter === null || (typeof line.retryAfter === 'number' && line.retryAfter >= 0)).toBe(true);
  expect(line.ok ? line.code === null && line.fix === null : typeof line.code === 'string' && typeof line.fix === 'string').toBe(true);
  for (const f of line.fields) expect([typeof f.field, typeof f.message]).toEqual(['string', 'string']);
}

// Each run of the suite draws new cases (a random seed), so coverage grows run by run; the counts are set
// to keep the suite fast. OP_ERRORS_PROPERTY_SCALE=10 explores ten times as many cases in one run.
const SCALE = Number(process.env.OP_ERRORS_PROPERTY_SCALE) > 0 ? Number(process.env.OP_ERRORS_PROPERTY_SCALE) : 1;
const runs = (n: number) => ({ numRuns: Math.round(n * SCALE) });

describe('properties', () => {
  it('the classifier never throws and always honours the JSON contract', () => {
    fc.assert(fc.property(attempt, fc.option(fc.integer({ min: 100, max: 599 })), (a, hint) => {
      checkContract(classify(a, { ...opts, statusHint: hint }));
    }), runs(1000));
  });

  it('the reader never throws on arbitrary text, and what it reads classifies within the contract', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.array(fc.oneof(
      fc.constantFrom('HTTP/1.1 503 Service Unavailable\r', 'HTTP/2 429 ', 'retry-after: 3', '', 'curl: (28) timeout', '503', 'Warning: x'),
      envelope.map((b) => JSON.stringify(b)), fc.string())).map((l) => l.join('\n')));
    fc.assert(fc.property(text, (t) => {
      const { exchanges } = readAll(t);
      for (const ex of exchanges) checkContract(classifyExchange(ex, opts));
    }), runs(700));
  });

  const policy: fc.Arbitrary<RetryPolicy> = fc.record({
    limit: fc.integer({ min: 0, max: 20 }), baseDelayMs: fc.integer({ min: 1, max: 5000 }), maxDelayMs: fc.integer({ min: 1, max: 120_000 }),
    maxTimeMs: fc.option(fc.integer({ min: 0, max: 600_000 })), jitter: fc.constantFrom('full', 'equal', 'none'), retryUnsafe: fc.boolean(),
  });
  const method = fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH', 'post');

  it('the policy never waits past the cap (for backoff) or the deadline, and never retries POST or PATCH unsafely', () => {
    fc.assert(fc.property(attempt, policy, method, fc.boolean(), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 700_000 }), fc.double(),
      (a, p, m, key, n, elapsed, r) => {
        const c = classify(a, opts);
        const d = decide({ attempt: n, classification: c, method: m, idempotencyKey: key, elapsedMs: elapsed }, p, () => r);
        if (!d.retry) return;
        expect(c.retryable).toBe(true);
        expect(n).toBeLessThanOrEqual(p.limit);
        expect(d.delayMs).toBeGreaterThanOrEqual(0);
        if (d.reason === 'backoff') expect(d.delayMs).toBeLessThanOrEqual(p.maxDelayMs);
        if (p.maxTimeMs !== null) expect(elapsed + d.delayMs).toBeLessThanOrEqual(p.maxTimeMs);
        if (!isIdempotent(m) && !key && !p.retryUnsafe) expect(c.status === 429 || c.code === 'CONNECTION_REFUSED').toBe(true);
      }), runs(1500));
  });

  it('the default policy retries nothing until --retry', () => {
    fc.assert(fc.property(attempt, method, (a, m) => {
      expect(decide({ attempt: 1, classification: classify(a, opts), method: m, idempotencyKey: false, elapsedMs: 0 }, DEFAULT_POLICY, Math.random).retry).toBe(false);
    }), runs(300));
  });
});
