import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { call } from '../helpers/call.js';
import { type ScriptedServer, startServer } from '../helpers/server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const dir = () => mkdtempSync(join(tmpdir(), 'op-errors-rec-'));
const created = { status: 201, body: { id: 'ord_123' } };
const isRoot = process.getuid?.() === 0;
const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));
/** Runs call, turning the typed error main would print (exit 2) into its message. */
const tryCall = (...args: Parameters<typeof call>) =>
  call(...args).catch((e: Error) => ({ code: e.name === 'InputError' ? 2 : -1, err: e.message, out: '' }));

describe('call --record: nothing is sent to a target that cannot be recorded into', () => {
  const cases: [string, (d: string) => string, RegExp][] = [
    ['a missing folder', (d) => join(d, 'nope', 'c.json'), /folder .* does not exist/],
    ['a folder', (d) => d, /it is a folder/],
    ['a file that is not a cassette', (d) => (writeFileSync(join(d, 'n.json'), 'my notes'), join(d, 'n.json')), /not an op-errors cassette/],
    ['a newer cassette', (d) => (writeFileSync(join(d, 'v.json'), '{"format":"op-errors-cassette","version":2,"interactions":[]}'), join(d, 'v.json')),
      /version 2; this op-errors reads and writes version 1/],
    ['a FIFO', (d) => (execFileSync('mkfifo', [join(d, 'f')]), join(d, 'f')), /it is a FIFO/],
    ['a device', () => '/dev/null', /it is a device/],
    ['a dangling symlink', (d) => (symlinkSync(join(d, 'gone.json'), join(d, 'l.json')), join(d, 'l.json')), /symlink to .* which does not exist/],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what} with exit 2 before the POST is sent`, async () => {
      server = await startServer([created]);
      const r = await tryCall({ method: 'POST', target: `${server.url}/orders`, data: '{}', record: make(dir()) });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(server.requests).toHaveLength(0);
    });
  }

  // Root may write anywhere, so as root the built binary runs as the unprivileged user "nobody" instead.
  it('refuses a read-only folder before sending', async () => {
    server = await startServer([created]);
    const d = dir();
    mkdirSync(join(d, 'ro'));
    chmodSync(d, 0o755);
    chmodSync(join(d, 'ro'), 0o555);
    const target = join(d, 'ro', 'c.json');
    const r = isRoot ? await callAsNobody(['call', 'POST', `${server.url}/orders`, '-d', '{}', '--record', target])
      : await tryCall({ method: 'POST', target: `${server.url}/orders`, data: '{}', record: target });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not writable/);
    expect(server.requests).toHaveLength(0);
  });
});

/** Runs the built CLI as the user "nobody" (only root may do this). */
function callAsNobody(args: string[]): Promise<{ code: number | null; err: string }> {
  const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', OPENPROSPECT_API_KEY: 'lnc_test_s3cr3tKEYvalue0123456789' };
  const child = spawn(process.execPath, [BIN, ...args], { uid: 65534, gid: 65534, env, cwd: '/' });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, err })));
}

describe('call --record: files are kept as they were', () => {
  it('writes through a symlink to its target, keeping the link, and keeps a 0600 mode', async () => {
    server = await startServer([created]);
    const d = dir();
    const real = join(d, 'real.json');
    writeFileSync(real, '{"format":"op-errors-cassette","version":1,"interactions":[]}', { mode: 0o600 });
    chmodSync(real, 0o600);
    symlinkSync(real, join(d, 'link.json'));
    const r = await call({ method: 'POST', target: `${server.url}/orders`, data: '{}', record: join(d, 'link.json') });
    expect(r.code).toBe(0);
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'link.json'))).toBe(real);
    expect(JSON.parse(readFileSync(real, 'utf8')).interactions).toHaveLength(1);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(d).sort()).toEqual(['link.json', 'real.json']);
  });

  it('takes over a lock whose owner is no longer running, at once', async () => {
    server = await startServer([created]);
    const d = dir();
    const file = join(d, 'c.json');
    // A PID far above any pid_max in use: no process holds it.
    writeFileSync(`${file}.lock`, '4194000\n');
    const r = await call({ method: 'POST', target: `${server.url}/orders`, data: '{}', record: file });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(1);
    expect(readdirSync(d)).toEqual(['c.json']);
  });

  it('takes over the lock of a recorder killed with -9', async () => {
    server = await startServer([created]);
    const file = join(dir(), 'c.json');
    // A real process takes the lock the way op-errors does (its PID inside), then dies without releasing it.
    const child = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(`${file}.lock`)}, process.pid + '\\n'); setInterval(() => {}, 1000)`]);
    await new Promise<void>((ok) => {
      const poll = setInterval(() => existsSync(`${file}.lock`) && (clearInterval(poll), ok()), 10);
    });
    child.kill('SIGKILL');
    await new Promise((ok) => child.once('exit', ok));
    const r = await call({ method: 'POST', target: `${server.url}/orders`, data: '{}', record: file });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(1);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('keeps every response when 10 POSTs record into one multi-megabyte cassette at once', async () => {
    server = await startServer([created]);
    const file = join(dir(), 'big.json');
    const filler = Array.from({ length: 1000 }, (_, n) => ({ recordedAt: '', attempt: 1, request: { method: 'GET', url: `/o/${n}`, headers: {}, body: null },
      response: { status: 200, headers: {}, body: 'x'.repeat(4000) }, transport: null, durationMs: 1 }));
    writeFileSync(file, JSON.stringify({ format: 'op-errors-cassette', version: 1, interactions: filler }));
    const runs = await Promise.all(Array.from({ length: 10 }, () => call({ method: 'POST', target: `${server!.url}/orders`, data: '{}', record: file })));
    expect(runs.map((r) => r.code)).toEqual(Array(10).fill(0));
    expect(runs.every((r) => r.out.includes('ord_123'))).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).interactions).toHaveLength(1010);
  });

  it('6 recorder processes meeting a dead recorder\'s lock: one takes it over, each appends once, nothing is left behind', async () => {
    server = await startServer([created]);
    const d = dir();
    const file = join(d, 'c.json');
    writeFileSync(file, '{"format":"op-errors-cassette","version":1,"interactions":[]}');
    writeFileSync(`${file}.lock`, '4194000\n');
    const runs = await Promise.all(Array.from({ length: 6 }, (_, n) =>
      runBin(['call', 'POST', `${server!.url}/orders`, '-d', JSON.stringify({ n }), '--record', file, '--json'])));
    expect(runs.map((r) => [r.code, r.err])).toEqual(Array(6).fill([0, '']));
    const bodies = JSON.parse(readFileSync(file, 'utf8')).interactions.map((i: { request: { body: string } }) => i.request.body);
    expect(bodies.sort()).toEqual(Array.from({ length: 6 }, (_, n) => JSON.stringify({ n })));
    expect(readdirSync(d)).toEqual(['c.json']);
  });

  it('prints the response and saves it beside the cassette when the cassette refuses the write', async () => {
    const d = dir();
    const file = join(d, 'c.json');
    writeFileSync(file, '{"format":"op-errors-cassette","version":1,"interactions":[]}');
    // While the POST is in flight, someone overwrites the cassette with notes: appending must not destroy them.
    const http = createServer((_req, res) => {
      writeFileSync(file, 'edited by hand');
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"ord_123"}');
    });
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    try {
      const r = await call({ method: 'POST', target: `http://127.0.0.1:${(http.address() as AddressInfo).port}/orders`, data: '{}', record: file });
      expect(r.code).toBe(0);
      expect(r.out).toContain('ord_123');
      expect(readFileSync(file, 'utf8')).toBe('edited by hand');
      const saved = /saved in (\S+) instead/.exec(r.err)?.[1];
      expect(saved, r.err).toBeDefined();
      expect(saved!.startsWith(d)).toBe(true);
      expect(JSON.parse(readFileSync(saved!, 'utf8')).interactions[0].response.body).toContain('ord_123');
    } finally {
      await new Promise((ok) => http.close(ok));
    }
  });
});
