import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';
import { curlI } from '../helpers/read.js';

const HAR = fileURLToPath(new URL('../fixtures/recordings/outage.har', import.meta.url));

async function run(args: string[]) {
  const io = createTestIo({ env: { XDG_CONFIG_HOME: '/nonexistent' } });
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
const jsonLines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l));

describe('op-errors replay', () => {
  it('groups a HAR into calls, classifies each and summarises', async () => {
    const r = await run(['replay', HAR]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/│ GET +│ \/api\/v1\/orders +│ 3 +│ 200/);
    expect(r.out).toMatch(/│ POST +│ \/api\/v1\/orders +│ 1 +│ 422 +│ VALIDATION_ERROR/);
    expect(r.out).toContain('2 calls: 1 ok, 1 failed, 0 of the failures retryable (0%)');
    const [get, post] = jsonLines((await run(['replay', HAR, '--json'])).out);
    expect(get.attempts.map((a: { status: number; transport: string }) => a.status ?? a.transport)).toEqual([503, 'ECONNRESET', 200]);
    expect(get.attempts.map((a: { code: string }) => a.code)).toEqual(['SERVICE_UNAVAILABLE', 'CONNECTION_RESET', null]);
    expect(post).toMatchObject({ code: 'VALIDATION_ERROR', request: { method: 'POST' }, fields: [{ field: 'companies' }] });
  });

  it('simulates the retry policy on a virtual clock: a short policy fails, a longer one survives', async () => {
    const short = await run(['replay', HAR, '--retry', '2', '--jitter', 'none', '--json']);
    const [getShort] = jsonLines(short.out);
    expect(getShort).toMatchObject({ ok: false, simulation: { stop: 'limit', retries: 2 } });
    expect(short.err).toMatch(/attempt 1 of 3: HTTP 503 SERVICE_UNAVAILABLE .*waiting 1\.0 s \(backoff\)/);
    expect(short.err).toMatch(/attempt 3 of 3: HTTP 503 SERVICE_UNAVAILABLE: gave up after 2 retries/);
    const long = await run(['replay', HAR, '--retry', '6', '--jitter', 'none']);
    expect(long.out.replace(/[│\s]+/g, ' ')).toMatch(/would succeed after 5 retries/);
    const [getLong] = jsonLines((await run(['replay', HAR, '--retry', '6', '--jitter', 'none', '--json'])).out);
    expect(getLong).toMatchObject({ ok: true, simulation: { stop: 'success', retries: 5 } });
    expect(getLong.simulation.elapsedMs).toBeGreaterThan(31_000);
    expect(long.err).toMatch(/attempt 5 of 7: ECONNRESET \(CONNECTION_RESET\)/);
    expect(long.code).toBe(1);
  });

  it('starts the backoff at --retry-base-delay, over the config file, so a shorter first wait meets the outage earlier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-replay-'));
    const config = join(dir, 'rc.json');
    writeFileSync(config, JSON.stringify({ retryBaseDelay: 2 }));
    const waits = async (args: string[]) => {
      const [get] = jsonLines((await run(['--config', config, 'replay', HAR, '--retry', '6', '--jitter', 'none', '--json', ...args])).out);
      return { waits: get.attempts.map((a: { waitMs: number | null }) => a.waitMs), stop: get.simulation.stop };
    };
    expect(await waits([])).toEqual({ waits: [2000, 4000, 8000, 16_000, null], stop: 'success' });
    expect(await waits(['--retry-base-delay', '0.25'])).toEqual({ waits: [250, 500, 1000, 2000, 4000, 8000, null], stop: 'limit' });
    const bad = await run(['replay', HAR, '--retry-base-delay', '0']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--retry-base-delay.*Expected a number of seconds above 0/);
  });

  it('never sleeps: minutes of recorded waits replay on the virtual clock alone', async () => {
    // With timers frozen, a replay that slept on a real timer would never finish.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    try {
      const r = await run(['replay', HAR, '--retry', '10', '--retry-max-delay', '60', '--jitter', 'none']);
      expect(r.out).toContain('would succeed');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads op-errors cassettes, curl captures and NDJSON, and a folder of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-replay-'));
    writeFileSync(join(dir, 'capture.txt'), `${curlI('HTTP/2 429 ', { 'retry-after': '3' }, '{"error":"RATE_LIMIT_EXCEEDED"}')}\n`);
    writeFileSync(join(dir, 'log.ndjson'), '{"code":"ORDER_NOT_FOUND"}\n{"items":[]}\n');
    writeFileSync(join(dir, 'tape.json'), JSON.stringify({ format: 'op-errors-cassette', version: 1, interactions: [
      { recordedAt: '2026-11-21T09:00:00Z', attempt: 1, request: { method: 'GET', url: 'https://x/api/v1/blacklists/9', headers: {}, body: null },
        response: { status: 404, headers: { 'x-request-id': 'req_z' }, body: '{"code":"BLACKLIST_NOT_FOUND"}' }, transport: null, durationMs: 20 },
    ] }));
    writeFileSync(join(dir, 'notes.md'), 'ignored: not a recording');
    const r = await run(['replay', dir, '--json']);
    expect(jsonLines(r.out).map((o) => o.code)).toEqual(['RATE_LIMIT_EXCEEDED', 'ORDER_NOT_FOUND', null, 'BLACKLIST_NOT_FOUND']);
    expect(r.code).toBe(1);
    expect((await run(['replay', dir])).out).toContain('Request ids to quote to support: req_z');
  });

  it('exits 2 naming an unreadable or unknown file, and still replays the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-replay-'));
    writeFileSync(join(dir, 'bad.json'), '{"log": {"entries": 5}}');
    writeFileSync(join(dir, 'prose.txt'), 'hello there, nothing to see\n');
    const r = await run(['replay', join(dir, 'bad.json'), join(dir, 'prose.txt'), HAR]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json is not a HAR file/);
    expect(r.err).toMatch(/prose\.txt/);
    expect(r.out).toContain('2 calls');
    expect((await run(['replay', '/no/such/file'])).code).toBe(2);
  });
});

