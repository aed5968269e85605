import { describe, expect, it } from 'vitest';
import { curlI, readAll } from '../helpers/read.js';

const body = '{"code":"SERVICE_UNAVAILABLE","message":"down"}';

describe('ExchangeReader: curl transcripts', () => {
  it('reads an HTTP/1.1 block with reason phrase, CRLF and headers', () => {
    const { exchanges, problems } = readAll(curlI('HTTP/1.1 503 Service Unavailable', { 'Retry-After': '5' }, body));
    expect(problems).toEqual([]);
    expect(exchanges).toHaveLength(1);
    const [a] = exchanges[0].attempts;
    expect(a.status).toBe(503);
    expect(a.headers['retry-after']).toBe('5');
    expect(a.body).toBe(body);
  });

  it('reads HTTP/2 and HTTP/3 status lines with a trailing space and lower-case headers', () => {
    for (const proto of ['HTTP/2 429 ', 'HTTP/3 429 ', 'HTTP/2.0 429 Too Many Requests']) {
      const { exchanges } = readAll(curlI(proto, { 'x-request-id': 'req_1' }, '{}'));
      expect(exchanges[0].attempts[0].status).toBe(429);
      expect(exchanges[0].attempts[0].headers['x-request-id']).toBe('req_1');
    }
  });

  it('drops 100 Continue, proxy CONNECT replies and redirects: only the final response counts', () => {
    const text = [
      'HTTP/1.1 200 Connection established\r\n\r\n',
      'HTTP/1.1 100 Continue\r\n\r\n',
      curlI('HTTP/1.1 302 Found', { Location: 'https://api.example/v2' }),
      curlI('HTTP/1.1 404 Not Found', { 'Content-Type': 'application/json' }, '{"code":"ORDER_NOT_FOUND"}'),
    ].join('');
    const { exchanges } = readAll(text);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].attempts.map((a) => a.status)).toEqual([404]);
  });

  it('reports input that ends with an interim 1xx and no final response, instead of reading nothing', () => {
    for (const status of ['100 Continue', '101 Switching Protocols', '103 Early Hints']) {
      const { exchanges, problems } = readAll(`HTTP/1.1 ${status}\r\nLink: </a.css>\r\n\r\n`);
      expect(exchanges).toEqual([]);
      expect(problems).toEqual([{ input: '-', line: 1, message: `the input ends with an interim ${status.slice(0, 3)} response; no final response follows it` }]);
    }
    expect(readAll('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{}').problems).toEqual([]);
  });

  it('groups the repeated responses of curl --retry into one exchange, the last one deciding', () => {
    const text = [curlI('HTTP/1.1 503 Service Unavailable', {}, body), '\n',
      curlI('HTTP/1.1 503 Service Unavailable', {}, body), '\n',
      curlI('HTTP/1.1 200 OK', {}, '{"items":[]}')].join('');
    const { exchanges } = readAll(text);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].attempts.map((a) => a.status)).toEqual([503, 503, 200]);
  });

  it('starts a new exchange after a final non-retryable response', () => {
    const text = `${curlI('HTTP/1.1 404 Not Found', {}, '{}')}\n${curlI('HTTP/1.1 403 Forbidden', {}, '{}')}`;
    expect(readAll(text).exchanges.map((e) => e.attempts.length)).toEqual([1, 1]);
  });

  it("reads the trailing status of curl -w '\\n%{http_code}' after a bare body and after a block", () => {
    expect(readAll(`${body}\n503\n`).exchanges[0].attempts[0].status).toBe(503);
    expect(readAll(`${body}503`).exchanges[0].attempts[0].status).toBe(503);
    const block = readAll(`${curlI('HTTP/2 404 ', {}, '{"code":"NOT_FOUND"}')}\n404\n`).exchanges[0].attempts[0];
    expect(block.body).toBe('{"code":"NOT_FOUND"}');
  });

  it('turns curl error lines into transport failures, and a (22) into its status', () => {
    const { exchanges } = readAll('curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received\n');
    expect(exchanges[0].attempts[0].transport).toEqual({
      code: 'curl:28', message: 'curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received',
    });
    const refused = readAll('curl: (7) Failed to connect to api.openprospect.io port 443 after 3 ms: Couldn\'t connect to server\n');
    expect(refused.exchanges[0].attempts[0].transport?.code).toBe('curl:7');
    expect(readAll('curl: (22) The requested URL returned error: 503\n').exchanges[0].attempts[0].status).toBe(503);
  });

  it('ignores curl retry warnings and keeps attempts after transport failures together', () => {
    const text = ['curl: (7) Failed to connect to localhost port 9 after 0 ms: Connection refused',
      'Warning: Problem : connection refused. Will retry in 1 seconds. 1 retries', 'Warning: left.',
      curlI('HTTP/1.1 200 OK', {}, '{}')].join('\n');
    const { exchanges, problems } = readAll(text);
    expect(problems).toEqual([]);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0].attempts.map((a) => a.status)).toEqual([null, 200]);
  });

  it('replaces a response cut off mid-body with the transport failure', () => {
    const text = `${curlI('HTTP/1.1 200 OK', {}, '{"items": [')}\ncurl: (56) Recv failure: Connection reset by peer\n`;
    const a = readAll(text).exchanges[0].attempts;
    expect(a).toHaveLength(1);
    expect(a[0].transport?.code).toBe('curl:56');
  });

  it('joins folded header lines and repeated headers', () => {
    const text = 'HTTP/1.1 400 Bad Request\r\nX-Note: one\r\n  two\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n{}';
    expect(readAll(text).exchanges[0].attempts[0].headers).toEqual({ 'x-note': 'one two', 'set-cookie': 'a=1, b=2' });
  });
});

describe('ExchangeReader: bodies and NDJSON', () => {
  it('reads one independent body per NDJSON line', () => {
    const { exchanges } = readAll('{"code":"A"}\n{"code":"B"}\n\n{"code":"C"}\n');
    expect(exchanges.map((e) => (e.attempts[0].json as { code: string }).code)).toEqual(['A', 'B', 'C']);
    expect(exchanges.map((e) => e.source.line)).toEqual([1, 2, 4]);
  });

  it('reads a pretty-printed body spanning lines, with a BOM and surrounding whitespace', () => {
    const { exchanges, problems } = readAll('\ufeff\n  {\n  "code": "X",\n  "message": "a } in a string"\n}\n\n');
    expect(problems).toEqual([]);
    expect(exchanges[0].attempts[0].json).toEqual({ code: 'X', message: 'a } in a string' });
  });

  it('reports truncated JSON, prose and empty input as problems with a line number', () => {
    expect(readAll('{"code": "X",\n "message": "cut').problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(/truncated JSON/) });
    expect(readAll('{"code": "X"}}\n').problems[0].message).toMatch(/invalid JSON/);
    expect(readAll('').problems[0].message).toMatch(/no input/);
    expect(readAll('   \n\n').problems[0].message).toMatch(/no input/);
    const prose = readAll('the server said no\n');
    expect(prose.exchanges[0].attempts[0]).toMatchObject({ status: null, body: 'the server said no' });
  });

  it('keeps reading after a broken line', () => {
    const { exchanges, problems } = readAll('{"code":"A"}\n{"code": \n"B"]\n{"code":"C"}\n');
    expect(problems).toHaveLength(1);
    expect(exchanges.map((e) => (e.attempts[0].json as { code: string }).code)).toEqual(['A', 'C']);
  });
});
