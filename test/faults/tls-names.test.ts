import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const dir = mkdtempSync(join(tmpdir(), 'op-errors-tls-names-'));
const servers: Server[] = [];
const urls: Record<'ours' | 'other', string> = { ours: '', other: '' };

/** An https server whose certificate names `altName`, signed by itself; its certificate goes into the trusted bundle. */
async function serverFor(name: string, altName: string): Promise<string> {
  const [key, cert] = [join(dir, `${name}.key`), join(dir, `${name}.pem`)];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
    '-subj', `/CN=${name}`, '-addext', `subjectAltName=${altName}`], { stdio: 'ignore' });
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"items":[]}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
}

beforeAll(async () => {
  urls.ours = await serverFor('loopback', 'IP:127.0.0.1');
  urls.other = await serverFor('elsewhere', 'DNS:api.example.com');
  writeFileSync(join(dir, 'trusted.pem'), readFileSync(join(dir, 'loopback.pem'), 'utf8') + readFileSync(join(dir, 'elsewhere.pem'), 'utf8'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  rmSync(dir, { recursive: true, force: true });
});

describe('call over HTTPS checks the host name of a trusted certificate', () => {
  const env = () => ({ NODE_EXTRA_CA_CERTS: join(dir, 'trusted.pem') });

  it('answers when the certificate names the host', async () => {
    const r = await runBin(['call', 'GET', urls.ours, '--no-auth'], { env: env() });
    expect(r.err).toBe('');
    expect(r.out).toContain('200 OK');
    expect(r.code).toBe(0);
  });

  it('refuses a certificate for another name, as a TLS failure that names it', async () => {
    const r = await runBin(['call', 'GET', urls.other, '--no-auth'], { env: env() });
    expect(r.out).toMatch(/TLS_FAILURE/);
    expect(r.out).toMatch(/does not match certificate's altnames/);
    expect(r.code).toBe(1);
  });
});
