import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const BASE = 'https://api.openprospect.io/api/v1';

/** Characters of 2 and 4 bytes, so that offsets in bytes and in characters differ. */
const fillerOf = (bytes: number) => 'é😀x'.repeat(Math.floor(bytes / 7));

/** Writes a cassette of `count` interactions with bodies of about `bodyBytes`, GET /orders/<n % 10> each, as a stream. */
async function bigCassette(count: number, bodyBytes: number): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'op-serve-big-')), 'big.json');
  const out = createWriteStream(file);
  const write = (s: string) => new Promise<void>((ok) => (out.write(s) ? ok() : out.once('drain', () => ok())));
  await write('{"format":"op-errors-cassette","version":1,"interactions":[\n');
  const filler = fillerOf(bodyBytes);
  for (let n = 0; n < count; n++) {
    const body = JSON.stringify({ n, filler });
    await write(`${n ? ',\n' : ''}${JSON.stringify({ recordedAt: '2026-11-21T09:00:00.000Z', attempt: 1,
      request: { method: 'GET', url: `${BASE}/orders/${n % 10}`, headers: {}, body: null },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body }, transport: null, durationMs: 3 })}`);
  }
  await write('\n]}\n');
  await new Promise<void>((ok) => out.end(ok));
  return file;
}

/** Peak resident memory of a running process, from Linux's /proc. */
const peakMb = (pid: number) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('serve --cassette reads a recording of any size in flat memory', () => {
  it('serves a 150 MB cassette in order per path, each body whole, holding only offsets', async () => {
    const file = await bigCassette(1500, 100_000);
    let served: { peak: number; ns: number[]; whole: boolean } | null = null;
    let started = false;
    const r = await runBin(['serve', '--port', '0', '--cassette', file], {
      onStderr: (text, child) => {
        const url = /listening on (http:\S+)/.exec(text)?.[1];
        if (!url || started) return;
        started = true;
        void (async () => {
          const ns: number[] = [];
          let whole = true;
          for (let i = 0; i < 30; i++) {
            const body = await (await fetch(`${url}/orders/${i % 3}`)).json() as { n: number; filler: string };
            ns.push(body.n);
            whole &&= body.filler === fillerOf(100_000);
          }
          served = { peak: peakMb(child.pid!), ns, whole };
          child.kill('SIGINT');
        })();
      },
    });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/replaying 1500 recorded exchanges/);
    expect(served).not.toBeNull();
    const { peak, ns, whole } = served!;
    // GET /orders/0 was recorded as n = 0, 10, 20...: each request gets the next of its own path.
    expect(ns.slice(0, 6)).toEqual([0, 1, 2, 10, 11, 12]);
    expect(whole).toBe(true);
    // Read whole, this cassette alone took 150 MB as bytes and twice that as parsed text.
    expect(peak).toBeLessThan(150);
  }, 60_000);
});
