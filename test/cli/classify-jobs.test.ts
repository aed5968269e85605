import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

// --jobs runs the bundled worker (dist/bundle/classify-worker.cjs), so these tests run the built CLI.

const SHAPES = [
  (i: number) => ({ code: 'ORDER_NOT_FOUND', message: `Order ${i} not found`, request_id: `req_${i}` }),
  (i: number) => ({ error: { code: 'SERVICE_UNAVAILABLE', message: 'down', details: { reason: 'maintenance', request_id: `req_${i}` } } }),
  (i: number) => ({ detail: [{ type: 'missing', loc: ['body', 'companies', i % 7, 'company_name'], msg: 'Field required', input: {} }] }),
  (i: number) => ({ error: 'RATE_LIMIT_EXCEEDED', message: 'Slow down', retry_after: i % 90 }),
  (i: number) => ({ level: 50, time: i, msg: 'request failed', err: { message: 'Request failed with status code 503', status: 503 } }),
  (i: number) => ({ items: [{ id: i }], total: 1 }),
];

/** About `lines` lines of NDJSON; `odd(i)` may put something else in their place. */
function log(lines: number, odd: (i: number) => string | null = () => null): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(odd(i) ?? JSON.stringify(SHAPES[i % SHAPES.length](i)));
  return `${out.join('\n')}\n`;
}

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'op-errors-jobs-')), 'log.ndjson');
  writeFileSync(path, text);
  return path;
}

async function sameAsOneThread(path: string, args: string[]) {
  const one = await runBin(['classify', ...args, '--jobs', '1', path]);
  const two = await runBin(['classify', ...args, '--jobs', '2', path]);
  expect(two.err).toBe(one.err);
  expect(two.code).toBe(one.code);
  expect(two.out === one.out, 'the output of --jobs 2 differs from --jobs 1').toBe(true);
  return one;
}

describe('classify --jobs', () => {
  it('prints the same bytes, problems (with their line numbers in the whole file) and exit code as one thread', async () => {
    const path = file(log(30_000, (i) => (i === 17_001 ? 'not json at all' : null)));
    const one = await sameAsOneThread(path, ['--json']);
    expect(one.code).toBe(2);
    expect(one.err).toBe(`op-errors: ${path} line 17002: expected a JSON body, NDJSON, or the output of curl -i; got text with no HTTP status (pass --status <code> to classify a bare text body)\n`);
    const out = one.out.trim().split('\n');
    expect(out).toHaveLength(29_999);
    expect(JSON.parse(out[29_998]).source).toEqual({ input: path, line: 30_000 });
  }, 30_000);

  it('gives the same --summary and --fields answers', async () => {
    const path = file(log(20_000));
    expect((await sameAsOneThread(path, ['--summary', '--json'])).code).toBe(1);
    await sameAsOneThread(path, ['--summary']);
    await sameAsOneThread(path, ['--fields', 'code,retryAfter,source']);
  }, 30_000);

  it('reads on in one thread where a response runs over the place a piece was cut (curl -i bodies followed by NDJSON)', async () => {
    // Each curl -i body takes the NDJSON line after it as more of its body, and each 503 is retried by the
    // next one (one exchange to the end), so no cut after line 12,051 holds.
    const transcript = (i: number) => `HTTP/1.1 503 Service Unavailable\r\nx-request-id: t_${i}\r\n\r\n{"code":"SERVICE_UNAVAILABLE"}`;
    const path = file(log(24_000, (i) => (i > 12_000 && i % 50 === 0 ? transcript(i) : null)));
    const one = await sameAsOneThread(path, ['--json']);
    const last = JSON.parse(one.out.trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ requestId: 't_23950', source: { line: 12_051 } });
  }, 30_000);

  it('rejects a count that is not a whole number from 1 (exit 2)', async () => {
    const r = await runBin(['classify', '--jobs', '0', '--json', file(log(3))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--jobs <n>.*Expected a whole number from 1 to 256/);
  });
});
