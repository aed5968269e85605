import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/sandbox/budget.js';
import { SimulatedApi } from '../../src/sandbox/api.js';
import { parseTarget } from '../../src/sandbox/request-target.js';
import type { SandboxRequest } from '../../src/sandbox/types.js';
import { FULL, sandbox } from './client.js';

const run = promisify(execFile);

/** Sends one request with the real curl binary and a raw request target; returns the status and body. */
async function curl(root: string, target: string): Promise<{ status: number; body: string }> {
  const { stdout } = await run('curl', ['-sS', '--max-time', '5', '--request-target', target, '-w', '\n%{http_code}', `${root}/`]);
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

describe('serve: malformed requests', () => {
  it('answers every malformed request target with 400 BAD_REQUEST and keeps serving (real curl)', async () => {
    const s = await sandbox();
    for (const target of ['//%%%/', '//[/', '//@/', '//:99999/', '/api/v1/orders/%zz', '/api/v1/a b', 'orders', '/api/v1/[x]']) {
      const r = await curl(s.root, target);
      expect([target, r.status]).toEqual([target, 400]);
      expect(JSON.parse(r.body)).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect((await curl(s.root, '/health')).status).toBe(200);
    expect((await s.call('GET', '/api/v1/orders')).status).toBe(200);
  });

  it('survives raw malformed requests on the socket, answering what can be answered in JSON', async () => {
    const s = await sandbox();
    const raw = (bytes: string) => new Promise<string>((resolve) => {
      const socket = connect(s.port, '127.0.0.1');
      let got = '';
      socket.setTimeout(3000, () => socket.destroy());
      socket.on('data', (d) => (got += d.toString('latin1')));
      socket.on('close', () => resolve(got));
      socket.on('error', () => resolve(got));
      socket.end(bytes);
    });
    const cases: [string, RegExp][] = [
      ['GET /api/v1/a b HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 400 .*"code":"BAD_REQUEST"/s],
      ['POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /^HTTP\/1\.1 400/],
      ['POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', /^HTTP\/1\.1 400/],
      [`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, /^HTTP\/1\.1 431 .*REQUEST_HEADER_FIELDS_TOO_LARGE/s],
      ['\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', /^HTTP\/1\.1 400/],
      ['GET http://elsewhere.example/api/v1/orders HTTP/1.1\r\nHost: elsewhere.example\r\n\r\n', /^HTTP\/1\.1 401 /],
      ['CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\n\r\n', /^(HTTP\/1\.1 400|)/],
      ['POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"comp', /^HTTP\/1\.1 400 .*HPE_INVALID_EOF_STATE/s],
    ];
    for (const [bytes, expected] of cases) {
      expect([bytes.slice(0, 40), await raw(bytes)]).toEqual([bytes.slice(0, 40), expect.stringMatching(expected)]);
      expect((await s.call('GET', '/health', { key: null })).status).toBe(200);
    }
  });

  it('reads origin and absolute form, drops a fragment and a trailing slash', () => {
    expect(parseTarget('/api/v1/orders/?limit=5')).toMatchObject({ ok: true, path: '/api/v1/orders' });
    const abs = parseTarget('http://api.example/api/v1/orders?limit=5#x');
    expect(abs.ok && [abs.path, abs.query.get('limit')]).toEqual(['/api/v1/orders', '5']);
    expect(parseTarget('*').ok).toBe(false);
  });
});

describe('serve: a bounded store', () => {
  it('forgets the oldest created records first, past the byte or the record limit, never the seeded ones', async () => {
    const api = new SimulatedApi({ limit: 1e9, windowMs: 60_000 }, () => 0, 'flat', { maxBytes: 200_000, maxRecords: 50 });
    const req = (method: string, target: string, body = ''): SandboxRequest =>
      ({ method, path: target.split('?')[0], query: new URLSearchParams(target.split('?')[1] ?? ''), headers: { authorization: `Bearer ${FULL}` }, body, remote: '127.0.0.1' });
    const big = JSON.stringify({ title: 'x'.repeat(40_000), companies: [{ company_name: 'A' }] });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(JSON.parse(api.handle(req('POST', '/api/v1/orders', big)).body).id);
    expect(api.usage().bytes).toBeLessThanOrEqual(200_000);
    expect(api.usage().records).toBe(4);
    expect(api.handle(req('GET', `/api/v1/orders/${ids[0]}`)).status).toBe(404);
    expect(api.handle(req('GET', `/api/v1/orders/${ids[19]}`)).status).toBe(200);
    for (let i = 0; i < 200; i++) api.handle(req('POST', '/api/v1/blacklists', JSON.stringify({ name: `b${i}` })));
    expect(api.usage().records).toBe(50);
    const lists = JSON.parse(api.handle(req('GET', '/api/v1/blacklists?limit=100')).body);
    expect(lists.total).toBe(51);
    expect(lists.items.at(-1).name).toBe('Existing customers');
  });

  it('keeps the ledger itself bounded', () => {
    const budget = new Budget({ maxBytes: 10, maxRecords: 3 });
    let evicted = 0;
    for (let i = 0; i < 5000; i++) budget.charge(1, () => evicted++);
    expect([budget.records, budget.charged, evicted]).toEqual([3, 3, 4997]);
  });
});

describe('serve: keys', () => {
  it('answers the revoked and the expired test key with their own 401 bodies', async () => {
    const s = await sandbox();
    const revoked = await s.call('GET', '/api/v1/orders', { key: 'lnc_test_revoked' });
    expect([revoked.status, revoked.json]).toEqual([401, { code: 'UNAUTHORIZED', message: 'API key has been revoked', details: { reason: 'token_revoked' } }]);
    const expired = await s.call('GET', '/api/v1/auth/validate', { key: 'lnc_test_expired' });
    expect(expired.json).toEqual({ code: 'UNAUTHORIZED', message: 'API key has expired', details: { reason: 'token_expired', expired_at: '2026-01-31T23:59:59Z' } });
  });
});

describe('serve --envelope', () => {
  it('answers the same errors flat, nested or legacy', async () => {
    const flat = await sandbox();
    const nested = await sandbox({ envelope: 'nested' });
    const legacy = await sandbox({ envelope: 'legacy', scenario: 'outage' });
    const path = '/api/v1/orders/00000000-0000-4000-8000-000000000000';
    expect((await flat.call('GET', path)).json).toMatchObject({ code: 'ORDER_NOT_FOUND', identifier: '00000000-0000-4000-8000-000000000000' });
    expect((await nested.call('GET', path)).json).toEqual({ error: { code: 'ORDER_NOT_FOUND',
      message: 'Order with identifier 00000000-0000-4000-8000-000000000000 not found',
      details: { resource_type: 'Order', identifier: '00000000-0000-4000-8000-000000000000', order_id: '00000000-0000-4000-8000-000000000000' } } });
    expect((await nested.call('GET', '/api/v1/orders', { key: null })).json).toEqual({ error: { code: 'UNAUTHORIZED', message: 'Authentication required', details: { reason: 'no_token' } } });
    expect((await legacy.call('GET', '/api/v1/orders')).json).toEqual({ error: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' });
    // Pydantic bodies are the framework's, the same in every generation.
    expect((await nested.call('POST', '/api/v1/orders', { body: {} })).json.detail[0].type).toBe('missing');
  });
});
