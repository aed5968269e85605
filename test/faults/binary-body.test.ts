import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, runBin } from '../helpers/bin.js';

let server: Server | null = null;
afterEach(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

/** Serves `bytes` under `type`, in pieces of 65,537 bytes. */
async function serveBytes(bytes: Buffer, type: string | null): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, type ? { 'content-type': type } : {});
    for (let at = 0; at < bytes.length; at += 65_537) res.write(bytes.subarray(at, at + 65_537));
    res.end();
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/export`;
}

/** Runs the CLI and keeps its stdout as bytes. */
function runRaw(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: Buffer; err: string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: '1', XDG_CONFIG_HOME: '/nonexistent', OPENPROSPECT_API_KEY: 'lnc_test_binary00000000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
  return new Promise((ok) => child.on('close', (code) => ok({ code, out: Buffer.concat(out), err })));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a body of data is written byte for byte', () => {
  // Random bytes are not UTF-8; a gzip file is data under its own type; both short and past the 1 MiB prefix.
  const cases: [string, Buffer, string | null][] = [
    ['random bytes, no type, 40 kB', randomBytes(40_000), null],
    ['random bytes as application/octet-stream, 3 MB', randomBytes(3 * 1024 * 1024 + 5), 'application/octet-stream'],
    ['a gzip file as application/gzip', gzipSync(Buffer.from('{"items":[]}\n'.repeat(5000))), 'application/gzip'],
  ];
  for (const [what, bytes, type] of cases) {
    it(`${what}: -o and --body-only keep every byte`, async () => {
      const url = await serveBytes(bytes, type);
      const file = join(mkdtempSync(join(tmpdir(), 'op-bin-')), 'export.bin');
      const saved = await runRaw(['call', url, '-o', file]);
      expect(saved.code).toBe(0);
      expect(sha(readFileSync(file))).toBe(sha(bytes));
      const piped = await runRaw(['call', url, '--body-only']);
      expect(piped.code).toBe(0);
      expect(piped.out.length).toBe(bytes.length);
      expect(sha(piped.out)).toBe(sha(bytes));
    });
  }

  it('is not printed among the verdict, human or --json, and says how to get it', async () => {
    const url = await serveBytes(randomBytes(5000), 'application/pdf');
    const human = await runRaw(['call', url]);
    expect(human.code).toBe(0);
    expect(human.out.toString('utf8')).toMatch(/✔ 200 OK\n\n\(binary data, not shown: --body-only or -o FILE writes it byte for byte\)\n$/);
    const json = JSON.parse((await runRaw(['--json', 'call', url])).out.toString('utf8'));
    expect(json).toMatchObject({ ok: true, status: 200, body: null, bodyWithheld: expect.stringContaining('-o FILE') });
  });

  it('masks secrets in bytes written as they came: text in another charset, and data, past the 1 MiB prefix', async () => {
    const secret = 'tok_binary_s3cret_value_42';
    const latin1 = Buffer.concat([Buffer.from('caf\xe9 \xfcber '.repeat(100_000), 'latin1'), Buffer.from(secret), Buffer.from(' fin\xe9', 'latin1')]);
    const url = await serveBytes(latin1, 'text/plain; charset=iso-8859-1');
    const r = await runRaw(['call', url, '--body-only'], { MY_TOKEN: secret });
    expect(r.code).toBe(0);
    expect(r.out.includes(Buffer.from(secret))).toBe(false);
    expect(r.out.equals(Buffer.from(latin1.toString('latin1').replace(secret, '[REDACTED]'), 'latin1'))).toBe(true);
  });
});

describe('-o into a file that cannot take the body', () => {
  it.skipIf(process.platform !== 'linux')('still prints the verdict, shows the short body instead, and exits 2 (/dev/full)', async () => {
    const url = await serveBytes(Buffer.from('{"id":"ord_1","status":"queued"}'), 'application/json');
    const r = await runRaw(['call', url, '-o', '/dev/full']);
    expect(r.code).toBe(2);
    expect(r.out.toString('utf8')).toMatch(/✔ 200 OK[\s\S]*"id": "ord_1"/);
    expect(r.err).toBe('op-errors: -o/--output: cannot write /dev/full: no space left on the device; the body is shown above instead\n');
  });
});

/** Serves a recording with `serve --cassette`, asks it for `path` once, and returns the body's bytes. */
async function playedBack(recording: string, path: string): Promise<Buffer> {
  let played: Promise<Buffer> | null = null;
  const r = await runBin(['serve', '--port', '0', '--cassette', recording], {
    onStderr: (text, child) => {
      const listening = /listening on (http:\S+)/.exec(text)?.[1];
      if (!listening || played) return;
      played = fetch(`${new URL(listening).origin}${path}`).then(async (res) => Buffer.from(await res.arrayBuffer()))
        .finally(() => child.kill('SIGINT'));
    },
  });
  expect(r.code).toBe(0);
  return played!;
}

describe('--record keeps a body of data as its bytes', () => {
  it('records base64 with bodyEncoding, and serve --cassette plays the same bytes back', async () => {
    const bytes = randomBytes(40_000);
    const url = await serveBytes(bytes, 'application/octet-stream');
    const cassette = join(mkdtempSync(join(tmpdir(), 'op-bin-rec-')), 'data.json');
    expect((await runRaw(['call', url, '--record', cassette, '-o', '/dev/null'])).code).toBe(0);
    const { response } = JSON.parse(readFileSync(cassette, 'utf8')).interactions[0];
    expect(response.bodyEncoding).toBe('base64');
    expect(sha(Buffer.from(response.body, 'base64'))).toBe(sha(bytes));
    expect(sha(await playedBack(cassette, '/export'))).toBe(sha(bytes));
  });

  it('a HAR of a browser keeps a base64 image as its bytes too, and serve --cassette plays them back', async () => {
    const bytes = randomBytes(30_000);
    const har = { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: [{
      startedDateTime: '2026-11-21T09:00:00.000Z', time: 12,
      request: { method: 'GET', url: 'https://api.openprospect.io/api/v1/logo.png', headers: [] },
      response: { status: 200, headers: [{ name: 'Content-Type', value: 'image/png' }],
        content: { size: bytes.length, mimeType: 'image/png', text: bytes.toString('base64'), encoding: 'base64' } },
    }] } };
    const file = join(mkdtempSync(join(tmpdir(), 'op-bin-har-')), 'browser.har');
    writeFileSync(file, JSON.stringify(har));
    expect(sha(await playedBack(file, '/api/v1/logo.png'))).toBe(sha(bytes));
  });
});

