import { describe, expect, it } from 'vitest';
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
