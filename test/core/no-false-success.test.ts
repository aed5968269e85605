import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyExchange } from '../../src/core/classify.js';
import { exitCodeFor } from '../../src/core/exit.js';
import { defaultCatalog as catalog } from '../../src/data/catalog.js';
import { readAll } from '../helpers/read.js';

const options = { catalog, now: Date.parse('2026-11-21T12:00:00Z') };

// Keys that would carry an HTTP outcome are left out, so the only thing a generated object says is "error".
const OUTCOME_KEYS = new Set(['status', 'statusCode', 'status_code', 'response', 'res', 'code', 'http_code', 'url_effective',
  'exitcode', 'log', 'format', 'data', 'body', 'responseBody', 'response_body', 'errno', 'cause', 'stack', 'message']);
const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !OUTCOME_KEYS.has(k) && k !== '__proto__');
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
const filler = fc.dictionary(key, leaf, { maxKeys: 4 });
const errorObject = fc.oneof(
  fc.string({ minLength: 1, maxLength: 20 }),
  fc.record({ type: fc.constantFrom('Error', 'TypeError', 'AxiosError'), message: fc.string({ maxLength: 20 }) }),
  filler.filter((o) => Object.keys(o).length > 0),
);
/** One error-like marker, as loggers and APIs write them. */
const marker = fc.oneof(
  errorObject.map((e) => ({ err: e })),
  errorObject.map((e) => ({ error: e })),
  errorObject.map((e) => ({ exception: e })),
  fc.array(errorObject, { minLength: 1, maxLength: 3 }).map((errors) => ({ errors })),
  fc.constant({ success: false }),
  fc.constant({ ok: false }),
  fc.integer({ min: 50, max: 60 }).map((level) => ({ level })),
  fc.constantFrom('error', 'ERROR', 'fatal', 'critical').map((level) => ({ level })),
);

describe('no false success', () => {
  it('a JSON object holding an error and no HTTP outcome is never ok and never exits 0', () => {
    fc.assert(fc.property(filler, fc.array(marker, { minLength: 1, maxLength: 3 }), (base, markers) => {
      const record = Object.assign({}, base, ...markers);
      const { exchanges, problems } = readAll(`${JSON.stringify(record)}\n`);
      expect(problems).toEqual([]);
      expect(exchanges).toHaveLength(1);
      const c = classifyExchange(exchanges[0], options);
      expect(c.ok).toBe(false);
      expect(exitCodeFor(c)).not.toBe(0);
    }), { numRuns: 500, seed: 8 });
  });

  it('an error inside wrappers, in any key case, or as JSend is a failure with unknown status and its message', () => {
    const cases: [unknown, string | null][] = [
      [{ data: { error: { message: 'x' } } }, 'x'], [{ Error: 'x' }, 'x'], [{ result: { ok: false } }, null],
      [{ failure: 'x' }, 'x'], [{ status: 'error', message: 'x' }, 'x'], [{ status: 'fail', data: { title: 'required' } }, null],
      [{ response: { body: { ERRORS: [{ message: 'x' }] } } }, 'x'], [{ level: 'error', message: 'x' }, 'x'],
    ];
    for (const [body, message] of cases) {
      const c = classifyExchange(readAll(JSON.stringify(body)).exchanges[0], options);
      expect(c, JSON.stringify(body)).toMatchObject({ ok: false, status: null, retryable: false, message });
      expect(exitCodeFor(c)).toBe(1);
    }
  });

  it('a body that says "no error" stays a success, also under a 2xx status', () => {
    const bodies = [{ errors: [] }, { error: null }, { ok: true }, { success: true }, { data: { user: { id: 1 } } },
      { data: { items: [] }, errors: null }, { level: 30, msg: 'listening' }];
    for (const body of bodies) {
      expect(classifyExchange(readAll(JSON.stringify(body)).exchanges[0], options).ok, JSON.stringify(body)).toBe(true);
    }
    const [ok] = readAll('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"error":null,"items":[]}').exchanges;
    expect(classifyExchange(ok, options)).toMatchObject({ ok: true, status: 200 });
  });

  it('a log record with only a transport code in its error is that transport failure', () => {
    const lines = [
      { level: 50, err: { type: 'TypeError', message: 'fetch failed', cause: { code: 'ECONNREFUSED', errno: -111 } } },
      { level: 50, err: { message: 'socket hang up', code: 'ECONNRESET' } },
      { level: 'error', error: { message: 'fetch failed', cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } } },
      { level: 50, err: { message: 'fetch failed', stack: 'TypeError: fetch failed\ncaused by: Error: connect ECONNREFUSED 127.0.0.1:1' } },
    ].map((o) => JSON.stringify(o)).join('\n');
    const codes = readAll(lines).exchanges.map((e) => classifyExchange(e, options).code);
    expect(codes).toEqual(['CONNECTION_REFUSED', 'CONNECTION_RESET', 'NETWORK_TIMEOUT', 'CONNECTION_REFUSED']);
  });

  it('generic status and body fields of a log record, and an API body merged into it', () => {
    const lines = [
      { level: 40, msg: 'upstream said no', statusCode: 422, responseBody: '{"code":"VALIDATION_ERROR","message":"bad"}' },
      { level: 50, time: 1, msg: 'rate limited', status: 429, code: 'RATE_LIMIT_EXCEEDED', retry_after: 3 },
      { level: 50, err: { response: { statusCode: 503, body: { code: 'SERVICE_UNAVAILABLE' } } } },
    ].map((o) => JSON.stringify(o)).join('\n');
    const got = readAll(lines).exchanges.map((e) => classifyExchange(e, options));
    expect(got.map((c) => [c.status, c.code])).toEqual([[422, 'VALIDATION_ERROR'], [429, 'RATE_LIMIT_EXCEEDED'], [503, 'SERVICE_UNAVAILABLE']]);
    expect(got[1].retryAfter).toBe(3);
  });

  it('masks credentials a log record carries (axios err.config headers) and takes the error\'s message', () => {
    const record = { level: 50, err: { message: 'boom', config: { headers: { Authorization: 'Bearer lnc_live_abcdef123456789' } } } };
    const [ex] = readAll(JSON.stringify(record)).exchanges;
    const c = classifyExchange(ex, options);
    expect(c).toMatchObject({ ok: false, message: 'boom' });
    expect(JSON.stringify(c)).not.toContain('lnc_live_abcdef');
    const withStatus = { ...record, err: { ...record.err, status: 401 } };
    const d = classifyExchange(readAll(JSON.stringify(withStatus)).exchanges[0], options);
    expect(d).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(JSON.stringify(d)).not.toContain('lnc_live_abcdef');
  });
});
