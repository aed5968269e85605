import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { KEY, call } from '../helpers/call.js';

let server: Server | null = null;
afterEach(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

/** Serves a body of `size` bytes in odd-sized pieces, with the key echoed at `keyAt`. */
async function serveLong(size: number, keyAt: number): Promise<{ url: string; expected: string }> {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = 97 + (i % 26);
  bytes.write(KEY, keyAt);
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    let at = 0;
    const pump = () => {
      while (at < size) {
        const piece = bytes.subarray(at, at + 70_001);
        at += piece.length;
        if (!res.write(piece)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  const expected = bytes.toString('latin1').replace(KEY, '[REDACTED]');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`, expected };
}
const digest = (s: string) => createHash('sha256').update(s).digest('hex');

describe('a body longer than op-errors holds streams through whole', () => {
  it('--body-only passes every byte, the key masked even where it straddles the 1 MiB prefix', async () => {
    const { url, expected } = await serveLong(3 * 1024 * 1024 + 17, 1024 * 1024 - 10);
    const r = await call({ method: 'GET', target: url, bodyOnly: true });
    expect(r.code).toBe(0);
    expect(r.out.length).toBe(expected.length);
    expect(digest(r.out)).toBe(digest(expected));
    expect(r.err).toMatch(/classified from its first 1 MiB/);
  });

  it('--output receives the whole body, also with --json, and a path that cannot be written is refused before sending', async () => {
    const { url, expected } = await serveLong(2 * 1024 * 1024 + 3, 2 * 1024 * 1024 - 40);
    const file = join(mkdtempSync(join(tmpdir(), 'op-out-')), 'export.txt');
    const r = await call({ method: 'GET', target: url, output: file }, undefined, { json: true });
    expect(JSON.parse(r.out)).toMatchObject({ bodyFile: file, body: null });
    expect(digest(readFileSync(file, 'latin1'))).toBe(digest(expected));
    const refused = await call({ method: 'GET', target: url, output: join(file, 'nope', 'x') }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/-o\/--output: cannot write .*not a folder/);
  });

  it('a body cut off after the first MiB keeps what arrived and does not exit 0', async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(4 * 1024 * 1024) });
      res.write(Buffer.alloc(1536 * 1024, 'z'), () => res.socket?.destroy());
    });
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
    const r = await call({ method: 'GET', target: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, bodyOnly: true });
    expect(r.code).toBe(75);
    expect(r.err).toMatch(/the body broke off midway/);
    expect(r.out.length).toBeGreaterThanOrEqual(1024 * 1024);
  });

  it('--record keeps the first MiB, the part the verdict came from, and says so; the output still gets all', async () => {
    const { url, expected } = await serveLong(2 * 1024 * 1024 + 9, 5);
    const cassette = join(mkdtempSync(join(tmpdir(), 'op-rec-')), 'long.json');
    const r = await call({ method: 'GET', target: url, bodyOnly: true, record: cassette });
    expect(r.code).toBe(0);
    expect(digest(r.out)).toBe(digest(expected));
    expect(r.err).toMatch(/warning: the recording keeps the first 1 MiB of this longer body.*-o FILE keeps all of it/);
    const saved = JSON.parse(readFileSync(cassette, 'utf8')).interactions[0].response.body as string;
    // The key near the start is masked there too, so the text is a little shorter than the MiB it came from.
    expect(saved.length).toBeGreaterThan(1024 * 1024 - 64);
    expect(saved.length).toBeLessThan(expected.length);
    expect(expected.startsWith(saved)).toBe(true);
  });

  it('the human form shows the verdict first, then the whole body', async () => {
    const { url, expected } = await serveLong(2 * 1024 * 1024, 5);
    const r = await call({ method: 'GET', target: url });
    expect(r.out.endsWith(expected)).toBe(true);
    expect(r.out.indexOf('GET ')).toBe(0);
  });

  it('--json holds the whole body as one string, streamed: the key masked across the 1 MiB prefix, characters outside the BMP whole', async () => {
    // Four-byte characters and the key throughout: a piece that ends between the two halves of 😀 must not break it.
    const text = `${'x😀é'.repeat(300_000)}${KEY}${'😀'.repeat(500_000)}{"json":"inside"}`;
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    });
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
    const r = await runBin(['--json', 'call', url], { env: { OPENPROSPECT_API_KEY: KEY } });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ ok: true, status: 200, stop: 'success' });
    expect(json.warnings).toEqual([expect.stringMatching(/classified from its first 1 MiB/)]);
    expect(digest(json.body)).toBe(digest(text.replace(KEY, '[REDACTED]')));
    expect(r.out).not.toContain(KEY);
    expect(r.out.endsWith('"}\n')).toBe(true);
    const raw = await runBin(['call', url, '--body-only'], { env: { OPENPROSPECT_API_KEY: KEY } });
    expect(digest(raw.out)).toBe(digest(text.replace(KEY, '[REDACTED]')));
  });

  it('--json of a body that breaks off after the first MiB is still one valid object, with bodyError, and exit 75', async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(4 * 1024 * 1024) });
      res.write(`{"items":["${'q'.repeat(1536 * 1024)}`, () => res.socket?.destroy());
    });
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
    const r = await runBin(['call', `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, '--json']);
    expect(r.code).toBe(75);
    const json = JSON.parse(r.out);
    expect(json.body.startsWith(`{"items":["${'q'.repeat(1024 * 1024)}`)).toBe(true);
    expect(json.bodyError).toMatch(/^the body broke off midway \(\w+\); what arrived was written, the rest is missing$/);
    expect(r.err).toContain(json.bodyError);
  });
});
