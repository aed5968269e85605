import { mkdtemp, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendToCassette } from '../../src/adapters/cassette.js';
import { createContext } from '../../src/commands/context.js';
import { InputError } from '../../src/core/errors.js';
import { main } from '../../src/cli/main.js';
import { type ServeInfo, type ServeOptions, runServe } from '../../src/commands/serve.js';
import { createTestIo } from '../helpers/io.js';
import { sandbox, send } from './client.js';

/** Starts runServe in-process; `stop()` ends it as Ctrl-C would. */
async function serve(opts: Partial<ServeOptions> = {}, flags: { json?: boolean } = {}) {
  const io = createTestIo();
  const ctx = await createContext(io, flags);
  let stop = () => {};
  let ready: (info: ServeInfo) => void = () => {};
  const info = new Promise<ServeInfo>((resolve) => (ready = resolve));
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const run = runServe({ port: 0, ...opts, ready, stop: stopped }, ctx);
  return { io, run, stop, info: await Promise.race([info, run.then(() => null)]) };
}

/** The paths this process holds open (Linux). */
async function openFiles(): Promise<string[]> {
  const fds = await readdir('/proc/self/fd');
  return Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
}

describe('runServe', () => {
  it('prints the URL, the keys and an example on stderr, logs each request, and exits 0 when stopped', async () => {
    const s = await serve();
    const info = s.info as ServeInfo;
    const root = info.url.replace('/api/v1', '');
    const r = await send(root, 'GET', '/api/v1/orders/x');
    expect(r.json.code).toBe('ORDER_NOT_FOUND');
    s.stop();
    expect(await s.run).toBe(0);
    const err = s.io.stderr();
    expect(err).toContain(`op-errors: sandbox listening on http://127.0.0.1:${info.port}/api/v1`);
    expect(err).toMatch(/op-errors: {3}lnc_test_full_access {2}orders:read, orders:write, prospect_searches:read/);
    expect(err).toMatch(/op-errors: {3}lnc_test_read_only {4}orders:read, prospect_searches:read, blacklists:read/);
    expect(err).toContain(`op-errors: try: OPENPROSPECT_API_KEY=lnc_test_full_access op-errors call GET /orders --base-url ${info.url}`);
    expect(err).toMatch(/\nGET \/api\/v1\/orders\/x → 404 ORDER_NOT_FOUND \(\d+ ms\)\n/);
    expect(err.endsWith('op-errors: sandbox stopped\n')).toBe(true);
    expect(s.io.stdout()).toBe('');
    await expect(send(root, 'GET', '/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('prints one JSON line on stdout with --json, and still logs requests on stderr', async () => {
    const s = await serve({ scenario: 'flaky' }, { json: true });
    const line = JSON.parse(s.io.stdout());
    expect(line).toMatchObject({ url: (s.info as ServeInfo).url, port: (s.info as ServeInfo).port, scenario: 'flaky' });
    expect(line.keys.lnc_test_read_only).toEqual(['orders:read', 'prospect_searches:read', 'blacklists:read', 'companies:read', 'prospects:read']);
    expect(s.io.stdout().split('\n')).toHaveLength(2);
    expect((await send(line.url.replace('/api/v1', ''), 'GET', '/api/v1/orders')).status).toBe(503);
    s.stop();
    expect(await s.run).toBe(0);
    expect(s.io.stderr()).toMatch(/^GET \/api\/v1\/orders → 503 SERVICE_UNAVAILABLE \(\d+ ms\)\n$/);
  });

  it('stops on Ctrl-C', async () => {
    const s = await serve({ scenario: 'outage', failRate: 0.25 });
    expect(s.io.stderr()).toContain('scenario outage: every request answers 503 with Retry-After: 5');
    expect(s.io.stderr()).toContain('fail rate: 25% of requests answer 503');
    s.io.interrupt();
    expect(await s.run).toBe(0);
  });

  it('names the delay of --scenario slow as every other duration is named', async () => {
    for (const [slowMs, shown] of [[undefined, '35 s'], [400, '0.4 s'], [125_000, '2 min 5 s']] as const) {
      const s = await serve({ scenario: 'slow', slowMs });
      expect(s.io.stderr()).toContain(`op-errors: scenario slow: every response is delayed by ${shown}\n`);
      s.stop();
      expect(await s.run).toBe(0);
    }
  });

  it('exits 2 with one line when the port is in use', async () => {
    const busy = await sandbox();
    const s = await serve({ port: busy.port });
    expect(s.info).toBeNull();
    expect(await s.run).toBe(2);
    expect(s.io.stderr()).toBe(`op-errors: port ${busy.port} is in use: pick another with --port, or --port 0 for a free one\n`);
  });

  it.skipIf(process.platform !== 'linux')('lets the cassette go when the port is in use', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'op-errors-serve-'));
    const busy = await sandbox();
    try {
      const file = join(dir, 'c.json');
      await appendToCassette(file, [{ recordedAt: '2026-11-21T09:14:02.120Z', attempt: 1, durationMs: 3, transport: null,
        request: { method: 'GET', url: 'https://api.openprospect.io/api/v1/orders', headers: {}, body: null },
        response: { status: 200, headers: {}, body: '{"items":[]}' } }]);
      const s = await serve({ port: busy.port, cassette: file });
      expect(await s.run).toBe(2);
      expect(await openFiles()).not.toContain(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('replays a cassette, and refuses a file that is not one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'op-errors-serve-'));
    try {
      const file = join(dir, 'c.json');
      await appendToCassette(file, [{ recordedAt: '2026-11-21T09:14:02.120Z', attempt: 1, durationMs: 3, transport: null,
        request: { method: 'GET', url: 'https://api.openprospect.io/api/v1/orders', headers: {}, body: null },
        response: { status: 200, headers: {}, body: '{"items":[]}' } }]);
      const s = await serve({ cassette: file });
      expect(s.io.stderr()).toContain(`op-errors: replaying 1 recorded exchange from ${file}`);
      expect((await send((s.info as ServeInfo).url.replace('/api/v1', ''), 'GET', '/api/v1/orders')).text).toBe('{"items":[]}');
      s.stop();
      expect(await s.run).toBe(0);
      const io = createTestIo();
      await expect(runServe({ port: 0, cassette: join(dir, 'c.json.lock-missing') }, await createContext(io, {}))).rejects.toThrow(InputError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('serve on the command line', () => {
  it('rejects a port outside 0-65535, an unknown scenario and a fail rate outside 0-1 with exit 2', async () => {
    for (const args of [['--port', '70000'], ['--port', 'http'], ['--scenario', 'chaos'], ['--fail-rate', '1.5'], ['--slow-ms', '-1'], ['--envelope', 'xml']]) {
      const io = createTestIo();
      expect(await main(['serve', ...args], io)).toBe(2);
      expect(io.stderr()).toMatch(/op-errors: option '--[a-z-]+ <[^>]+>' argument '[^']*' is invalid|op-errors: option .* Allowed choices are/);
    }
  });

  it('runs the sandbox with the parsed options until Ctrl-C, then reports exit 0', async () => {
    const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' } });
    const running = main(['serve', '--port', '0', '--scenario', 'gateway', '--fail-rate', '0'], io);
    let url = '';
    for (let i = 0; i < 200 && !url; i++) {
      url = /listening on (http:\S+)\/api\/v1/.exec(io.stderr())?.[1] ?? '';
      if (!url) await new Promise((r) => setTimeout(r, 10));
    }
    const r = await send(url, 'GET', '/api/v1/orders');
    expect(r.status).toBe(502);
    io.interrupt();
    expect(await running).toBe(0);
  });

  it('answers in the envelope --envelope names, and says so in the banner', async () => {
    const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' } });
    const running = main(['serve', '--port', '0', '--envelope', 'legacy'], io);
    let url = '';
    for (let i = 0; i < 200 && !url; i++) {
      url = /listening on (http:\S+)\/api\/v1/.exec(io.stderr())?.[1] ?? '';
      if (!url) await new Promise((r) => setTimeout(r, 10));
    }
    expect((await send(url, 'GET', '/api/v1/orders', { key: 'lnc_test_nobody' })).json).toEqual({ error: 'UNAUTHORIZED', message: 'Invalid API key' });
    expect(io.stderr()).toContain('op-errors: errors in the legacy envelope (--envelope flat|nested|legacy)');
    expect(io.stderr()).toMatch(/op-errors: {3}lnc_test_revoked {6}\(revoked: answers 401\)/);
    io.interrupt();
    expect(await running).toBe(0);
  });

  it('documents the options and examples in its help', async () => {
    const io = createTestIo();
    expect(await main(['serve', '--help'], io)).toBe(0);
    const help = io.stdout();
    for (const text of ['--port <n>', '--scenario <name>', '--fail-rate <0..1>', '--cassette <file>', '--envelope <shape>', 'lnc_test_expired', 'Examples:', 'rate-limited']) {
      expect(help).toContain(text);
    }
  });
});
