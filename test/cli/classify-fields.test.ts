import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLASSIFICATION_FIELDS } from '../../src/render/classification-json.js';
import { createTestIo } from '../helpers/io.js';
import { curlI } from '../helpers/read.js';

async function run(args: string[], input?: string) {
  const io = createTestIo({ input });
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}
const lines = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l));

const LOG = [
  '{"code":"ORDER_NOT_FOUND","message":"Order 7 not found","request_id":"req_7"}',
  curlI('HTTP/1.1 429 Too Many Requests', { 'retry-after': '30' }, '{"error":"RATE_LIMIT_EXCEEDED"}'),
  '{"detail":[{"type":"missing","loc":["body","companies",0,"company_name"],"msg":"Field required","input":{}}]}',
  '{"items":[]}',
].join('\n');

describe('classify --fields', () => {
  it('prints only the chosen fields, in the contract order, with the same values as --json', async () => {
    const full = lines((await run(['classify', '--json'], LOG)).out);
    const r = await run(['classify', '--fields', 'retryAfter,code,requestId,source'], LOG);
    const some = lines(r.out);
    expect(some).toHaveLength(full.length);
    some.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(['code', 'retryAfter', 'requestId', 'source']);
      expect(o).toEqual({ code: full[i].code, retryAfter: full[i].retryAfter, requestId: full[i].requestId, source: full[i].source });
    });
    expect(some[1]).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryAfter: 30 });
    expect(r.code).toBe(1);
  });

  it('writes every field as --json does, one at a time', async () => {
    const full = lines((await run(['classify', '--json'], LOG)).out);
    for (const field of CLASSIFICATION_FIELDS) {
      const one = lines((await run(['classify', '--fields', field], LOG)).out);
      expect(one, field).toEqual(full.map((o) => ({ [field]: o[field] })));
    }
  });

  it('all the fields are the --json line byte for byte, whatever their order or repeats', async () => {
    const json = (await run(['classify', '--json'], LOG)).out;
    const all = [...CLASSIFICATION_FIELDS].reverse().join(',');
    expect((await run(['classify', '--fields', `${all},code`], LOG)).out).toBe(json);
  });

  it('rejects an unknown field with exit 2, naming it and listing the valid ones', async () => {
    const r = await run(['classify', '--fields', 'code,retryable,colour'], LOG);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('Unknown field colour.');
    expect(r.err).toContain(`The fields are: ${CLASSIFICATION_FIELDS.join(', ')}.`);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect((await run(['classify', '--fields', ' , '], LOG)).err).toContain('No field given.');
  });
});
