import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/commands/context.js';
import { runDoctor } from '../../src/commands/doctor.js';
import { transportCause } from '../../src/core/doctor-diagnosis.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { createTestIo } from '../helpers/io.js';

let sandbox: Sandbox;
let outage: Sandbox;
let gateway: Sandbox;
let notApi: Server;
let selfSigned: Server;
let closedPort = 0;
beforeAll(async () => {
  [sandbox, outage, gateway] = await Promise.all([
    startSandbox({ port: 0 }), startSandbox({ port: 0, scenario: 'outage' }), startSandbox({ port: 0, scenario: 'gateway' }),
  ]);
  // A web server that is not the API: /health answers, everything else is its own 404 page.
  notApi = createServer((req, res) => {
    res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'text/html' });
    res.end(req.url === '/health' ? 'ok' : '<h1>Not Found</h1>');
  });
  await new Promise<void>((resolve) => notApi.listen(0, '127.0.0.1', resolve));
  // An https server whose certificate nobody signed: what a corporate proxy or a misconfigured host looks like.
  const dir = mkdtempSync(join(tmpdir(), 'op-errors-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  selfSigned = createTlsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('{}'));
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => selfSigned.listen(0, '127.0.0.1', resolve));
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await Promise.all([sandbox.close(), outage.close(), gateway.close(), new Promise<void>((resolve) => notApi.close(() => resolve())),
    new Promise<void>((resolve) => selfSigned.close(() => resolve()))]);
});

async function doctor(base: () => string, key: string, skewMs = 0) {
  const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent', OPENPROSPECT_API_KEY: key } });
  io.now = () => Date.now() + skewMs;
  const code = await runDoctor({ timeout: 3, baseUrl: base() }, await createContext(io, { json: true }));
  const out = JSON.parse(io.stdout());
  return { code, failed: out.checks.filter((c: { ok: boolean }) => !c.ok), raw: io.stdout() };
}

const root = (s: () => Sandbox) => () => s().url.replace('/api/v1', '');
const notApiRoot = () => `http://127.0.0.1:${(notApi.address() as AddressInfo).port}`;

// Each fault, the one check that must fail, what its detail names, and the fix and the command it gives.
const FAULTS: [string, () => string, string, number, string, RegExp, RegExp, RegExp][] = [
  ['nothing listens', () => `http://127.0.0.1:${closedPort}/api/v1`, 'lnc_test_full_access', 0,
    'connect', /nothing listens at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/, /check the port/, /op-errors explain ECONNREFUSED/],
  ['TLS to a plain HTTP port', () => sandbox.url.replace('http:', 'https:'), 'lnc_test_full_access', 0,
    'connect', /TLS failed with 127\.0\.0\.1:\d+ \(E\w+\)/, /check the scheme/, /op-errors explain E/],
  ['a self-signed certificate', () => `https://127.0.0.1:${(selfSigned.address() as AddressInfo).port}/api/v1`, 'lnc_test_full_access', 0,
    'connect', /TLS failed with 127\.0\.0\.1:\d+ \(DEPTH_ZERO_SELF_SIGNED_CERT\)/, /NODE_EXTRA_CA_CERTS/, /op-errors explain DEPTH_ZERO_SELF_SIGNED_CERT/],
  ['a base URL without /api/v1', root(() => sandbox), 'lnc_test_full_access', 0,
    'base path', /path is \/, .*live under \/api\/v1 \(GET \/api\/v1\/auth\/validate answered 200\)/, /--base-url http:\/\/127\.0\.0\.1:\d+\/api\/v1$/, /op-errors call GET \/auth\/validate --base-url/],
  ['/api/v2', () => sandbox.url.replace('/v1', '/v2'), 'lnc_test_full_access', 0,
    'base path', /path is \/api\/v2, .*live under \/api\/v1/, /\/api\/v1$/, /-i$/],
  ['a wrong prefix', () => `${sandbox.url.replace('/api/v1', '')}/openprospect/api/v1`, 'lnc_test_read_only', 0,
    'base path', /path is \/openprospect\/api\/v1/, /--base-url http:\/\/127\.0\.0\.1:\d+\/api\/v1$/, /-i$/],
  ['a web server that is not the API', () => `${notApiRoot()}/api/v1`, 'lnc_test_full_access', 0,
    'base path', /answered 404: this server does not serve the OpenProspect API/, /check the host/, /-i$/],
  ['an outage (503)', () => outage.url, 'lnc_test_full_access', 0,
    'service', /outage: \/api\/v1\/auth\/validate answered 503 SERVICE_UNAVAILABLE, Retry-After 5/, /not your setup/, /--retry 5/],
  ['a gateway page (502)', () => gateway.url, 'lnc_test_full_access', 0,
    'service', /answered 502 an HTML error page/, /not your setup/, /--retry/],
  ['an unknown key', () => sandbox.url, 'lnc_test_nobodyknowsme', 0,
    'key valid', /the key is not known \(GET \/auth\/validate answered 401 UNAUTHORIZED: Invalid API key\)/, /copy the whole key/, /-i$/],
  ['a revoked key', () => sandbox.url, 'lnc_test_revoked', 0,
    'key valid', /the key was revoked/, /create a new key .*who revoked it/, /-i$/],
  ['an expired key', () => sandbox.url, 'lnc_test_expired', 0,
    'key valid', /the key expired on 2026-01-31T23:59:59Z/, /later expiration/, /-i$/],
  ['a clock two minutes fast', () => sandbox.url, 'lnc_test_full_access', 120_000,
    'clock', /12\d s ahead of the server's clock/, /synchronise the clock/, /date -u/],
];

describe('doctor names the cause of each fault', () => {
  it.each(FAULTS)('%s', async (_name, base, key, skew, check, detail, fix, more) => {
    const r = await doctor(base, key, skew);
    expect(r.code).toBe(1);
    expect(r.failed.map((c: { name: string }) => c.name)).toEqual([check]);
    expect(r.failed[0].detail).toMatch(detail);
    expect(r.failed[0].fix).toMatch(fix);
    expect(r.failed[0].more).toMatch(more);
    expect(r.raw).not.toContain(key.startsWith('lnc_test_nobody') ? key : 'never-present');
  });

  it('names only flags the suggested commands have', async () => {
    const { main } = await import('../../src/cli/main.js');
    const help: Record<string, string> = {};
    for (const command of ['call', 'doctor', 'explain']) {
      const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' } });
      await main([command, '--help'], io);
      help[command] = io.stdout();
    }
    const suggested = new Set<string>();
    for (const [, base, key, skew] of FAULTS) for (const c of (await doctor(base, key, skew)).failed) suggested.add(c.more);
    expect(suggested.size).toBeGreaterThanOrEqual(6);
    for (const more of suggested) {
      const [tool, command, ...args] = more.split(' ');
      if (tool !== 'op-errors') continue;
      for (const flag of args.filter((a) => a.startsWith('-'))) expect([more, help[command]]).toEqual([more, expect.stringMatching(new RegExp(`\\s${flag}[ ,]`))]);
    }
  });

  it('names DNS and timeout causes from their error codes', () => {
    expect(transportCause('ENOTFOUND', 'api.openprospect.iox').cause).toBe('the host name api.openprospect.iox does not resolve (ENOTFOUND)');
    expect(transportCause('ETIMEDOUT', 'h').fix).toMatch(/proxy/);
    expect(transportCause('DEPTH_ZERO_SELF_SIGNED_CERT', 'h').fix).toMatch(/NODE_EXTRA_CA_CERTS/);
  });
});
