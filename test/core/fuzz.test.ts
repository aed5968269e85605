import { describe, expect, it } from 'vitest';
import { classifyExchange } from '../../src/core/classify.js';
import { defaultCatalog, ENTRIES } from '../../src/data/catalog.js';
import { main } from '../../src/cli/main.js';
import { seededRandom } from '../../src/core/replay.js';
import { SEED_BODIES } from '../fixtures/seed-bodies.js';
import { createTestIo } from '../helpers/io.js';
import { curlI, readAll } from '../helpers/read.js';

const rng = seededRandom;

const corpus = [
  ...SEED_BODIES.map((s) => JSON.stringify(s.body)),
  ...ENTRIES.filter((e) => e.example).map((e) => curlI(`HTTP/1.1 ${e.status ?? 500} X`, { 'retry-after': '3' }, JSON.stringify(e.example, null, 2))),
  'curl: (28) Operation timed out', '<html><title>502 Bad Gateway</title></html>', 'HTTP/2 100 \r\n\r\nHTTP/2 503 \r\n\r\n',
  '{"detail":"Not Found"}\n404', '{"error":{"code":503,"status":"UNAVAILABLE"}}', '\ufeff{"code":"X"}',
];
const pieces = ['{', '}', '[', ']', '"', ':', ',', '\n', '\r\n', 'HTTP/1.1 ', 'HTTP/2 ', '503', ' ', 'null', '"code"',
  '"error"', '"detail"', '"loc"', '"details"', 'curl: (7) ', 'Warning: ', '\\', '\ufeff', '\u0000', '<title>', 'retry-after: ',
  'date: Sat, 21 Nov 2026 10:00:00 GMT', '1e999', '-1', '"__proto__"', '"constructor"'];

function mutate(text: string, r: () => number): string {
  let out = text;
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (out.length + 1));
    const op = r();
    if (op < 0.4) out = out.slice(0, at) + pieces[Math.floor(r() * pieces.length)] + out.slice(at);
    else if (op < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 8));
    else if (op < 0.85) out = out.slice(0, at);
    else out = out + '\n' + corpus[Math.floor(r() * corpus.length)];
  }
  return out;
}

function random(r: () => number): string {
  let s = '';
  const len = Math.floor(r() * 200);
  for (let i = 0; i < len; i++) s += r() < 0.5 ? pieces[Math.floor(r() * pieces.length)] : String.fromCharCode(Math.floor(r() * 0x3000));
  return s;
}

describe('fuzz: random and mutated inputs', () => {
  it('never throws from the reader or the classifier', () => {
    const r = rng(20261121);
    for (let i = 0; i < 4000; i++) {
      const input = i % 4 === 0 ? random(r) : mutate(corpus[i % corpus.length], r);
      try {
        const { exchanges } = readAll(input);
        for (const ex of exchanges) {
          const c = classifyExchange(ex, { catalog: defaultCatalog, now: 0, statusHint: i % 3 === 0 ? 500 : undefined });
          expect(typeof c.ok).toBe('boolean');
          expect(['none', 'backoff', 'reauth', 'refresh']).toContain(c.retry);
          expect(c.retryable).toBe(c.retry === 'backoff');
          if (c.retryAfter !== null) expect(c.retryAfter).toBeGreaterThanOrEqual(0);
        }
      } catch (e) {
        throw new Error(`input #${i} ${JSON.stringify(input)}: ${(e as Error).stack}`);
      }
    }
  });

  it('keeps every --json line parseable and the exit code within 0/1/2/75', async () => {
    const r = rng(7);
    for (let i = 0; i < 400; i++) {
      const input = i % 2 === 0 ? mutate(corpus[i % corpus.length], r) : random(r);
      const io = createTestIo({ input });
      const json = i % 3 !== 0;
      const code = await main(json ? ['classify', '--json'] : ['classify'], io);
      expect([0, 1, 2, 75], JSON.stringify(input)).toContain(code);
      if (json) for (const line of io.stdout().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
      expect(io.stderr()).not.toMatch(/\n\s+at /);
    }
  });
});
