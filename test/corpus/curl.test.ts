import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';
import { curl, startCorpusServers } from './curl-server.js';

// Every mode of curl that users pipe into classify, run for real against node:http and node:http2 (h2c).

let servers: Awaited<ReturnType<typeof startCorpusServers>>;
beforeAll(async () => {
  servers = await startCorpusServers();
});
afterAll(() => servers.close());

async function classify(text: string) {
  const io = createTestIo({ input: text });
  const code = await main(['classify', '--json'], io);
  const out = io.stdout().trim();
  return { code, err: io.stderr(), lines: out === '' ? [] : out.split('\n').map((l) => JSON.parse(l)) };
}

let id = 0;
const seq = (base: string, statuses: string, extra = '') => `${base}/seq/t${++id}?s=${statuses}${extra}`;

describe('real curl output, classified', () => {
  it('-si --retry: a status line glued to the JSON body before it (chunked), the last attempt decides', async () => {
    const out = await curl(['-si', '--retry', '2', '--retry-delay', '1', seq(servers.http1, '503,503,200')]);
    expect(out).toMatch(/\}HTTP\/1\.1 503/);
    const r = await classify(out);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ ok: true, status: 200, statusSource: 'input' });
    expect(r.lines[0].requestId).toMatch(/_3$/);
    expect(r.lines[0].attempts.map((a: { status: number }) => a.status)).toEqual([503, 503, 200]);
    expect(r.code).toBe(0);
  });

  it('-si --retry with Content-Length: 500 then 404 ends as the 404', async () => {
    const r = await classify(await curl(['-si', '--retry', '2', '--retry-delay', '1', seq(servers.http1, '500,404', '&cl=1')]));
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ code: 'ORDER_NOT_FOUND', status: 404, retryable: false });
    expect(r.lines[0].requestId).toMatch(/_2$/);
    expect(r.code).toBe(1);
  });

  it('-si --retry with text bodies of known length glued to the next status line', async () => {
    const out = await curl(['-si', '--retry', '1', '--retry-delay', '1', seq(servers.http1, '503,500', '&cl=1&text=1')]);
    expect(out).toMatch(/Service UnavailableHTTP\/1\.1 500/);
    const r = await classify(out);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal Server Error', retryable: true });
    expect(r.code).toBe(75);
  });

  it("-w '\\n%{http_code}' after a plain-text body", async () => {
    const r = await classify(await curl(['-s', '-w', '\n%{http_code}', seq(servers.http1, '500', '&text=1')]));
    expect(r.lines[0]).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal Server Error' });
    expect(r.code).toBe(75);
  });

  it("-w '%{json}' glued after the body, and alone for a refused connection", async () => {
    const r = await classify(await curl(['-s', '-w', '%{json}', seq(servers.http1, '404')]));
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
    const refused = await classify(await curl(['-s', '-w', '%{json}', `${servers.closed}/x`]));
    expect(refused.lines).toHaveLength(1);
    expect(refused.lines[0]).toMatchObject({ code: 'CONNECTION_REFUSED', status: null, statusSource: null, retryable: true });
    expect(refused.code).toBe(75);
  });

  it('-sv 2>&1 over HTTP/1.1: info, request and response lines around the body', async () => {
    const out = await curl(['-sv', seq(servers.http1, '404')]);
    expect(out).toMatch(/^< HTTP\/1\.1 404/m);
    const r = await classify(out);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
    expect(r.lines[0].requestId).toMatch(/^req_t\d+_1$/);
    expect(r.err).toBe('');
  });

  it('-sv --http2-prior-knowledge 2>&1 against h2c: lower-case headers, the 429 wait', async () => {
    const out = await curl(['-sv', '--http2-prior-knowledge', seq(servers.h2c, '429')]);
    expect(out).toMatch(/^< HTTP\/2 429 \r?$/m);
    const r = await classify(out);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 429, code: 'RATE_LIMIT_EXCEEDED', retryable: true, retryAfter: 7 });
    expect(r.code).toBe(75);
  });

  it('-si --http2-prior-knowledge: the HTTP/2 status line with its trailing space and lower-case headers', async () => {
    const out = await curl(['-si', '--http2-prior-knowledge', seq(servers.h2c, '503')]);
    expect(out).toMatch(/^HTTP\/2 503 \r$/m);
    const r = await classify(out);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(r.lines[0].requestId).toMatch(/_1$/);
  });

  it('--fail-with-body 2>&1: the (22) line and the body are one exchange; --fail alone gives the status', async () => {
    const r = await classify(await curl(['-sS', '--fail-with-body', seq(servers.http1, '404')]));
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND', message: 'Order 42 not found' });
    const bare = await classify(await curl(['-sS', '--fail', seq(servers.http1, '503')]));
    expect(bare.lines).toHaveLength(1);
    expect(bare.lines[0]).toMatchObject({ status: 503, retryable: true });
    expect(bare.code).toBe(75);
  });

  it('-i --retry 2>&1 with the progress meter and retry warnings interleaved', async () => {
    const out = await curl(['-i', '--retry', '1', '--retry-delay', '1', seq(servers.http1, '503,200')]);
    expect(out).toMatch(/% Total/);
    expect(out).toMatch(/Warning: Problem/);
    const r = await classify(out);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0].attempts.map((a: { status: number }) => a.status)).toEqual([503, 200]);
    expect(r.code).toBe(0);
  });

  it('a refused connection with -sS 2>&1 is a transport failure', async () => {
    const r = await classify(await curl(['-sS', `${servers.closed}/x`]));
    expect(r.lines[0]).toMatchObject({ code: 'CONNECTION_REFUSED', ok: false, retryable: true });
    expect(r.code).toBe(75);
  });
});

