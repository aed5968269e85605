import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';

// What wget, HTTPie, Python requests, pino (axios, got, fetch) and Chromium really printed, recorded by
// scripts/corpus/make.mjs (`npm run corpus`) against a local server.

const fixture = (name: string) => new URL(`../fixtures/corpus/${name}`, import.meta.url).pathname;

async function classify(name: string, args: string[] = []) {
  const io = createTestIo({ input: readFileSync(fixture(name)) });
  const code = await main(['classify', '--json', ...args], io);
  const out = io.stdout().trim();
  return { code, err: io.stderr(), lines: out === '' ? [] : out.split('\n').map((l) => JSON.parse(l)) };
}

describe('captures of real clients, classified', () => {
  it('wget -S without a body: the indented header block among wget\'s own lines', async () => {
    const r = await classify('wget-404-headers.txt');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: 'req_404_corpus' });
    expect([r.code, r.err]).toEqual([1, '']);
  });

  it('wget -S --content-on-error: headers, then the body between progress lines', async () => {
    const r = await classify('wget-429-content-on-error.txt');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 429, code: 'RATE_LIMIT_EXCEEDED', retryAfter: 7, requestId: 'req_429_corpus' });
    expect([r.code, r.err]).toEqual([75, '']);
  });

  it('HTTPie -p Hb: the request block is skipped, the response body has no status', async () => {
    const r = await classify('httpie-Hb-429.txt');
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfter: 7, status: 429, statusSource: 'catalog' });
    expect(r.code).toBe(75);
  });

  it('HTTPie -p Hhb with formatted JSON, and -p hb', async () => {
    const found = await classify('httpie-Hhb-404.txt');
    expect(found.lines).toHaveLength(1);
    expect(found.lines[0]).toMatchObject({ status: 404, statusSource: 'input', code: 'ORDER_NOT_FOUND', requestId: 'req_corpus_404' });
    const busy = await classify('httpie-hb-503.txt');
    expect(busy.lines[0]).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', requestId: 'req_503_corpus' });
    expect(busy.code).toBe(75);
  });

  it('Python: print(r.status_code, r.text), raise_for_status(), and a refused connection', async () => {
    const line = await classify('python-status-text-429.txt');
    expect(line.lines[0]).toMatchObject({ status: 429, statusSource: 'input', code: 'RATE_LIMIT_EXCEEDED', retryAfter: 7 });
    const raised = await classify('python-raise-for-status-503.txt');
    expect(raised.lines).toHaveLength(1);
    expect(raised.lines[0]).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(raised.lines[0].message).toMatch(/^503 Server Error: Service Unavailable for url: http:\/\/127\.0\.0\.1:8080\/api\/503/);
    expect(raised.err).toBe('');
    const refused = await classify('python-connection-refused.txt');
    expect(refused.lines).toHaveLength(1);
    expect(refused.lines[0]).toMatchObject({ code: 'CONNECTION_REFUSED', status: null, retryable: true });
    expect([refused.code, refused.err]).toEqual([75, '']);
  });

  it('pino records of axios, got and fetch errors: the nested outcome, never a false success', async () => {
    const r = await classify('pino-axios-got-fetch.ndjson');
    expect(r.err).toBe('');
    expect(r.lines.map((l) => [l.ok, l.status, l.code])).toEqual([
      [false, 429, 'RATE_LIMIT_EXCEEDED'], [false, 404, 'ORDER_NOT_FOUND'], [false, 503, 'SERVICE_UNAVAILABLE'],
      [false, null, 'CONNECTION_REFUSED'], [false, null, 'CONNECTION_REFUSED'], [true, 200, null],
    ]);
    expect(r.lines[0]).toMatchObject({ retryAfter: 7, requestId: 'req_429_corpus' });
    expect(r.lines[1].requestId).toBe('req_corpus_404');
    expect(JSON.stringify(r.lines)).not.toContain('lnc_corpus');
    expect(r.code).toBe(1);
  });

  it('a Chromium HAR: one line per call, repeated calls grouped as replay groups them, the reset kept', async () => {
    const io = createTestIo();
    const code = await main(['classify', '--json', fixture('chromium.har')], io);
    const lines = io.stdout().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.status, l.code])).toEqual([
      [200, null], [429, 'RATE_LIMIT_EXCEEDED'], [503, 'SERVICE_UNAVAILABLE'], [404, 'ORDER_NOT_FOUND'], [null, 'CONNECTION_RESET'],
    ]);
    expect(lines[2].attempts).toHaveLength(2);
    expect(lines.map((l) => l.source.line)).toEqual([1, 2, 3, 5, 6]);
    expect(code).toBe(1);
  });
});
