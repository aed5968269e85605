import { afterEach, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { call } from '../helpers/call.js';
import { curlI } from '../helpers/read.js';
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

  it('the verdict says what the exit says: ✖ not retried, in the human form, -s and --json; classify of the same answer is unchanged', async () => {
    server = await startServer([unavailable]);
    const post = ['call', 'POST', `${server.url}/orders`, '-d', '{}'];
    const human = await runBin(post);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/^✖ 503 SERVICE_UNAVAILABLE\s+not retried: POST is not idempotent/m);
    expect(human.out).not.toMatch(/↻|retryable: repeat/);
    const silent = await runBin([...post, '-s']);
    expect([silent.code, silent.out]).toEqual([1, '']);
    expect(silent.err).toMatch(/✖ 503 SERVICE_UNAVAILABLE\s+not retried: POST/);
    const json = await runBin(['--json', ...post]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ retryable: false, retry: 'backoff', stop: 'unsafe-method' });
    const keyed = await runBin(['--json', ...post, '--idempotency-key', 'auto']);
    expect(keyed.code).toBe(75);
    expect(JSON.parse(keyed.out)).toMatchObject({ retryable: true, retry: 'backoff', stop: 'retry-off' });
    // classify reads a response without its request: the code's rule stands.
    const answer = curlI('HTTP/1.1 503 Service Unavailable', { 'content-type': 'application/json' }, JSON.stringify(unavailable.body));
    const classified = await runBin(['classify', '--json'], { input: answer });
    expect(classified.code).toBe(75);
    expect(JSON.parse(classified.out)).toMatchObject({ retryable: true, retry: 'backoff' });
  });
});
