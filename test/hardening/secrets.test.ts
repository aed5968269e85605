import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ScriptedServer, startServer } from '../helpers/server.js';

const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));
const KEY = 'lnc_live_Z9xQ7mK2pL4vN8rT1wY6jB3cE0dF5gH';
const dir = mkdtempSync(join(tmpdir(), 'op-secrets-'));

/** Runs the built CLI with the key in the environment, --debug on, and stdin from `input`. */
function cli(args: string[], input = '', stopAfterMs?: number) {
  return new Promise<string>((resolve) => {
    const env = { ...process.env, OPENPROSPECT_API_KEY: KEY, NO_COLOR: '1', XDG_CONFIG_HOME: dir };
    const child = spawn(process.execPath, [BIN, ...args, '--debug'], { env });
    let all = '';
    child.stdout.on('data', (d) => (all += d));
    child.stderr.on('data', (d) => (all += d));
    child.stdin.end(input);
    if (stopAfterMs) setTimeout(() => child.kill('SIGINT'), stopAfterMs);
    child.on('close', () => resolve(all));
  });
}

let echo: ScriptedServer;
beforeAll(async () => {
  echo = await startServer([
    { status: 401, headers: { 'x-echo-key': KEY }, body: { code: 'UNAUTHORIZED', message: `Invalid API key ${KEY}`, details: { received: `Bearer ${KEY}` } } },
    'reset',
    { status: 200, body: { token: KEY } },
  ]);
});
afterAll(() => echo.close());

describe('the API key never appears', () => {
  it('in the output, logs, recordings and errors of every command, with --debug and -v', async () => {
    const tape = join(dir, 'tape.json');
    const capture = `HTTP/1.1 401 Unauthorized\r\nauthorization-echo: Bearer ${KEY}\r\n\r\n{"code":"UNAUTHORIZED","message":"bad key ${KEY}"}\n`;
    writeFileSync(join(dir, 'capture.txt'), capture);
    writeFileSync(join(dir, 'session.har'), JSON.stringify({ log: { entries: [{ startedDateTime: '2026-11-21T09:00:00Z', time: 3,
      request: { method: 'GET', url: `https://api.openprospect.io/api/v1/orders?api_key=${KEY}`, headers: [{ name: 'Authorization', value: `Bearer ${KEY}` }] },
      response: { status: 401, headers: [], content: { text: `{"code":"UNAUTHORIZED","message":"${KEY} is revoked"}` } } }] } }));
    const outputs = [
      await cli(['explain', KEY]),
      await cli(['classify'], capture),
      await cli(['classify', '--json'], capture),
      await cli(['call', 'GET', `${echo.url}/orders?token=${KEY}`, '-i', '-v', '--record', tape]),
      await cli(['call', 'GET', `${echo.url}/orders`, '--retry', '2', '--json', '-i', '--record', tape]),
      await cli(['call', 'GET', '/orders', '--base-url', `http://user:${KEY}@example.com/api/v1`]),
      await cli(['call', 'POST', `${echo.url}/orders`, '-d', `{"key": "${KEY}", broken`]),
      await cli(['replay', join(dir, 'capture.txt'), join(dir, 'session.har'), tape, '--retry', '1']),
      await cli(['replay', join(dir, 'session.har'), '--json']),
      await cli(['doctor', '--base-url', `${echo.url}/api/v1`, '--timeout', '2']),
      await cli(['serve', '--port', '0', '--cassette', join(dir, 'session.har')], '', 1500),
      await cli(['nonsense', KEY]),
    ];
    for (const [i, out] of outputs.entries()) {
      expect(out.length, `command ${i} printed something`).toBeGreaterThan(0);
      expect(out, `command ${i}`).not.toContain(KEY);
    }
    expect(readFileSync(tape, 'utf8')).not.toContain(KEY);
  });
});
