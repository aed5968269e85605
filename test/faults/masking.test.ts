import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/commands/context.js';
import { runReplay } from '../../src/commands/replay.js';
import { Redactor } from '../../src/core/redact.js';
import { KEY, call } from '../helpers/call.js';
import { createTestIo } from '../helpers/io.js';

const SECRETS = { pass: 'hunter2hunter2', sig: 'c2lnbmF0dXJlLXZhbHVl', session: 'sess-77aa-99bb-cc', user: 'pw-in-userinfo-9' };
const uEscape = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
let url = '';
let seen: IncomingMessage['headers'] = {};
const server = createServer((req, res) => {
  seen = req.headers;
  // A server that echoes everything it got, in the encodings servers really use.
  const echoed = JSON.stringify({ url: req.url, auth: req.headers.authorization, all: req.headers })
    .replace(KEY, uEscape(KEY));
  res.writeHead(200, { 'content-type': 'application/json', [`x-${KEY.toLowerCase()}`]: '1', 'x-session-echo': SECRETS.session }).end(echoed);
});
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const everySecret = [KEY, KEY.toLowerCase(), ...Object.values(SECRETS), Buffer.from(`me:${SECRETS.user}`).toString('base64')];
const expectClean = (text: string) => {
  for (const s of everySecret) expect(text, s).not.toContain(s);
  expect(text).not.toContain(uEscape(KEY));
};

describe('every secret the user gave is masked by value, in any encoding the server echoes', () => {
  it('query values, credential -H headers, Basic and the key echoed JSON-\\u-escaped or as a lower-cased header name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-mask-'));
    for (const json of [false, true]) {
      const r = await call({ method: 'GET', target: `${url}/orders`, query: [`pass=${SECRETS.pass}`, `sig=${SECRETS.sig}`, 'limit=5'],
        header: [`X-Session: ${SECRETS.session}`], include: true, record: join(dir, 'c.json') }, undefined, { json });
      expect(r.code).toBe(0);
      expect(r.out).toContain('limit=5');
      expectClean(r.out + r.err);
    }
    expect(seen['x-session']).toBe(SECRETS.session);
    expectClean(readFileSync(join(dir, 'c.json'), 'utf8'));
    const basic = await call({ method: 'GET', target: `${url}/orders`, auth: false, header: [`Authorization: Basic ${Buffer.from(`me:${SECRETS.user}`).toString('base64')}`] });
    expectClean(basic.out + basic.err);
  });

  it('the password of a URL, also when the base URL is invalid and quoted in the error', async () => {
    const r = await call({ method: 'GET', target: `http://me:${SECRETS.user}@127.0.0.1:${new URL(url).port}/orders`, include: true });
    expectClean(r.out + r.err);
    const bad = await call({ method: 'GET', target: '/orders', baseUrl: `http://me:${SECRETS.user}@[bad/api` }).catch((e: Error) => e);
    expect(bad).toBeInstanceOf(Error);
    expect((bad as Error).message).toMatch(/not a URL/);
    expectClean((bad as Error).message);
  });

  it('replay of a HAR masks api_key= and token= query values in its log and --json, and their echoes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-mask-har-'));
    const har = join(dir, 's.har');
    writeFileSync(har, JSON.stringify({ log: { entries: [503, 200].map((status, i) => ({
      startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), time: 5,
      request: { method: 'GET', url: `https://api.example.test/orders?api_key=${SECRETS.sig}&token=${SECRETS.pass}&limit=2`, headers: [] },
      response: { status, headers: [], content: { text: `{"message":"bad token ${SECRETS.pass}"}` } } })) } }));
    for (const json of [false, true]) {
      const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' } });
      await runReplay({ files: [har], seed: 1, realtime: false, retry: 2, retryUnsafe: false }, await createContext(io, { json }));
      expect(io.stdout() + io.stderr()).toContain('limit=2');
      expectClean(io.stdout() + io.stderr());
    }
  });

  it('a secret split across the pieces of a streamed body is still masked', () => {
    const masker = new Redactor([KEY]).stream();
    const text = `before ${KEY} middle ${uEscape(KEY)} after`;
    let out = '';
    for (let i = 0; i < text.length; i += 7) out += masker.push(text.slice(i, i + 7));
    out += masker.end();
    expect(out).toBe('before [REDACTED] middle [REDACTED] after');
  });
});
