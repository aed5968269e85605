import { describe, expect, it } from 'vitest';
import { type SearchOptions, suggestPolicy } from '../../src/core/policy-search.js';
import { seededRandom, simulate } from '../../src/core/replay.js';
import { classifyCrafted, outage, searchCall } from '../helpers/incident.js';

const opts: SearchOptions = { maxTimeMs: 300_000, retryUnsafe: false, target: 1, runs: 50, seed: 1, requestWeight: 1, classify: classifyCrafted };

describe('suggestPolicy', () => {
  it('finds the policy that is just enough for a 6 s outage, and one retry fewer is not', () => {
    const calls = [searchCall(outage(6000))];
    const s = suggestPolicy(calls, opts);
    // 2 s then 4 s meets the recovered server at 6 s (plus 2 × 20 ms of requests): 6 s of waiting, 3 requests.
    expect(s.policy).toMatchObject({ limit: 2, baseDelayMs: 2000, jitter: 'none', maxTimeMs: 7000 });
    expect(s.policy.maxDelayMs).toBeGreaterThanOrEqual(4000);
    expect(s).toMatchObject({ survival: 1, targetMet: true, replayVerified: true, expectedWaitMs: 6000, requests: 3, cost: 9 });
    const run = (p: typeof s.policy) => simulate(calls[0].attempts, 'GET', false, p, classifyCrafted, seededRandom(1)).stop;
    expect(run(s.policy)).toBe('success');
    expect(run({ ...s.policy, limit: 1 })).toBe('limit');
    expect(run({ ...s.policy, maxTimeMs: 5000 })).toBe('deadline');
  });

  it('lists apart what no policy saves: a 404, a POST without a key, an outage past the deadline', () => {
    const calls = [
      searchCall(outage(3000)),
      searchCall({ steps: [{ at: 0, status: 404 }] }),
      searchCall({ method: 'POST', ...outage(1000) }),
      searchCall(outage(400_000)),
      searchCall({ steps: [{ at: 0, status: 200 }] }),
    ];
    const s = suggestPolicy(calls, opts);
    expect(s.calls.map((c) => c.kind)).toEqual(['recoverable', 'unrecoverable', 'unrecoverable', 'unrecoverable', 'ok']);
    expect(s.calls[1]).toMatchObject({ stop: 'not-retryable', final: { status: 404 } });
    expect(s.calls[2]).toMatchObject({ stop: 'unsafe-method' });
    expect(s.calls[3]).toMatchObject({ stop: expect.stringMatching(/deadline|limit/) });
    expect(s).toMatchObject({ survival: 1, targetMet: true, replayVerified: true });
    expect(s.calls[0]).toMatchObject({ survival: 1 });
    // A key, or --retry-unsafe, makes the POST recoverable.
    expect(suggestPolicy([searchCall({ method: 'POST', keyed: true, ...outage(1000) })], opts).calls[0].kind).toBe('recoverable');
    expect(suggestPolicy([calls[2]], { ...opts, retryUnsafe: true }).calls[0].kind).toBe('recoverable');
  });

  it('trades the slow call away when the target allows it, and is the same for the same seed', () => {
    const calls = [...Array.from({ length: 9 }, () => searchCall(outage(900))), searchCall(outage(100_000))];
    const all = suggestPolicy(calls, opts);
    const most = suggestPolicy(calls, { ...opts, target: 0.9 });
    expect(all.survival).toBe(1);
    expect(most.survival).toBeGreaterThanOrEqual(0.9);
    expect(most.cost).toBeLessThan(all.cost);
    expect(most.policy.maxTimeMs!).toBeLessThan(100_000);
    expect(suggestPolicy(calls, { ...opts, target: 0.9 })).toEqual(most);
  });

  it('weighs jitter as a probability: a jittered policy meets the target over every seeded run', () => {
    // Honour the server's own wait: it asks for 5 s; no backoff shape matters but the deadline.
    const asked = { steps: [{ at: 0, status: 503, headers: { 'retry-after': '5' } }, { at: 5000, status: 200 }] };
    const s = suggestPolicy([searchCall(asked)], opts);
    expect(s).toMatchObject({ survival: 1, expectedWaitMs: 5000, requests: 2, policy: { limit: 1, maxTimeMs: 6000 } });
  });

  it('prefers full jitter when any retry meets the recovered server: the draw only shortens the wait', () => {
    // Replay lets a retry within 250 ms of a recorded attempt meet it: any wait after 20 ms of request meets 260 ms.
    const s = suggestPolicy([searchCall(outage(260))], opts);
    expect(s.policy).toMatchObject({ limit: 1, baseDelayMs: 100, jitter: 'full' });
    expect(s).toMatchObject({ survival: 1, runs: 50, requests: 2, replayVerified: true });
    // Uniform draws from 0 to 100 ms over 50 seeded runs.
    expect(s.expectedWaitMs).toBeGreaterThan(30);
    expect(s.expectedWaitMs).toBeLessThan(70);
    expect(s.p95WaitMs).toBeGreaterThan(s.medianWaitMs);
    expect(s.cost).toBeCloseTo(2 + s.expectedWaitMs / 1000, 6);
  });

  it('weighs requests against waiting as --request-weight says', () => {
    const calls = [searchCall(outage(6000)), searchCall(outage(9000))];
    const even = suggestPolicy(calls, opts);
    const waitOnly = suggestPolicy(calls, { ...opts, requestWeight: 0 });
    const requestsDear = suggestPolicy(calls, { ...opts, requestWeight: 30 });
    expect(waitOnly.expectedWaitMs).toBeLessThan(even.expectedWaitMs);
    expect(waitOnly.requests).toBeGreaterThan(even.requests);
    expect(requestsDear.requests).toBeLessThan(even.requests);
    expect(waitOnly.cost).toBeCloseTo(waitOnly.expectedWaitMs / 1000, 6);
    expect(requestsDear.cost).toBeCloseTo(requestsDear.expectedWaitMs / 1000 + 30 * requestsDear.requests, 6);
  });

  it('suggests retrying off when nothing needed a retry', () => {
    const s = suggestPolicy([searchCall({ steps: [{ at: 0, status: 200 }] }), searchCall({ steps: [{ at: 0, status: 404 }] })], opts);
    expect(s.policy.limit).toBe(0);
    expect(s).toMatchObject({ survival: 1, requests: 0, candidates: 1, targetMet: true, replayVerified: true });
  });
});
