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
/** Keys that say nothing about errors or outcomes, in any case. */
const QUIET = new Set([...OUTCOME_KEYS, 'err', 'error', 'errors', 'exception', 'failure', 'fault', 'problem', 'ok', 'success',
  'level', 'levelname', 'severity', 'detail', 'type', 'title', 'details', 'request_id', 'requestid', 'retry_after', 'retryafter']
  .map((k) => k.toLowerCase()));
const quietFiller = fc.dictionary(key.filter((k) => !QUIET.has(k.toLowerCase())), leaf, { maxKeys: 3 });
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

/** A key as different producers spell it: error, Error, ERROR. */
const anyCase = (k: string) => fc.constantFrom(k, k[0].toUpperCase() + k.slice(1), k.toUpperCase());
// Prose, not a code: a code-like string under `error` is read as the code, not the message.
const message = fc.option(fc.string({ maxLength: 16 }).map((m) => `failed: ${m}`), { nil: undefined });
const withMessage = (o: Record<string, unknown>, m: string | undefined) => (m === undefined ? o : { ...o, message: m });
/** Every error form the rule names, with and without a message, in any key case; paired with that message. */
type Form = [Record<string, unknown>, string | undefined];
const errorForm: fc.Arbitrary<Form> = fc.oneof(
  fc.tuple(fc.constantFrom('err', 'error', 'errors', 'exception', 'failure', 'fault', 'problem').chain(anyCase), message)
    .map(([k, m]): Form => [{ [k]: k.toLowerCase() === 'errors' ? [withMessage({ type: 'Error' }, m)] : m ?? { type: 'Error' } }, m]),
  fc.tuple(fc.constantFrom('ok', 'success').chain(anyCase), message).map(([k, m]): Form => [withMessage({ [k]: false }, m), m]),
  fc.tuple(fc.constantFrom('error', 'fail', 'ERROR'), message).map(([v, m]): Form => [withMessage({ status: v, data: { id: 1 } }, m), m]),
  fc.tuple(fc.oneof(fc.integer({ min: 50, max: 60 }), fc.constantFrom('error', 'Error', 'fatal')), message)
    .map(([level, m]): Form => [withMessage({ level }, m), m]),
);
const WRAPPERS = ['data', 'result', 'response', 'payload', 'body'];
/** The form under 0 to 3 wrapper objects, each wrapper with other (error-free) keys beside it. */
const wrapped = (form: fc.Arbitrary<Record<string, unknown>>) => fc.tuple(form,
  fc.array(fc.tuple(fc.constantFrom(...WRAPPERS), quietFiller), { maxLength: 3 }))
  .map(([inner, wrappers]) => wrappers.reduce<Record<string, unknown>>((o, [k, extra]) => ({ ...extra, [k]: o }), inner));

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

  it('an error form under 0-3 wrappers, in any key case, with or without a message, is a failure with unknown status', () => {
    fc.assert(fc.property(errorForm.chain(([form, m]) => wrapped(fc.constant(form)).map((body) => [body, m] as const)), ([body, m]) => {
      const { exchanges, problems } = readAll(JSON.stringify(body));
      expect(problems).toEqual([]);
      const c = classifyExchange(exchanges[0], options);
      expect(c).toMatchObject({ ok: false, status: null, retryable: false });
      if (m !== undefined) expect(c.message).toBe(m);
      expect(exitCodeFor(c)).toBe(1);
    }), { numRuns: 1000, seed: 8 });
  });

  it('an error-free object under 0-3 wrappers, with error: null, errors: [], ok: true, is not called a failure', () => {
    const quiet = fc.tuple(quietFiller, fc.subarray([{ error: null }, { errors: [] }, { ok: true }, { success: true }, { level: 30 }]))
      .map(([o, forms]) => Object.assign({}, o, ...forms) as Record<string, unknown>);
    fc.assert(fc.property(wrapped(quiet), (body) => {
      const c = classifyExchange(readAll(JSON.stringify(body)).exchanges[0], options);
      expect(c.ok).toBe(true);
    }), { numRuns: 1000, seed: 8 });
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
      { data: { items: [] }, errors: null }, { level: 30, msg: 'listening' },
      // A count of errors, a player's level and a part's own flag describe the data, not the outcome.
      { stats: { errors: 3 } }, { errors: 0 }, { data: { player: { level: 55 } } }, { meta: { ok: false } },
      { order: { status: 'error' } }];
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
