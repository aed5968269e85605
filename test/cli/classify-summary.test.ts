import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MAX_CODES, SummaryTally } from '../../src/render/classify-summary.js';
import { classifyExchange } from '../../src/core/classify.js';
import { defaultCatalog } from '../../src/data/catalog.js';
import { createTestIo } from '../helpers/io.js';

async function run(args: string[], input?: string) {
  const io = createTestIo({ input });
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const busy = (id: string) => `{"error":{"code":"SERVICE_UNAVAILABLE","message":"down","details":{"request_id":"${id}"}}}`;
const LOG = [
  busy('req_a'), '{"code":"ORDER_NOT_FOUND"}', busy('req_b'), busy('req_a'), '{"items":[]}', busy('req_c'), busy('req_d'),
  '{"code":"ORDER_NOT_FOUND","request_id":"req_x"}',
].join('\n');

describe('classify --summary', () => {
  it('prints one table of codes with counts, retryable share, first and last line and up to 3 request ids', async () => {
    const r = await run(['classify', '--summary'], LOG);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/│ SERVICE_UNAVAILABLE +│ 5 +│ 100% +│ 1 – 7 +│ req_a, req_b, req_c +│/);
    expect(r.out).toMatch(/│ ORDER_NOT_FOUND +│ 2 +│ 0% +│ 2 – 8 +│ req_x +│/);
    expect(r.out).toMatch(/│ \(success\) +│ 1 +│ 0% +│ 5 +│ +│/);
    expect(r.out.indexOf('SERVICE_UNAVAILABLE')).toBeLessThan(r.out.indexOf('ORDER_NOT_FOUND'));
    expect(r.out).toMatch(/8 responses: 1 ok, 5 retryable, 2 not retryable\n$/);
  });

  it('has a --json twin: one object for the whole input', async () => {
    const r = await run(['classify', '--summary', '--json'], LOG);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ responses: 8, ok: 1, retryable: 5, failed: 2, problems: 0, more: null });
    expect(s.codes[0]).toEqual({
      code: 'SERVICE_UNAVAILABLE', count: 5, retryable: 5, retryableShare: 1, first: { input: '-', line: 1 }, last: { input: '-', line: 7 },
      requestIds: ['req_a', 'req_b', 'req_c'],
    });
    expect(s.codes.map((c: { code: string | null }) => c.code)).toEqual(['SERVICE_UNAVAILABLE', 'ORDER_NOT_FOUND', null]);
  });

  it('exits as classify would over the whole input: 75 for only retryable, 0 for only successes, 2 for unreadable lines', async () => {
    expect((await run(['classify', '--summary'], `${busy('a')}\n${busy('b')}`)).code).toBe(75);
    expect((await run(['classify', '--summary'], '{"items":[]}\n{"ok":true}')).code).toBe(0);
    const broken = await run(['classify', '--summary', '--json'], `${busy('a')}\nnot json\n`);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/stdin line 2: expected a JSON body/);
    expect(JSON.parse(broken.out)).toMatchObject({ responses: 1, problems: 1 });
  });

  it('cannot be combined with --fields (exit 2)', async () => {
    const r = await run(['classify', '--summary', '--fields', 'code'], LOG);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--summary.*--fields/);
  });

  it('keeps MAX_CODES codes apart and folds the rest into one row, so memory stays flat', async () => {
    const many = Array.from({ length: MAX_CODES + 5 }, (_, i) => `{"code":"CODE_${i}"}`).join('\n');
    const s = JSON.parse((await run(['classify', '--summary', '--json'], many)).out);
    expect(s.codes).toHaveLength(MAX_CODES);
    expect(s.more).toMatchObject({ code: null, count: 5, first: { line: MAX_CODES + 1 }, last: { line: MAX_CODES + 5 } });
  });
});

describe('SummaryTally.merge', () => {
  it('merging the tallies of consecutive parts gives the tally of the whole', () => {
    const opts = { catalog: defaultCatalog, now: 0 };
    const bodies = LOG.split('\n');
    const tallyOf = (from: number, to: number) => {
      const t = new SummaryTally();
      for (let i = from; i < to; i++) {
        const source = { input: '-', line: i + 1 };
        t.add(classifyExchange({ attempts: [{ status: null, headers: {}, body: bodies[i] }], source }, opts), source);
      }
      return t;
    };
    const whole = tallyOf(0, bodies.length).data();
    for (const cut of [1, 3, 5]) {
      const merged = tallyOf(0, cut);
      merged.merge(tallyOf(cut, bodies.length).data());
      expect(merged.data(), `cut at ${cut}`).toEqual(whole);
    }
  });
});