describe('real curl -v output of failed transfers', () => {
  it('-sv alone (only info lines) and -sSv (info lines and the error line) give one transport failure', async () => {
    const quiet = await classify(await curl(['-sv', `${servers.closed}/x`]));
    expect(quiet.lines).toHaveLength(1);
    expect(quiet.lines[0]).toMatchObject({ code: 'CONNECTION_REFUSED', retryable: true });
    const loud = await classify(await curl(['-sSv', `${servers.closed}/x`]));
    expect(loud.lines).toHaveLength(1);
    expect(loud.lines[0].attempts).toHaveLength(1);
    expect(loud.code).toBe(75);
  });
});

describe('real curl -v output shows the request: a POST is not called safe to repeat', () => {
  it('a 503 to a POST without an Idempotency-Key exits 1; with one, or to a GET, it exits 75; a 429 to a POST exits 75', async () => {
    const post = await classify(await curl(['-sv', '-X', 'POST', '-d', '{}', seq(servers.http1, '503')]));
    expect(post.lines[0]).toMatchObject({ status: 503, retry: 'backoff', retryable: false });
    expect(post.code).toBe(1);
    const keyed = await classify(await curl(['-sv', '-X', 'POST', '-H', 'Idempotency-Key: k1', '-d', '{}', seq(servers.http1, '503')]));
    expect(keyed.lines[0]).toMatchObject({ status: 503, retryable: true });
    expect(keyed.code).toBe(75);
    expect((await classify(await curl(['-sv', seq(servers.http1, '503')]))).code).toBe(75);
    // A 429 means the server did not act on the request: even a POST may be repeated.
    expect((await classify(await curl(['-sv', '-X', 'POST', '-d', '{}', seq(servers.http1, '429')]))).code).toBe(75);
  });

  it('the human form says why not to repeat it', async () => {
    const io = createTestIo({ input: await curl(['-sv', '-X', 'POST', '-d', '{}', seq(servers.http1, '503')]) });
    expect(await main(['classify'], io)).toBe(1);
    expect(io.stdout()).toMatch(/✖ 503 \S+\s+do not repeat: POST is not idempotent \(the server may have acted on it\); sent with an\s+Idempotency-Key it is safe to retry/);
  });
});
