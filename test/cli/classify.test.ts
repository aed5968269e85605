import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';
import { curlI } from '../helpers/read.js';

async function run(args: string[], input?: string, extra: Parameters<typeof createTestIo>[0] = {}) {
  const io = createTestIo({ input, ...extra });
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l));

describe('op-errors classify', () => {
  it('shows status, code, verdict, message, fix, request id and wait for a retryable error (exit 75)', async () => {
    const input = curlI('HTTP/2 429 ', { 'retry-after': '17', 'x-request-id': 'req_42' }, '{"error":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded"}');
    const r = await run(['classify'], input);
    expect(r.code).toBe(75);
    expect(r.out).toMatch(/^↻ 429 RATE_LIMIT_EXCEEDED {2}retryable/);
    expect(r.out).toMatch(/Retry after +17 s/);
    expect(r.out).toMatch(/Request id +req_42/);
    expect(r.out).toMatch(/Fix +/);
  });

  it('prints a table of field errors for a validation failure (exit 1)', async () => {
    const body = '{"detail":[{"type":"missing","loc":["body","companies",0,"company_name"],"msg":"Field required","input":{}}]}';
    const r = await run(['classify', '--status', '422'], body);
    expect(r.code).toBe(1);
    expect(r.out).toContain('VALIDATION_ERROR');
    expect(r.out).toMatch(/│ companies\[0\]\.company_name +│ Field required +│ Every company needs company_name +│/);
    expect(r.out).toMatch(/│ Field +│ Problem +│ Fix +│/);
  });

  it('prints one JSON object per exchange with the documented fields', async () => {
    const input = '{"code":"ORDER_NOT_FOUND","message":"gone"}\n{"code":"SERVICE_UNAVAILABLE"}\n{"items":[]}\n';
    const r = await run(['classify', '--json'], input);
    const out = lines(r.out);
    expect(out.map((o) => o.code)).toEqual(['ORDER_NOT_FOUND', 'SERVICE_UNAVAILABLE', null]);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['ok', 'status', 'statusSource', 'code', 'known', 'retryable', 'retry', 'retryAfter', 'message', 'fix',
        'requestId', 'fields', 'details', 'attempts', 'source']);
    }
    expect(out[0]).toMatchObject({ ok: false, status: 404, known: true, retry: 'none', source: { input: '-', line: 1 } });
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
  });

  it('lets the final response of curl --retry decide and lists the attempts', async () => {
    const input = `${curlI('HTTP/1.1 503 Service Unavailable', {}, '')}\n${curlI('HTTP/1.1 200 OK', {}, '{"orders":[]}')}`;
    const r = await run(['classify'], input);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 attempts: 503 → 200');
    const [j] = lines((await run(['classify', '--json'], input)).out);
    expect(j.attempts).toEqual([{ status: 503, code: 'SERVICE_UNAVAILABLE' }, { status: 200, code: null }]);
  });

  it('gives the worst exit code over several inputs: 1 over 75 over 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-errors-'));
    const write = (name: string, text: string) => { writeFileSync(join(dir, name), text); return join(dir, name); };
    const ok = write('ok.json', '{"valid":true}');
    const busy = write('busy.txt', curlI('HTTP/1.1 503 Service Unavailable', {}, ''));
    const bad = write('bad.json', '{"code":"ORDER_NOT_FOUND"}');
    expect((await run(['classify', ok])).code).toBe(0);
    expect((await run(['classify', ok, busy])).code).toBe(75);
    const all = await run(['classify', busy, bad, ok]);
    expect(all.code).toBe(1);
    expect(all.out).toContain(`(${busy}:1)`);
    expect(all.out).toContain('3 responses: 1 ok, 1 retryable, 1 not retryable');
  });

  it('reports unreadable input with exit 2, a line number and what was expected, and keeps the rest', async () => {
    const r = await run(['classify', '--json'], '{"code":"A_B"}\nnot json at all\n{"code":\n');
    expect(r.code).toBe(2);
    expect(lines(r.out).map((o) => o.code)).toEqual(['A_B']);
    expect(r.err).toMatch(/stdin line 2: expected a JSON body, NDJSON, or the output of curl -i/);
    expect(r.err).toMatch(/stdin line 3: truncated JSON/);
    expect((await run(['classify'], '')).err).toMatch(/no input/);
    const missing = await run(['classify', '/no/such/file.json']);
    expect([missing.code, missing.err]).toEqual([2, 'op-errors: cannot read /no/such/file.json: no such file\n']);
  });

  it('refuses to wait on a terminal when nothing is piped in', async () => {
    const r = await run(['classify'], undefined, { stdinIsTTY: true });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing is piped in/);
  });

  it('classifies a bare text body when --status is given, and transport errors from curl', async () => {
    const text = await run(['classify', '--json', '--status', '502'], 'Bad gateway from upstream\n');
    expect(lines(text.out)[0]).toMatchObject({ code: 'BAD_GATEWAY', message: 'Bad gateway from upstream', retryable: true });
    const curl = await run(['classify', '--json'], "curl: (6) Could not resolve host: api.openprospect.io\n");
    expect(lines(curl.out)[0]).toMatchObject({ code: 'DNS_FAILURE', status: null, retryable: true });
    expect(curl.code).toBe(75);
  });

  it('streams input split into tiny chunks the same as whole', async () => {
    const input = `${'{"code":"RESOURCE_LOCKED"}\n'.repeat(50)}${curlI('HTTP/2 404 ', {}, '{\n  "code": "ORDER_NOT_FOUND"\n}')}`;
    const whole = await run(['classify', '--json'], input);
    const tiny = await run(['classify', '--json'], input, { chunkSize: 3 });
    expect(tiny.out).toBe(whole.out);
    expect(lines(whole.out)).toHaveLength(51);
  });
});

describe('the JSON line', () => {
  it('equals JSON.stringify of the same fields, including awkward values', async () => {
    const { ClassificationEncoder } = await import('../../src/render/classification-json.js');
    const c = {
      ok: false, status: 429, statusSource: 'input' as const, code: 'X"Y', known: false, retryable: true, retry: 'backoff' as const, retryAfter: 1.5,
      message: 'line\nbreak \u2028 "q"', fix: 'f\\x', requestId: null, fields: [{ field: 'a', message: 'b' }],
      details: { n: [1, { m: null }] },
    };
    const attempts = [{ status: 503, code: 'S' }, { status: null, code: null }];
    const source = { input: 'a "b".log', line: 7 };
    expect(JSON.parse(new ClassificationEncoder().line(c, attempts, source))).toEqual({ ...c, attempts, source });
  });
});