describe('the bundled examples', () => {
  it('replay offline: the flaky call recovers, the rate-limited burst survives, the validation failure stops', async () => {
    const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
    const r = await run(['replay', examples, '--retry', '3', '--json']);
    const calls = jsonLines(r.out);
    expect(r.code).toBe(1);
    const flaky = calls.find((c) => c.source.input.endsWith('flaky-orders.json'));
    expect(flaky).toMatchObject({ ok: true, simulation: { stop: 'success', retries: 2 } });
    const burst = calls.filter((c) => c.source.input.endsWith('rate-limited-burst.json'));
    expect(burst.length).toBeGreaterThanOrEqual(4);
    expect(burst.every((c) => c.ok)).toBe(true);
    expect(burst.some((c) => c.attempts.some((a: { status: number }) => a.status === 429))).toBe(true);
    expect(calls.find((c) => c.source.input.endsWith('validation-failure.json'))).toMatchObject({ code: 'VALIDATION_ERROR', simulation: { stop: 'not-retryable' } });
    expect(calls.filter((c) => c.source.input.endsWith('.har')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('replay and idempotency keys', () => {
  it('retries a recorded POST only when it carried an Idempotency-Key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-replay-'));
    const tape = (key: boolean) => JSON.stringify({ format: 'op-errors-cassette', version: 1, interactions: [1, 2].map((n) => ({
      recordedAt: `2026-11-21T09:00:0${n}Z`, attempt: n,
      request: { method: 'POST', url: 'https://x/api/v1/orders', headers: key ? { 'idempotency-key': 'k1' } : {}, body: '{}' },
      response: n === 1 ? { status: 503, headers: {}, body: '' } : { status: 201, headers: {}, body: '{}' }, transport: null, durationMs: 5 })) });
    writeFileSync(join(dir, 'plain.json'), tape(false));
    writeFileSync(join(dir, 'keyed.json'), tape(true));
    const plain = jsonLines((await run(['replay', join(dir, 'plain.json'), '--retry', '2', '--json'])).out)[0];
    const keyed = jsonLines((await run(['replay', join(dir, 'keyed.json'), '--retry', '5', '--json'])).out)[0];
    expect(plain.simulation.stop).toBe('unsafe-method');
    expect(keyed.simulation.stop).toBe('success');
  });
});
