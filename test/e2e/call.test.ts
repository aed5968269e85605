import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedServer, startServer } from '../helpers/server.js';

const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Runs the built CLI; `onStderr` sees stderr as it arrives (to send Ctrl-C at the right moment). */
function cli(args: string[], onStderr?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', OPENPROSPECT_API_KEY: 'lnc_test_e2ekey0000000000' };
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => {
    err += d;
    onStderr?.(err, child);
  });
  return new Promise<{ code: number | null; signal: string | null; out: string; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, out, err })));
}

describe('op-errors call (the built binary)', () => {
  // How long each wait lasts is checked on a virtual clock (test/adapters/retry-runner.test.ts); here the
  // built binary runs the whole loop against a real server, with waits of 0 s so no time passes.
  it('retries as it logs: Retry-After 0, then success, with every attempt in --json', async () => {
    server = await startServer([
      { status: 503, headers: { 'retry-after': '0' }, body: { error: { code: 'SERVICE_UNAVAILABLE' } } },
      { status: 200, body: { ok: true } },
    ]);
    const r = await cli(['call', 'GET', `${server.url}/orders`, '--retry', '3', '--jitter', 'none', '--json']);
    expect(r.code).toBe(0);
    expect([...r.err.matchAll(/waiting ([\d.]+) s/g)].map((m) => Number(m[1]))).toEqual([0]);
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(r.out).attempts).toHaveLength(2);
  });

  it('stops at once on Ctrl-C during a wait, prints the last classification and exits 130', async () => {
    server = await startServer([{ status: 429, headers: { 'retry-after': '30' }, body: { error: 'RATE_LIMIT_EXCEEDED' } }]);
    // The server asks for 30 s, longer than the test may take: only an interruption ends it in time.
    let sent = false;
    const r = await cli(['call', 'GET', `${server.url}/orders`, '--retry', '3'], (text, child) => {
      if (!sent && text.includes('waiting')) sent = child.kill('SIGINT');
    });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/interrupted during the wait after attempt 1/);
    expect(r.out).toMatch(/429 RATE_LIMIT_EXCEEDED/);
  });

  it('exits 2 with one line when the key is missing', async () => {
    const child = spawn(process.execPath, [BIN, 'call', 'GET', '/orders'], { env: { PATH: process.env.PATH, NO_COLOR: '1' } });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(err.trim()).toMatch(/^op-errors: OPENPROSPECT_API_KEY is not set/);
  });
});
