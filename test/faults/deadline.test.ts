import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep } from '../../src/adapters/retry-runner.js';
import { runBin } from '../helpers/bin.js';
import { call } from '../helpers/call.js';
import { type ScriptedServer, startServer } from '../helpers/server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = null;
});

describe('deadlines and long waits hold', () => {
  it('an attempt in flight is cut by what is left of --retry-max-time, not only by --timeout', async () => {
    server = await startServer(['hang']);
    const r = await call({ method: 'GET', target: `${server.url}/orders`, retry: 3, retryMaxTime: 1, timeout: 20 });
    expect(r.code).toBe(75);
    expect(r.err).toMatch(/attempt 1 of 4: ETIMEDOUT/);
    // On a loaded machine the deadline may pass before the request is even read; never a second attempt.
    expect(server.requests.length).toBeLessThanOrEqual(1);
  }, 10_000);

  it('a wait past the 2^31-1 ms a Node timer holds is slept in full, in pieces', async () => {
    vi.useFakeTimers();
    let done = false;
    void abortableSleep(3_000_000_000, new AbortController().signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(2 ** 31);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(3_000_000_000 - 2 ** 31);
    expect(done).toBe(true);
  });

  it('a wait of 3,000,000 s reads the same in the retry log and in the result: 35 days', async () => {
    server = await startServer([{ status: 503, headers: { 'retry-after': '3000000' }, body: { error: { code: 'SERVICE_UNAVAILABLE' } } }]);
    let sent = false;
    const r = await runBin(['call', 'GET', `${server.url}/orders`, '--retry', '1', '--retry-max-time', '100000000'], {
      onStderr: (text, child) => void (!sent && text.includes('waiting') && (sent = child.kill('SIGTERM'))),
    });
    expect(r.code).toBe(143);
    expect(r.err).toMatch(/waiting 35 days \(Retry-After\); 1157 days left before the 1157 days deadline/);
    expect(r.out).toMatch(/Retry after +35 days\n/);
  });
});
