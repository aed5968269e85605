import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep, realClock } from '../../src/adapters/retry-runner.js';
import { type SentAttempt, runRetryLoop } from '../../src/core/retry-loop.js';
import { classify } from '../../src/core/classify.js';
import { DEFAULT_POLICY } from '../../src/core/retry-policy.js';
import type { Attempt } from '../../src/core/types.js';
import { defaultCatalog } from '../../src/data/catalog.js';

beforeEach(() => vi.useFakeTimers({ now: 0 }));
afterEach(() => vi.useRealTimers());

describe('the real clock of call --retry, on virtual time', () => {
  it('sleeps exactly the time asked, and an abort ends the sleep at once', async () => {
    let done = false;
    const sleeping = abortableSleep(1500, new AbortController().signal).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
    const ctrl = new AbortController();
    const cut = abortableSleep(30_000, ctrl.signal).catch((e: Error) => e.message);
    await vi.advanceTimersByTimeAsync(10);
    ctrl.abort();
    expect(await cut).toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits as long as it logs: Retry-After 1 s, then backoff of 2 s', async () => {
    const replies: Attempt[] = [
      { status: 503, headers: { 'retry-after': '1' }, body: '{"error":{"code":"SERVICE_UNAVAILABLE"}}' },
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><title>502 Bad Gateway</title></html>' },
      { status: 200, headers: {}, body: '{"ok":true}' },
    ];
    const sentAt: number[] = [];
    const logged: (number | null)[] = [];
    const policy = { ...DEFAULT_POLICY, limit: 3, jitter: 'none' as const };
    const spec = {
      method: 'GET', idempotencyKey: false, policy, timeoutMs: 30_000, random: () => 0.5,
      classify: (a: Attempt) => classify(a, { catalog: defaultCatalog, now: Date.now() }),
      onStep: (step: { record: { waitMs: number | null } }) => void logged.push(step.record.waitMs),
    };
    const run = runRetryLoop(spec, realClock(() => Date.now(), new AbortController().signal), async (): Promise<SentAttempt> => {
      sentAt.push(Date.now());
      return { attempt: replies[sentAt.length - 1], durationMs: 0 };
    });
    await vi.runAllTimersAsync();
    const outcome = await run;
    expect(outcome.stop).toBe('success');
    expect(logged).toEqual([1000, 2000, null]);
    expect(sentAt.slice(1).map((t, i) => t - sentAt[i])).toEqual([1000, 2000]);
  });
});
