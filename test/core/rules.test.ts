import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { exitCodeFor } from '../../src/core/exit.js';
import { defaultCatalog } from '../../src/data/catalog.js';
import { runBin } from '../helpers/bin.js';

// A fix that tells the reader to retry automatically contradicts a rule of none; one that says never to retry
// contradicts backoff. Each sentence is checked on its own, so "retry once after..." in a reauth fix is fine.
const SAYS_BACKOFF = /\b(retry|repeat)\b[^.;]*\b(exponential )?backoff\b/i;
const SAYS_NEVER = /\b(do not|don't|never|cannot) (retry|repeat)\b/i;

const REGISTERED = [402, 406, 407, 410, 411, 412, 414, 416, 417, 421, 423, 424, 425, 426, 428, 431, 451, 501, 505, 506, 507, 508, 510, 511];
const DE_FACTO = [499, 520, 521, 522, 523, 524, 525, 526];

describe('every HTTP error status', () => {
  it('has a generic entry: the registered ones, nginx 499 and the CDN statuses 520-526', () => {
    for (const status of [...REGISTERED, ...DE_FACTO]) {
      const generic = defaultCatalog.generic(status);
      expect(generic?.status, String(status)).toBe(status);
    }
  });

  it('has no fix that contradicts its retry rule', () => {
    const contradictions = defaultCatalog.all().flatMap((e) => {
      if (e.retry === 'none' && SAYS_BACKOFF.test(e.fix) && !SAYS_NEVER.test(e.fix)) return [`${e.code}: rule none, fix says backoff`];
      if (e.retry === 'backoff' && SAYS_NEVER.test(e.fix)) return [`${e.code}: rule backoff, fix says do not retry`];
      return [];
    });
    expect(contradictions).toEqual([]);
  });

  it('explains 501 as not retryable with a fix that agrees, and 524 as retryable, through the CLI', async () => {
    const notImplemented = await runBin(['--json', 'explain', '501']);
    expect(notImplemented.code).toBe(0);
    const json = JSON.parse(notImplemented.out);
    expect(json.generic).toMatchObject({ code: 'NOT_IMPLEMENTED', retry: 'none', retryable: false });
    expect(json.generic.fix).not.toMatch(SAYS_BACKOFF);
    const cdn = await runBin(['explain', '524']);
    expect(cdn.out).toMatch(/^ORIGIN_TIMEOUT {2}HTTP 524 {2}retryable/);
    const classified = await runBin(['--json', 'classify', '--status', '451'], { input: '{"message":"blocked"}' });
    expect(JSON.parse(classified.out)).toMatchObject({ status: 451, code: 'UNAVAILABLE_FOR_LEGAL_REASONS', known: true, retryable: false });
    expect(classified.code).toBe(1);
  });
});

describe('a status the catalog does not list', () => {
  const options = { catalog: defaultCatalog, now: 0 };
  const uncatalogued = Array.from({ length: 300 }, (_, i) => 300 + i).filter((s) => defaultCatalog.generic(s) === undefined);

  it('follows its class (3xx and 4xx not retried, 5xx with backoff) with a fix that agrees', () => {
    expect(uncatalogued).toEqual(expect.arrayContaining([418, 420, 450, 509, 530, 599]));
    for (const status of uncatalogued) {
      const c = classify({ status, headers: {}, body: '' }, options);
      const backoff = status >= 500;
      expect(c, String(status)).toMatchObject({ ok: false, code: `HTTP_${status}`, known: false, retryable: backoff });
      expect(c.fix, String(status)).not.toMatch(backoff ? SAYS_NEVER : SAYS_BACKOFF);
      expect(exitCodeFor(c)).toBe(backoff ? 75 : 1);
    }
  });

  it('keeps 501 and 505 out of retries, and a Retry-After under "do not retry" does not read as a reason to repeat', async () => {
    for (const status of [501, 505]) {
      expect(classify({ status, headers: {}, body: '' }, options)).toMatchObject({ retry: 'none', retryable: false });
    }
    const r = await runBin(['classify'], { input: 'HTTP/1.1 418 X\r\nRetry-After: 5\r\n\r\n{"message":"teapot"}' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/HTTP_418 \(not in the catalog\) {2}do not retry/);
    expect(r.out).toMatch(/Retry after +5(\.0)? s \(sent by the server; the same request will still fail\)/);
  });
});
