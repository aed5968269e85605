import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Interaction, appendToCassette } from '../../src/adapters/cassette.js';
import { InputError } from '../../src/core/errors.js';
import { loadPlayback } from '../../src/sandbox/load-playback.js';
import { playbackOf } from '../../src/sandbox/playback.js';
import { sandbox } from './client.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'op-errors-playback-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BASE = 'https://api.openprospect.io/api/v1';
const unavailable = '{"error":{"code":"SERVICE_UNAVAILABLE","message":"Service temporarily unavailable"}}';

function interaction(method: string, url: string, response: Interaction['response'], transport: Interaction['transport'] = null): Interaction {
  return {
    recordedAt: '2026-11-21T09:14:02.120Z', attempt: 1, durationMs: 41, response, transport,
    request: { method, url, headers: { authorization: '[REDACTED]' }, body: null },
  };
}

describe('sandbox: playback of a cassette', () => {
  it('answers each method and path with its recorded responses in order, then says they are used up', async () => {
    const file = join(dir, 'incident.json');
    const json = { 'content-type': 'application/json' };
    await appendToCassette(file, [
      interaction('GET', `${BASE}/orders?limit=10`,
        { status: 503, headers: { ...json, 'retry-after': '2', 'content-length': '999', connection: 'close' }, body: unavailable }),
      interaction('GET', `${BASE}/orders?limit=10`, null, { code: 'ECONNRESET', message: 'ECONNRESET: socket hang up' }),
      interaction('GET', `${BASE}/orders?limit=10`,
        { status: 200, headers: { ...json, 'x-request-id': 'req_recorded' }, body: '{"items":[],"total":0}' }),
      interaction('POST', `${BASE}/orders`, { status: 422, headers: json,
        body: '{"detail":[{"type":"missing","loc":["body","companies"],"msg":"Field required","input":null}]}' }),
    ]);
    const playback = await loadPlayback(file);
    expect(playback.count).toBe(4);
    expect((await playback.exchange(1)).attempt.transport).toEqual({ code: 'ECONNRESET', message: 'ECONNRESET: socket hang up' });
    const s = await sandbox({ playback });
    const first = await s.call('GET', '/api/v1/orders', { key: null });
    expect(first.status).toBe(503);
    expect(first.text).toBe(unavailable);
    expect(first.headers['retry-after']).toBe('2');
    expect(first.headers['content-length']).toBe(String(unavailable.length));
    expect(first.headers['x-request-id']).toMatch(/^req_/);
    await expect(s.call('GET', '/api/v1/orders')).rejects.toMatchObject({ code: 'ECONNRESET' });
    const third = await s.call('GET', '/api/v1/orders?limit=10');
    expect(third.status).toBe(200);
    expect(third.headers['x-request-id']).toBe('req_recorded');
    const done = await s.call('GET', '/api/v1/orders');
    expect(done.status).toBe(404);
    expect(done.json).toEqual({ code: 'NOT_FOUND', message: 'No more recorded responses for GET /api/v1/orders (3 were recorded)' });
    expect((await s.call('POST', '/api/v1/orders', { body: {} })).json.detail[0].loc).toEqual(['body', 'companies']);
    expect(s.logs.slice(0, 2)).toEqual([
      expect.stringMatching(/^GET \/api\/v1\/orders → 503 SERVICE_UNAVAILABLE \(\d+ ms\)$/), 'GET /api/v1/orders → reset',
    ]);
    expect(s.logs[4]).toMatch(/^POST \/api\/v1\/orders → 422 VALIDATION_ERROR/);
  });

  it('keeps answering from the cassette it indexed when --record renames a new version over it', async () => {
    const file = join(dir, 'live.json');
    await appendToCassette(file, [interaction('GET', `${BASE}/orders`, { status: 200, headers: {}, body: '{"v":"ünïcode 1"}' }),
      interaction('GET', `${BASE}/orders`, { status: 200, headers: {}, body: '{"v":2}' })]);
    const playback = await loadPlayback(file);
    const s = await sandbox({ playback });
    await appendToCassette(file, [interaction('GET', `${BASE}/orders`, { status: 503, headers: {}, body: unavailable })]);
    expect((await s.call('GET', '/api/v1/orders')).json).toEqual({ v: 'ünïcode 1' });
    expect((await s.call('GET', '/api/v1/orders')).json).toEqual({ v: 2 });
    expect((await s.call('GET', '/api/v1/orders')).status).toBe(404);
  });

  it('leaves out a recorded header node refuses and sends the rest of the response', async () => {
    const file = join(dir, 'odd-header.json');
    const body = '{"items":[]}';
    await appendToCassette(file, [interaction('GET', `${BASE}/orders`,
      { status: 200, headers: { 'content-type': 'application/json', 'x-odd': 'line\nbreak', 'bad header': 'x', 'retry-after': '3' }, body })]);
    const s = await sandbox({ playback: await loadPlayback(file) });
    const r = await s.call('GET', '/api/v1/orders');
    expect(r.status).toBe(200);
    expect(r.text).toBe(body);
    expect(r.headers['retry-after']).toBe('3');
    expect(r.headers['content-length']).toBe(String(body.length));
    expect(r.headers['x-request-id']).toMatch(/^req_/);
    expect(r.headers['x-odd']).toBeUndefined();
  });

  it('answers 404 naming the method, path and what was recorded when nothing matches; /health still works', async () => {
    const file = join(dir, 'one.json');
    await appendToCassette(file, [interaction('GET', `${BASE}/orders`, { status: 200, headers: {}, body: '{}' })]);
    const s = await sandbox({ playback: await loadPlayback(file) });
    const r = await s.call('DELETE', '/api/v1/blacklists/x');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({
      code: 'NOT_FOUND', message: 'No recorded response for DELETE /api/v1/blacklists/x: the recording holds 1 exchange, for GET /api/v1/orders',
    });
    expect((await s.call('GET', '/health')).json.status).toBe('healthy');
  });
});

