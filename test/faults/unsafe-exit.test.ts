import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/call.js';
import { type ScriptedServer, startServer } from '../helpers/server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const unavailable = { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } };

describe('exit 75 only when repeating the same command is safe', () => {
  for (const retry of [undefined, 3]) {
    it(`a POST that got a 503 exits 1 with the reason (--retry ${retry ?? 'off'})`, async () => {
      server = await startServer([unavailable]);
      const r = await call({ method: 'POST', target: `${server.url}/orders`, data: '{}', retry });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/not retried: POST is not idempotent .*--idempotency-key auto/);
      expect(server.requests).toHaveLength(1);
    });
  }

  it('the same POST with an Idempotency-Key, a GET, and a POST refused before it arrived exit 75', async () => {
    server = await startServer([unavailable]);
    expect((await call({ method: 'POST', target: `${server.url}/orders`, data: '{}', idempotencyKey: 'k-1' })).code).toBe(75);
    expect((await call({ method: 'GET', target: `${server.url}/orders` })).code).toBe(75);
    const refused = await call({ method: 'POST', target: 'http://127.0.0.1:1/orders', data: '{}' });
    expect(refused.code).toBe(75);
  });
});
