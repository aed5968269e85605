import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendToCassette } from '../../src/adapters/cassette.js';
import { KEY, call } from '../helpers/call.js';
import { type ScriptedServer, startServer } from '../helpers/server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const dir = () => mkdtempSync(join(tmpdir(), 'op-errors-rec-'));

describe('call --record', () => {
  it('writes every attempt to a versioned cassette with secrets masked, and appends on the next run', async () => {
    server = await startServer([
      { status: 503, headers: { 'retry-after': '1', 'set-cookie': 'session=abc' }, body: { error: { code: 'SERVICE_UNAVAILABLE' } } },
      { status: 200, body: { ok: true } },
    ]);
    const file = join(dir(), 'incident.json');
    await call({ method: 'GET', target: `${server.url}/orders`, query: ['api_key=topsecret1', 'limit=2'], retry: 2, record: file });
    const cassette = JSON.parse(readFileSync(file, 'utf8'));
    expect(cassette).toMatchObject({ format: 'op-errors-cassette', version: 1 });
    expect(cassette.interactions.map((i: { response: { status: number } }) => i.response.status)).toEqual([503, 200]);
    const first = cassette.interactions[0];
    expect(first.request.headers.authorization).toBe('[REDACTED]');
    expect(first.request.url).toContain('api_key=%5BREDACTED%5D');
    expect(first.request.url).toContain('limit=2');
    expect(first.response.headers['set-cookie']).toBe('[REDACTED]');
    expect(first.response.headers['retry-after']).toBe('1');
    await call({ method: 'GET', target: `${server.url}/orders`, record: file });
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(3);
    expect(readdirSync(join(file, '..'))).toEqual(['incident.json']);
  });

  it('refuses to overwrite a file that is not a cassette', async () => {
    const file = join(dir(), 'notes.json');
    writeFileSync(file, 'my notes');
    await expect(appendToCassette(file, [])).rejects.toThrow(/not an op-errors cassette/);
    expect(readFileSync(file, 'utf8')).toBe('my notes');
  });

  it('keeps every interaction when several runs append at once', async () => {
    const file = join(dir(), 'c.json');
    const one = (n: number) => ({ recordedAt: '', attempt: n, request: { method: 'GET', url: 'u', headers: {}, body: null },
      response: null, transport: { code: 'ECONNREFUSED', message: 'x' }, durationMs: 0 });
    await Promise.all(Array.from({ length: 8 }, (_, n) => appendToCassette(file, [one(n)])));
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(8);
  });
});

describe('the API key', () => {
  it('never appears in stdout, stderr or a cassette, whatever the outcome', async () => {
    const echo = { status: 401, body: { code: 'UNAUTHORIZED', message: `Invalid key ${KEY}`, details: { received: `Bearer ${KEY}` } } };
    for (const reply of [echo, { status: 200, headers: { 'x-echo': KEY }, body: { token: KEY } }] as const) {
      server = await startServer([reply]);
      const file = join(dir(), 'k.json');
      for (const flags of [{}, { json: true }]) {
        const r = await call({ method: 'GET', target: `${server.url}/x?token=${KEY}`, include: true, record: file }, undefined, flags);
        expect(r.out + r.err).not.toContain(KEY);
        expect(r.out).toContain('[REDACTED]');
      }
      expect(readFileSync(file, 'utf8')).not.toContain(KEY);
      await server.close();
      server = null;
    }
    const refused = await call({ method: 'GET', target: `http://127.0.0.1:9/x?key=${KEY}`, retry: 1 });
    expect(refused.out + refused.err).not.toContain(KEY);
  });
});
