import { type Server, createServer } from 'node:http';
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
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await Promise.all([sandbox.close(), outage.close(), gateway.close(), new Promise<void>((resolve) => notApi.close(() => resolve()))]);
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
  ['a base URL without /api/v1', root(() => sandbox), 'lnc_test_full_access', 0,
    'base path', /path is \/, .*live under \/api\/v1 \(GET \/api\/v1\/auth\/validate answered 200\)/, /--base-url http:\/\/127\.0\.0\.1:\d+\/api\/v1$/, /op-errors call GET \/auth\/validate --base-url/],
  ['/api/v2', () => sandbox.url.replace('/v1', '/v2'), 'lnc_test_full_access', 0,
    'base path', /path is \/api\/v2, .*live under \/api\/v1/, /\/api\/v1$/, /-v$/],
  ['a wrong prefix', () => `${sandbox.url.replace('/api/v1', '')}/openprospect/api/v1`, 'lnc_test_read_only', 0,
    'base path', /path is \/openprospect\/api\/v1/, /--base-url http:\/\/127\.0\.0\.1:\d+\/api\/v1$/, /-v$/],
  ['a web server that is not the API', () => `${notApiRoot()}/api/v1`, 'lnc_test_full_access', 0,
    'base path', /answered 404: this server does not serve the OpenProspect API/, /check the host/, /-v$/],
  ['an outage (503)', () => outage.url, 'lnc_test_full_access', 0,
    'service', /outage: \/api\/v1\/auth\/validate answered 503 SERVICE_UNAVAILABLE, Retry-After 5/, /not your setup/, /--retry 5/],
  ['a gateway page (502)', () => gateway.url, 'lnc_test_full_access', 0,
    'service', /answered 502 an HTML error page/, /not your setup/, /--retry/],
  ['an unknown key', () => sandbox.url, 'lnc_test_nobodyknowsme', 0,
    'key valid', /the key is not known \(GET \/auth\/validate answered 401 UNAUTHORIZED: Invalid API key\)/, /copy the whole key/, /-v$/],
  ['a revoked key', () => sandbox.url, 'lnc_test_revoked', 0,
    'key valid', /the key was revoked/, /create a new key .*who revoked it/, /-v$/],
  ['an expired key', () => sandbox.url, 'lnc_test_expired', 0,
    'key valid', /the key expired on 2026-01-31T23:59:59Z/, /later expiration/, /-v$/],
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

  it('names DNS and timeout causes from their error codes', () => {
    expect(transportCause('ENOTFOUND', 'api.openprospect.iox').cause).toBe('the host name api.openprospect.iox does not resolve (ENOTFOUND)');
    expect(transportCause('ETIMEDOUT', 'h').fix).toMatch(/proxy/);
    expect(transportCause('DEPTH_ZERO_SELF_SIGNED_CERT', 'h').fix).toMatch(/NODE_EXTRA_CA_CERTS/);
  });
});
