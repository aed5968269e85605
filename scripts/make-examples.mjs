// Regenerates examples/ from the built-in sandbox: recordings of a flaky call that recovers, a rate-limited
// burst, a validation failure, and a HAR export of a short session. Run after `npm run build`.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { startSandbox } from '../dist/sandbox/sandbox.js';

const run = promisify(execFile);
const out = new URL('../examples/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const env = { ...process.env, OPENPROSPECT_API_KEY: 'lnc_test_full_access', NO_COLOR: '1' };

async function record(file, scenario, calls) {
  rmSync(out + file, { force: true });
  const sandbox = await startSandbox({ port: 0, scenario });
  try {
    for (const args of calls) {
      await run(process.execPath, ['bin/op-errors.js', 'call', ...args, '--base-url', sandbox.url, '--record', out + file], { env })
        .catch(() => {});
    }
  } finally {
    await sandbox.close();
  }
}

await record('flaky-orders.json', 'flaky', [['GET', '/orders', '-q', 'limit=2', '--retry', '3']]);
await record('rate-limited-burst.json', 'rate-limited',
  Array.from({ length: 5 }, (_, i) => ['GET', `/orders`, '-q', `offset=${i}`, '-q', 'limit=1', '--retry', '2']));
await record('validation-failure.json', undefined, [
  ['POST', '/orders', '-d', '{"title":"Q4 enrichment","features":["CONTACT"],"companies":[{"website_url":"https://acme.example"}]}'],
]);

// A HAR export as browser devtools would save it: a gateway error, a dropped connection, then recovery.
const entries = [];
async function harSession(scenario, requests) {
  const sandbox = await startSandbox({ port: 0, scenario });
  try {
    for (const [method, path, body] of requests) {
      const started = Date.now();
      const url = `${new URL(sandbox.url).origin}${path}`;
      let response;
      try {
        const res = await fetch(url, { method, body, headers: { authorization: 'Bearer lnc_test_full_access', 'content-type': 'application/json' } });
        const text = await res.text();
        response = { status: res.status, statusText: res.statusText, httpVersion: 'HTTP/1.1',
          headers: [...res.headers].map(([name, value]) => ({ name, value })), content: { size: text.length, mimeType: res.headers.get('content-type') ?? '', text } };
      } catch {
        response = { status: 0, statusText: '', httpVersion: '', headers: [], content: { size: 0, mimeType: '' }, _error: 'net::ERR_CONNECTION_RESET' };
      }
      entries.push({ startedDateTime: new Date(started).toISOString(), time: Date.now() - started,
        request: { method, url, httpVersion: 'HTTP/1.1', headers: [{ name: 'Authorization', value: '[REDACTED]' }], queryString: [], bodySize: body ? body.length : 0 },
        response, cache: {}, timings: { send: 0, wait: Date.now() - started, receive: 0 } });
      await new Promise((r) => setTimeout(r, 1500));
    }
  } finally {
    await sandbox.close();
  }
}
await harSession('gateway', [['GET', '/api/v1/prospect-searches'], ['GET', '/api/v1/prospect-searches']]);
await harSession('reset', [['GET', '/api/v1/prospect-searches']]);
await harSession(undefined, [['GET', '/api/v1/prospect-searches'], ['GET', '/api/v1/blacklists/5c1d7e2a-8f4b-4a6c-9e3d-1b2f0a7c6d84']]);
writeFileSync(out + 'browser-session.har', `${JSON.stringify({ log: { version: '1.2', creator: { name: 'op-errors examples', version: '1' }, entries } }, null, 2)}\n`);
console.log('wrote examples/: flaky-orders.json, rate-limited-burst.json, validation-failure.json, browser-session.har');
