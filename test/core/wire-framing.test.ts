import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { classifyExchange } from '../../src/core/classify.js';
import { defaultCatalog as catalog } from '../../src/data/catalog.js';
import { createTestIo } from '../helpers/io.js';
import { readAll } from '../helpers/read.js';

const options = { catalog, now: Date.parse('2026-11-21T12:00:00Z') };
const statuses = (text: string) => readAll(text).exchanges.map((e) => e.attempts.map((a) => a.status));

describe('framing as on the wire', () => {
  it('a status line straight after a JSON body starts the next attempt', () => {
    expect(statuses('HTTP/1.1 503 X\r\n\r\n{"code":"SERVICE_UNAVAILABLE"}HTTP/1.1 200 OK\r\n\r\n{"items":[]}')).toEqual([[503, 200]]);
    const ex = readAll('HTTP/1.1 500 X\r\n\r\n{"code":"INTERNAL_ERROR"}HTTP/1.1 404 Not Found\r\nX-Request-Id: r2\r\n\r\n{"code":"ORDER_NOT_FOUND"}').exchanges;
    expect(classifyExchange(ex[0], options)).toMatchObject({ code: 'ORDER_NOT_FOUND', status: 404, requestId: 'r2', retryable: false });
  });

  it('uses Content-Length when the bytes match, and not when they do not (curl --compressed)', () => {
    const text = 'HTTP/1.1 503 X\r\nContent-Length: 19\r\n\r\nService UnavailableHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}';
    const [ex] = readAll(text).exchanges;
    expect(ex.attempts.map((a) => [a.status, a.body])).toEqual([[503, 'Service Unavailable'], [200, '{}']]);
    // A multi-byte body: the length counts bytes, not characters.
    expect(statuses('HTTP/1.1 503 X\r\nContent-Length: 6\r\n\r\nérrorHTTP/1.1 200 OK\r\n\r\n')).toEqual([[503, 200]]);
    // The printed length is the compressed one: the JSON end decides instead.
    const compressed = readAll('HTTP/1.1 404 X\r\nContent-Length: 9\r\nContent-Encoding: gzip\r\n\r\n{"code":"ORDER_NOT_FOUND"}\n').exchanges;
    expect(compressed[0].attempts[0].body).toBe('{"code":"ORDER_NOT_FOUND"}');
  });

  it('a bare body followed by its status on the same or the next line, and a -w json object', () => {
    expect(statuses('Internal Server Error\n500\n')).toEqual([[500]]);
    expect(statuses('{"code":"X"}{"certs":"","http_code":429,"url_effective":"http://127.0.0.1/","exitcode":0}\n')).toEqual([[429]]);
    expect(statuses('429 {"error":"RATE_LIMIT_EXCEEDED"}\n')).toEqual([[429]]);
  });

  it('a lone Python HTTPError line, and an unrelated exception as a problem', () => {
    expect(statuses('requests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: https://x/y?api_key=s3cret\n')).toEqual([[502]]);
    const body = readAll('requests.exceptions.HTTPError: 502 Server Error: Bad Gateway for url: https://x/y?api_key=s3cret\n').exchanges[0].attempts[0].body;
    expect(body).not.toContain('s3cret');
    const other = readAll('Traceback (most recent call last):\n  File "x.py", line 1\nKeyError: \'orders\'\n');
    expect(other.exchanges).toEqual([]);
    expect(other.problems[0].message).toMatch(/KeyError that names no HTTP status/);
  });
});

describe('bounded exchanges', () => {
  it('a capture of 1,500 failed calls in a row is not one exchange of 1,500 attempts', () => {
    const text = 'HTTP/1.1 503 X\r\n\r\n{"code":"SERVICE_UNAVAILABLE"}\n'.repeat(1500);
    expect(readAll(text).exchanges.map((e) => e.attempts.length)).toEqual([1000, 500]);
  });
});

describe('classify of a cassette', () => {
  it('classifies each recorded call, its attempts grouped, and never says OK for failures', async () => {
    const interaction = (attempt: number, status: number | null, body = '') => ({
      recordedAt: '2026-11-21T09:14:02.120Z', attempt, request: { method: 'GET', url: 'https://api.example/v1/orders', headers: {}, body: null },
      response: status === null ? null : { status, headers: { 'content-type': 'application/json' }, body },
      transport: status === null ? { code: 'ECONNRESET', message: 'socket hang up' } : null, durationMs: 5,
    });
    const cassette = { format: 'op-errors-cassette', version: 1, interactions: [
      interaction(1, 503, '{"code":"SERVICE_UNAVAILABLE"}'), interaction(2, 504), interaction(1, null),
    ] };
    const io = createTestIo({ input: JSON.stringify(cassette, null, 2) });
    const code = await main(['classify', '--json'], io);
    const lines = io.stdout().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.code, l.attempts.length])).toEqual([['GATEWAY_TIMEOUT', 2], ['CONNECTION_RESET', 1]]);
    expect(code).toBe(75);
  });
});
