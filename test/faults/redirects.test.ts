import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer as createHttp } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));
const KEY = 'lnc_test_redirectKEY0000000000';
type Seen = { url: string; headers: IncomingMessage['headers']; body: string };
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const tls = { key: '', cert: '', caFile: '' };
const closers: (() => void)[] = [];

beforeAll(() => {
  // A self-signed certificate for localhost, made here: the spawned CLI trusts it through NODE_EXTRA_CA_CERTS.
  const dir = mkdtempSync(join(tmpdir(), 'op-errors-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
  tls.key = readFileSync(join(dir, 'key.pem'), 'utf8');
  tls.cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  tls.caFile = join(dir, 'cert.pem');
});
afterAll(() => closers.forEach((c) => c()));

/** A server on 127.0.0.1 (named localhost in URLs) that records what it saw and answers with `handler`. */
async function listen(kind: 'http' | 'https', handler: Handler): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const onRequest: Handler = (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body });
      handler(req, res);
    });
  };
  const server = kind === 'https' ? createHttps({ key: tls.key, cert: tls.cert }, onRequest) : createHttp(onRequest);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  closers.push(() => server.close());
  return { url: `${kind}://localhost:${(server.address() as AddressInfo).port}`, seen };
}
const redirectTo = (status: number, location: () => string): Handler => (_req, res) => res.writeHead(status, { location: location() }).end();
const ok: Handler = (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');

function cli(args: string[]) {
  const env = { ...process.env, NO_COLOR: '1', OPENPROSPECT_API_KEY: KEY, NODE_EXTRA_CA_CERTS: tls.caFile, NODE_OPTIONS: '--dns-result-order=ipv4first' };
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('redirects never carry a credential where it does not belong', () => {
  it('does not follow https to plain http on the same host name: nothing is sent in clear', async () => {
    const plain = await listen('http', ok);
    const secure = await listen('https', redirectTo(302, () => `${plain.url}/orders`));
    const r = await cli(['call', 'GET', `${secure.url}/orders`, '--json']);
    expect(secure.seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(plain.seen).toHaveLength(0);
    expect(r.err).toMatch(/redirect 302 .* not followed \(a redirect from https to plain http/);
    expect(JSON.parse(r.out).redirects[0]).toMatchObject({ status: 302, action: 'not-followed' });
    expect(r.out + r.err).not.toContain(KEY);
  });

  it('follows a 302 to another origin without the key or credential-like -H headers, and lists the chain', async () => {
    const other = await listen('http', ok);
    const first = await listen('http', redirectTo(302, () => `${other.url}/landing?x=1`));
    const origin = first.url.replace('localhost', '127.0.0.1');
    const r = await cli(['call', 'GET', `${origin}/orders`, '-H', 'X-Api-Key: custom-secret-1', '-H', 'X-Custom-Token: tok-secret-2',
      '-H', 'X-Trace: keep-me', '--json', '--verbose']);
    expect(r.code).toBe(0);
    const got = other.seen[0].headers;
    expect(got.authorization).toBeUndefined();
    expect(got['x-api-key']).toBeUndefined();
    expect(got['x-custom-token']).toBeUndefined();
    expect(got['x-trace']).toBe('keep-me');
    const json = JSON.parse(r.out);
    expect(json.redirects).toEqual([expect.objectContaining({ status: 302, action: 'followed-without-credentials', to: `${other.url}/landing?x=1` })]);
    expect(r.err).toMatch(/redirect 302 .* followed without credentials/);
  });

  it('does not re-send a body to another origin on 307', async () => {
    const other = await listen('http', ok);
    const first = await listen('http', redirectTo(307, () => `${other.url}/orders`));
    const r = await cli(['call', 'POST', `${first.url.replace('localhost', '127.0.0.1')}/orders`, '-d', '{"secret":"body"}', '--json']);
    expect(other.seen).toHaveLength(0);
    expect(JSON.parse(r.out).redirects[0].action).toBe('not-followed');
  });

  it('follows a same-origin 303 after POST as a GET without the body, keeping the key', async () => {
    const server = await listen('http', (req, res) => (req.method === 'POST' ? redirectTo(303, () => '/orders/1')(req, res) : ok(req, res)));
    const r = await cli(['call', 'POST', `${server.url}/orders`, '-d', '{"a":1}', '--json']);
    expect(r.code).toBe(0);
    expect(server.seen[1]).toMatchObject({ url: '/orders/1', body: '' });
    expect(server.seen[1].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('ends a redirect loop as ERR_TOO_MANY_REDIRECTS, not retried', async () => {
    const server = await listen('http', redirectTo(302, () => '/again'));
    const r = await cli(['call', 'GET', `${server.url}/orders`, '--retry', '2', '--json']);
    expect(JSON.parse(r.out).attempts.map((a: { transport: string }) => a.transport)).toEqual(['ERR_TOO_MANY_REDIRECTS']);
    expect(server.seen).toHaveLength(11);
  });
});