describe('sandbox: playback of a HAR file', () => {
  it('reads statuses, headers, text and base64 bodies, and turns failed entries into dropped connections', async () => {
    const har = { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [
      { startedDateTime: '2026-11-21T09:00:00.000Z', time: 12, request: { method: 'GET', url: `${BASE}/orders/abc` },
        response: { status: 404,
          headers: [{ name: 'Content-Type', value: 'application/json' }, { name: 'X-Trace', value: 'a' }, { name: 'X-Trace', value: 'b' }],
          content: { text: '{"code":"ORDER_NOT_FOUND","message":"Order with identifier abc not found"}' } } },
      { request: { method: 'GET', url: `${BASE}/auth/validate` },
        response: { status: 200, headers: [], content: { text: Buffer.from('{"valid":true,"scopes":[]}').toString('base64'), encoding: 'base64' } } },
      { request: { method: 'GET', url: `${BASE}/blacklists` }, response: { status: 0, headers: [], content: {} }, _error: 'net::ERR_CONNECTION_RESET' },
    ] } };
    const file = join(dir, 'capture.har');
    await writeFile(file, JSON.stringify(har));
    const playback = await loadPlayback(file);
    expect(await playback.exchange(0)).toMatchObject({ method: 'GET', startedAt: Date.parse('2026-11-21T09:00:00.000Z'), durationMs: 12, source: { input: file, line: 1 } });
    expect((await playback.exchange(2)).attempt.transport).toEqual({ code: 'ECONNRESET', message: 'net::ERR_CONNECTION_RESET' });
    const s = await sandbox({ playback });
    const missing = await s.call('GET', '/api/v1/orders/abc');
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('ORDER_NOT_FOUND');
    expect(missing.headers['x-trace']).toBe('a, b');
    expect((await s.call('GET', '/api/v1/auth/validate')).json).toEqual({ valid: true, scopes: [] });
    await expect(s.call('GET', '/api/v1/blacklists')).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('refuses a file that is neither a cassette nor a HAR file, naming it', async () => {
    const text = join(dir, 'notes.txt');
    await writeFile(text, 'HTTP/1.1 200 OK\r\n\r\n');
    await expect(loadPlayback(text)).rejects.toThrow(new InputError(`${text} is neither an op-errors cassette nor a HAR file (it is not JSON)`));
    const other = join(dir, 'other.json');
    await writeFile(other, '{"interactions": []}');
    await expect(loadPlayback(other)).rejects.toThrow(InputError);
    await expect(loadPlayback(other)).rejects.toThrow(/other\.json is neither/);
    await expect(loadPlayback(join(dir, 'absent.json'))).rejects.toThrow(/cannot read .*absent\.json: no such file/);
    const bare = join(dir, 'bare.json');
    await writeFile(bare, '{"format":"op-errors-cassette","version":1}');
    await expect(loadPlayback(bare)).rejects.toThrow(/bare\.json is an op-errors cassette without an interactions list/);
    const cut = join(dir, 'cut.json');
    await writeFile(cut, '{"format":"op-errors-cassette","version":1,"interactions":[{"request":{}');
    await expect(loadPlayback(cut)).rejects.toThrow(/cut\.json: the recording is not valid JSON/);
    const future = join(dir, 'v2.json');
    await writeFile(future, '{"format":"op-errors-cassette","version":2,"interactions":[]}');
    await expect(loadPlayback(future)).rejects.toThrow(/version 2/);
  });
});

describe('sandbox: playback of unplayable statuses', () => {
  it('answers a recorded 100 or 101 with a clear 502 instead of leaving the client waiting', async () => {
    const s = await sandbox({ playback: playbackOf([100, 101].map((status) => ({
      method: 'GET', url: `${BASE}/orders/${status}`, attempt: { status, headers: {}, body: '' }, startedAt: null, durationMs: null,
      source: { input: 'recorded.json', line: 1 },
    }))) });
    for (const status of [100, 101]) {
      const r = await s.call('GET', `/api/v1/orders/${status}`);
      expect(r.status).toBe(502);
      expect(r.json).toEqual({ code: 'BAD_GATEWAY',
        message: `The recording answers GET /api/v1/orders/${status} with status ${status}, which is not a final HTTP response and cannot be replayed` });
    }
  });
});
