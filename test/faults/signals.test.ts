import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedServer, startServer } from '../helpers/server.js';

const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));
let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** Runs the built CLI and sends `signal` once stderr shows the retry wait. */
function killedDuringWait(args: string[], signal: NodeJS.Signals) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', OPENPROSPECT_API_KEY: 'lnc_test_signalkey000000000' };
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  let sent = false;
  child.stderr.on('data', (d) => {
    err += d;
    if (!sent && /waiting/.test(err)) {
      sent = true;
      child.kill(signal);
    }
  });
  // Bounded: the server asks for a 60 s wait, so without the signal the run would outlast the test.
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise<{ code: number | null; err: string }>((resolve) => child.on('close', (code) => {
    clearTimeout(guard);
    resolve({ code, err });
  }));
}

describe('a call ended by a signal keeps what happened', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} during the retry wait exits ${code} with the attempt already in the cassette`, async () => {
      server = await startServer([{ status: 503, headers: { 'retry-after': '60' }, body: { error: { code: 'SERVICE_UNAVAILABLE' } } }]);
      const file = join(mkdtempSync(join(tmpdir(), 'op-errors-sig-')), 'c.json');
      const r = await killedDuringWait(['call', 'GET', `${server.url}/orders`, '--retry', '3', '--retry-max-time', '600', '--record', file], signal);
      expect(r.code).toBe(code);
      expect(r.err).toMatch(/interrupted during the wait after attempt 1/);
      const cassette = JSON.parse(readFileSync(file, 'utf8'));
      expect(cassette.interactions.map((i: { response: { status: number } }) => i.response.status)).toEqual([503]);
    });
  }

  it('SIGTERM while an attempt is in flight exits 143 with the earlier attempts in the cassette', async () => {
    server = await startServer([{ status: 503, headers: { 'retry-after': '0' }, body: { error: { code: 'SERVICE_UNAVAILABLE' } } }, 'hang']);
    const file = join(mkdtempSync(join(tmpdir(), 'op-errors-sig-')), 'c.json');
    const r = await killedDuringWait(['call', 'GET', `${server.url}/orders`, '--retry', '3', '--timeout', '60', '--record', file], 'SIGTERM');
    expect(r.code).toBe(143);
    expect(r.err).toMatch(/interrupted during (attempt 2 \(SIGTERM\)|the wait after attempt 1)/);
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(1);
  });
});
