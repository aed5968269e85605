import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { createTestIo } from '../helpers/io.js';
import { curlI } from '../helpers/read.js';
import { type ScriptedServer, startServer } from '../helpers/server.js';

// What users see, at a fixed width of 80 columns and without colour, compared with the files in
// __output__/. After an intended change of the output: npx vitest run test/snapshots -u, and review the diff.
const WIDTH = 80;
const NOW = Date.parse('2026-11-21T12:00:00Z');
// Relative to the repository, where vitest runs, so that no machine's path shows in the output.
const HAR = 'test/fixtures/recordings/outage.har';

async function run(argv: string[], options: { input?: string; env?: Record<string, string>; realClock?: boolean } = {}) {
  const io = createTestIo({
    input: options.input, columns: WIDTH, now: NOW,
    env: { NO_COLOR: '1', COLUMNS: String(WIDTH), XDG_CONFIG_HOME: '/nonexistent', ...options.env },
  });
  // Doctor compares the clock with the server's: there the test runs on the same clock as the sandbox.
  if (options.realClock) io.now = () => Date.now();
  const code = await main(argv, io);
  return `$ op-errors ${argv.join(' ')}\n${io.stdout()}${io.stderr() ? `--- stderr\n${io.stderr()}` : ''}--- exit ${code}\n`;
}

/** Replaces what changes from run to run (ports, durations, dates) with fixed words. */
const steady = (text: string) => text
  .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
  .replace(/\b\d+(\.\d+)? ?ms\b/g, 'N ms')
  .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, 'DATE')
  .replace(/within \d+ s of the server's clock/, "within N s of the server's clock");

const snapshot = (name: string) => `./__output__/${name}.txt`;

describe('what users see', () => {
  it('explain: a code, a status, and the list for a status', async () => {
    const text = [await run(['explain', 'ORDER_NOT_FOUND']), await run(['explain', '429']), await run(['codes', '--status', '404'])];
    await expect(text.join('\n')).toMatchFileSnapshot(snapshot('explain'));
  });

  it('classify: a curl -i 429, a validation failure with fields, and a log of several lines', async () => {
    const limited = curlI('HTTP/2 429 ', { 'retry-after': '17', 'x-request-id': 'req_42' }, '{"error":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded"}');
    const fields = '{"detail":[{"type":"missing","loc":["body","companies",0,"company_name"],"msg":"Field required","input":{}}]}';
    const log = ['{"status":404,"code":"ORDER_NOT_FOUND","message":"Order not found"}', '{"status":503,"error":{"code":"SERVICE_UNAVAILABLE"}}',
      '{"status":200,"id":"ord_1"}'].join('\n');
    const text = [await run(['classify'], { input: limited }), await run(['classify', '--status', '422'], { input: fields }),
      await run(['classify'], { input: log })];
    await expect(text.join('\n')).toMatchFileSnapshot(snapshot('classify'));
  });

  it('replay: the table of an outage HAR, recorded and with --retry simulated', async () => {
    const text = [await run(['replay', HAR]), await run(['replay', HAR, '--retry', '3', '--jitter', 'none'])];
    await expect(steady(text.join('\n'))).toMatchFileSnapshot(snapshot('replay'));
  });

  describe('against servers on 127.0.0.1', () => {
    let server: ScriptedServer;
    let sandbox: Sandbox;
    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0 });
    });
    afterAll(async () => {
      await server?.close();
      await sandbox.close();
    });

    it('call: a retried 503 that then succeeds, and a validation failure', async () => {
      server = await startServer([
        { status: 503, headers: { 'retry-after': '0', 'x-request-id': 'req_1' }, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'Try again' } } },
        { status: 200, body: { id: 'ord_123', status: 'completed' } },
        { status: 422, body: { detail: [{ type: 'missing', loc: ['body', 'companies'], msg: 'Field required' }] } },
      ]);
      const env = { OPENPROSPECT_API_KEY: 'lnc_test_s3cr3tKEYvalue0123456789' };
      const text = [await run(['call', 'GET', `${server.url}/orders/ord_123`, '--retry', '2', '--jitter', 'none'], { env }),
        await run(['call', 'POST', `${server.url}/orders`, '-d', '{}'], { env })];
      await expect(steady(text.join('\n'))).toMatchFileSnapshot(snapshot('call'));
    });

    it('doctor: a read-only key against the sandbox', async () => {
      const env = { OPENPROSPECT_API_KEY: 'lnc_test_read_only', OPENPROSPECT_BASE_URL: sandbox.url };
      await expect(steady(await run(['doctor'], { env, realClock: true }))).toMatchFileSnapshot(snapshot('doctor'));
    });
  });
});
