import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { codes, classify, decideRetry, DEFAULT_POLICY, explain } from '../../src/library/index.js';
import type { InputProblem } from '../../src/library/index.js';
import { createTestIo } from '../helpers/io.js';
import { curlI } from '../helpers/read.js';

const NOW = Date.parse('2026-11-21T12:00:00Z');

/** What `op-errors classify --json` prints for `input`, one parsed object per line. */
async function cliJson(input: string, args: string[] = []): Promise<unknown[]> {
  const io = createTestIo({ input, now: NOW });
  await main(['classify', '--json', ...args], io);
  return io.stdout().trim().split('\n').map((l) => JSON.parse(l));
}

describe('the library: classify', () => {
  it('returns exactly the objects classify --json prints, for a curl --retry transcript and NDJSON', async () => {
    const transcript = curlI('HTTP/1.1 503 Service Unavailable', { 'x-request-id': 'req_a' }, '{"code":"SERVICE_UNAVAILABLE"}') +
      curlI('HTTP/1.1 429 Too Many Requests', { 'retry-after': '9' }, '{"error":"RATE_LIMIT_EXCEEDED","message":"slow down"}');
    const ndjson = '{"status":404,"error":"ORDER_NOT_FOUND","message":"no such order"}\n{"status":401,"detail":"Token expired"}\n';
    for (const input of [transcript, ndjson]) {
      const records = classify(input, { now: NOW });
      expect(records.length).toBeGreaterThan(0);
      expect(records).toEqual(await cliJson(input));
    }
    expect(classify(ndjson).map((r) => r.code)).toEqual(['ORDER_NOT_FOUND', expect.any(String)]);
  });

  it('classifies a response object with a parsed body, array headers in any case, or fetch Headers', () => {
    const [r] = classify({ status: 429, headers: { 'Retry-After': ['12'], 'X-Request-Id': 'req_9' }, body: { error: 'RATE_LIMIT_EXCEEDED' } });
    expect(r).toMatchObject({ ok: false, status: 429, code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfter: 12, requestId: 'req_9' });
    expect(r.attempts).toEqual([{ status: 429, code: 'RATE_LIMIT_EXCEEDED' }]);
    const [h] = classify({ status: 503, headers: new Headers({ 'Retry-After': '3' }), body: new TextEncoder().encode('{"code":"SERVICE_UNAVAILABLE"}') });
    expect(h).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 3, retry: 'backoff' });
    expect(classify({ status: 200, body: '{"id":"o_1"}' })[0]).toMatchObject({ ok: true, code: null });
  });

  it('applies the status hint and reports what it cannot read instead of throwing', () => {
    expect(classify('{"message":"Field required"}', { status: 422 })[0]).toMatchObject({ status: 422, ok: false });
    const problems: InputProblem[] = [];
    expect(classify('just some words\n', { onProblem: (p) => problems.push(p), source: 'app.log' })).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ input: 'app.log', line: 1 })]);
  });
});

describe('the library: explain and the retry decision', () => {
  it('finds entries by code, alias and status, and answers null for an unknown code', () => {
    expect(explain('order-not-found')?.code).toBe('ORDER_NOT_FOUND');
    expect(explain(503)?.code).toBe('SERVICE_UNAVAILABLE');
    expect(explain('404')?.code).toBe('NOT_FOUND');
    expect(explain('ECONNREFUSED')?.status).toBeNull();
    expect(explain('NO_SUCH_CODE')).toBeNull();
    expect(explain('')).toBeNull();
    expect(codes().length).toBeGreaterThan(60);
  });

  it('decides as call --retry does: waits what the server asks, stops for an unsafe method', () => {
    const [c] = classify({ status: 503, headers: { 'retry-after': '2' }, body: '{"code":"SERVICE_UNAVAILABLE"}' });
    const policy = { ...DEFAULT_POLICY, limit: 2 };
    const input = { attempt: 1, classification: c, method: 'GET', idempotencyKey: false, elapsedMs: 0 };
    expect(decideRetry(input, policy, () => 0.5)).toEqual({ retry: true, delayMs: 2000, reason: 'retry-after' });
    expect(decideRetry({ ...input, method: 'POST' }, policy, () => 0.5)).toEqual({ retry: false, reason: 'unsafe-method' });
    expect(decideRetry({ ...input, attempt: 3 }, policy, () => 0.5)).toEqual({ retry: false, reason: 'limit' });
  });
});

describe('the library: what importing it loads', () => {
  it('bundles only the core, the catalog and the JSON encoder: no CLI code and no package', async () => {
    const entry = fileURLToPath(new URL('../../src/library/index.ts', import.meta.url));
    const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((i) => !/^src\/(core|data|library|render)\//.test(i))).toEqual([]);
    // Of the renderers, only the JSON encoder: the terminal's (chalk, tables) stay out.
    expect(inputs.filter((i) => i.startsWith('src/render/'))).toEqual(['src/render/classification-json.ts']);
  });

  it('ships as one file that imports nothing but Node built-ins', () => {
    const bundle = readFileSync(new URL('../../dist/lib/index.js', import.meta.url), 'utf8');
    const specifiers = [...bundle.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]);
    expect(specifiers.filter((s) => !s.startsWith('node:'))).toEqual([]);
    expect(bundle).not.toMatch(/commander|chalk|cli-table3/);
  });
});
