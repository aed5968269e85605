import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { sandbox } from './client.js';

const UNAVAILABLE = { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' };

/** The sandbox module bundled from the current sources, for a fresh Node process to import. */
async function bundledSandbox(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'op-sandbox-')), 'sandbox.js');
  const entry = fileURLToPath(new URL('../../src/sandbox/sandbox.ts', import.meta.url));
  await build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', packages: 'external', logLevel: 'silent' });
  return outfile;
}

describe('sandbox: scenarios', () => {
  it('flaky: each method and path answers 503, 503, then normally, and the cycle starts again', async () => {
    const s = await sandbox({ scenario: 'flaky' });
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push((await s.call('GET', '/api/v1/orders')).status);
    expect(orders).toEqual([503, 503, 200, 503]);
    const other = await s.call('GET', '/api/v1/blacklists');
    expect(other.status).toBe(503);
    expect(other.json).toEqual(UNAVAILABLE);
    expect(other.headers['retry-after']).toBe('1');
    expect((await s.call('POST', '/api/v1/orders', { body: {} })).status).toBe(503);
    expect((await s.call('GET', '/health')).status).toBe(200);
    expect(s.logs[0]).toMatch(/^GET \/api\/v1\/orders → 503 SERVICE_UNAVAILABLE \(\d+ ms\)$/);
  });

  it('outage: every request answers 503 with Retry-After: 5, except /health', async () => {
    const s = await sandbox({ scenario: 'outage' });
    for (const path of ['/api/v1/orders', '/api/v1/auth/validate', '/api/v1/nothing-here']) {
      const r = await s.call('GET', path);
      expect(r.status).toBe(503);
      expect(r.json).toEqual(UNAVAILABLE);
      expect(r.headers['retry-after']).toBe('5');
    }
    expect((await s.call('GET', '/health')).status).toBe(200);
  });

  it('reset: every other request has its connection destroyed without a response', async () => {
    const s = await sandbox({ scenario: 'reset' });
    const dropped = await s.call('GET', '/api/v1/orders').catch((e: NodeJS.ErrnoException) => e);
    expect(dropped).toBeInstanceOf(Error);
    expect((dropped as NodeJS.ErrnoException).code).toBe('ECONNRESET');
    expect((await s.call('GET', '/api/v1/orders')).status).toBe(200);
    await expect(s.call('GET', '/api/v1/orders')).rejects.toThrow();
    expect(s.logs[0]).toBe('GET /api/v1/orders → reset');
  });

  it("gateway: alternates nginx's HTML 502 and 504 pages", async () => {
    const s = await sandbox({ scenario: 'gateway' });
    const bad = await s.call('GET', '/api/v1/orders');
    expect(bad.status).toBe(502);
    expect(bad.headers['content-type']).toBe('text/html');
    expect(bad.text).toBe(
      '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    );
    const timeout = await s.call('GET', '/api/v1/orders');
    expect(timeout.status).toBe(504);
    expect(timeout.text).toContain('<title>504 Gateway Time-out</title>');
    expect((await s.call('GET', '/api/v1/orders')).status).toBe(502);
  });

  it('slow: delays every response by slowMs', async () => {
    const s = await sandbox({ scenario: 'slow', slowMs: 150 });
    const started = Date.now();
    // Order, not elapsed time, shows that /health skips the delay: started later, it still answers first.
    const answered: string[] = [];
    const slow = s.call('GET', '/api/v1/orders').then((r) => (answered.push('orders'), r));
    const health = s.call('GET', '/health').then((r) => (answered.push('health'), r));
    const [r] = await Promise.all([slow, health]);
    expect(r.status).toBe(200);
    // A lower bound cannot flake: no load makes a delay shorter.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(answered).toEqual(['health', 'orders']);
  });

  it('slow: closing the sandbox cancels pending delays and drops their connections', async () => {
    const s = await sandbox({ scenario: 'slow' });
    const pending = s.call('GET', '/api/v1/orders').catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    // The default delay outlasts the test's timeout: close() returns in time only if it cancels it.
    await s.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('slow: leaves no timer behind that keeps the process alive after close', async () => {
    const sandboxModule = await bundledSandbox();
    // A fresh process shows it: one with a 35 s timer still armed would not exit by itself in time.
    const script = `
      import { request } from 'node:http';
      import { startSandbox } from ${JSON.stringify(pathToFileURL(sandboxModule).href)};
      const s = await startSandbox({ port: 0, scenario: 'slow' });
      request(s.url + '/orders').on('error', () => {}).end();
      setTimeout(() => s.close().then(() => console.log('closed')), 200);`;
    // The 15 s limit kills a process that a 35 s timer keeps alive: its status is then null, not 0.
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 15_000 });
    expect(r.stdout.trim()).toBe('closed');
    expect(r.status).toBe(0);
  });

  it('failRate: answers 503 for the share of requests the random source picks', async () => {
    const draws = [0.1, 0.9, 0.29, 0.3];
    const s = await sandbox({ failRate: 0.3, random: () => draws.shift() ?? 0.99 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await s.call('GET', '/api/v1/orders')).status);
    expect(statuses).toEqual([503, 200, 503, 200]);
  });
});
