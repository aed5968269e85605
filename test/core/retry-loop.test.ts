import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import type { RecordedExchange } from '../../src/core/recording.js';
import { seededRandom, simulate } from '../../src/core/replay.js';
import { type AttemptRequest, type LoopSpec, MAX_TIMER_MS, VirtualClock, runRetryLoop, simulateRetryLoop } from '../../src/core/retry-loop.js';
import { DEFAULT_POLICY } from '../../src/core/retry-policy.js';
import type { Attempt } from '../../src/core/types.js';
import { defaultCatalog } from '../../src/data/catalog.js';

const answers: Attempt[] = [
  { status: 503, headers: {}, body: '{}' },
  { status: 429, headers: { 'retry-after': '2' }, body: '{}' },
  { status: null, headers: {}, body: '', transport: { code: 'ECONNRESET', message: 'reset' } },
  { status: 200, headers: {}, body: '{"ok":true}' },
];
const spec = (extra: Partial<LoopSpec> = {}): LoopSpec => ({
  method: 'GET', idempotencyKey: false, policy: { ...DEFAULT_POLICY, limit: 5 }, timeoutMs: 30_000,
  classify: (a) => classify(a, { catalog: defaultCatalog, now: 0 }), random: seededRandom(7), ...extra,
});

describe('the one retry loop', () => {
  it('takes the same steps on a real-clock driver as on the virtual clock', async () => {
    const virtual = new VirtualClock();
    const simulated = simulateRetryLoop(spec(), virtual, ({ attempt }) => {
      virtual.sleep(40);
      return { attempt: answers[attempt - 1], durationMs: 40 };
    });
    let t = 0;
    const real = await runRetryLoop(spec(), { now: () => t, sleep: async (ms) => void (t += ms) }, async ({ attempt }) => {
      t += 40;
      return { attempt: answers[attempt - 1], durationMs: 40 };
    });
    expect(real.steps.map((s) => s.record)).toEqual(simulated.steps.map((s) => s.record));
    expect(real.stop).toBe('success');
    expect(simulated.steps.map((s) => s.record.waitReason)).toEqual(['backoff', 'retry-after', 'backoff', null]);
    expect(real.elapsedMs).toBe(simulated.elapsedMs);
  });

  it('gives each attempt the smaller of its timeout and what is left of the deadline', () => {
    const clock = new VirtualClock();
    const asked: AttemptRequest[] = [];
    const policy = { ...DEFAULT_POLICY, limit: 3, maxTimeMs: 3000, jitter: 'none' as const, baseDelayMs: 500 };
    simulateRetryLoop(spec({ policy, timeoutMs: 20_000 }), clock, (request) => {
      asked.push(request);
      clock.sleep(1000);
      return { attempt: answers[0], durationMs: 1000 };
    });
    expect(asked.map((r) => r.timeoutMs)).toEqual([3000, 1500]);
  });

  it('never asks for a timeout longer than a Node timer holds (--timeout 2200000 would fire after 1 ms)', () => {
    const clock = new VirtualClock();
    const asked: AttemptRequest[] = [];
    simulateRetryLoop(spec({ policy: { ...DEFAULT_POLICY, limit: 0 }, timeoutMs: 2_200_000_000 }), clock, (request) => {
      asked.push(request);
      return { attempt: answers[3], durationMs: 1 };
    });
    expect(asked[0].timeoutMs).toBe(MAX_TIMER_MS);
  });

  it('ends as interrupted when a real wait is cut short, keeping the attempts made', async () => {
    const out = await runRetryLoop(spec(), { now: () => 0, sleep: () => Promise.reject(new Error('aborted')) },
      async () => ({ attempt: answers[0], durationMs: 1 }));
    expect(out.stop).toBe('interrupted');
    expect(out.steps).toHaveLength(1);
  });

  it('simulates 100 recorded calls over 1000 seeds without a promise per step', () => {
    const calls: RecordedExchange[][] = Array.from({ length: 100 }, (_, i) => answers.map((attempt, n) => ({
      method: 'GET', url: `/orders/${i}`, attempt, startedAt: 1_000_000 + n * 1500, durationMs: 30, source: { input: 'x', line: n + 1 },
    })));
    const classifyOnce = new Map<Attempt, ReturnType<typeof classify>>();
    const cached = (a: Attempt) => classifyOnce.get(a) ?? classifyOnce.set(a, classify(a, { catalog: defaultCatalog, now: 0 })).get(a)!;
    let succeeded = 0;
    for (let seed = 0; seed < 1000; seed++) {
      const random = seededRandom(seed);
      for (const call of calls) if (simulate(call, 'GET', false, { ...DEFAULT_POLICY, limit: 4 }, cached, random).final.ok) succeeded++;
    }
    expect(succeeded).toBeGreaterThan(0);
    expect(succeeded).toBeLessThanOrEqual(100_000);
  });
});
