import { BASE_DELAYS_MS, CAPS_MS, type SearchCall, MAX_LIMIT, type Trace, cut, waitOf } from './policy-trace.js';
import { type Simulation, seededRandom, simulate } from './replay.js';
import { DEFAULT_POLICY, type RetryPolicy } from './retry-policy.js';
import type { Attempt, Classification } from './types.js';

/** How a call fares under the suggested policy; waits are in ms over its seeded runs. */
export interface CallStats {
  survival: number;
  expectedWaitMs: number;
  medianWaitMs: number;
  p95WaitMs: number;
  requests: number;
}

/** What the search concluded about one call. */
export type CallVerdict =
  | { kind: 'ok' }
  | ({ kind: 'recoverable' } & CallStats)
  | {
    kind: 'unrecoverable'; stop: Simulation['stop']; final: Classification;
    /** No recorded attempt succeeded: the recording holds no moment at which a retry could have met a success. */
    neverSucceeded: boolean;
  };

const NO_STATS: CallStats = { survival: 0, expectedWaitMs: 0, medianWaitMs: 0, p95WaitMs: 0, requests: 0 };

/**
 * Sorts calls into those that succeeded at once, those some policy of the space can recover (the most
 * patient limit and deadline, any base and cap, no jitter), and those none can; for the last, the default
 * shape's stop says why (not retryable, not safe to repeat, still failing, past the deadline).
 */
export function classifyCalls(
  calls: readonly SearchCall[], maxTimeMs: number, retryUnsafe: boolean, classify: (a: Attempt) => Classification,
): CallVerdict[] {
  return calls.map((call): CallVerdict => {
    if (classify(call.attempts[0].attempt).ok) return { kind: 'ok' };
    const patient = { ...DEFAULT_POLICY, limit: MAX_LIMIT, maxTimeMs, retryUnsafe, jitter: 'none' as const };
    const why = simulate(call.attempts, call.method, call.idempotencyKey, patient, classify, () => 1);
    if (why.stop === 'success') return { kind: 'recoverable', ...NO_STATS };
    const lost = { kind: 'unrecoverable' as const, stop: why.stop, final: why.final, neverSucceeded: !call.attempts.some((a) => classify(a.attempt).ok) };
    if (why.stop === 'not-retryable' || why.stop === 'unsafe-method') return lost;
    for (const baseDelayMs of BASE_DELAYS_MS) {
      for (const maxDelayMs of CAPS_MS) {
        if (maxDelayMs < baseDelayMs) continue;
        const sim = simulate(call.attempts, call.method, call.idempotencyKey, { ...patient, baseDelayMs, maxDelayMs }, classify, () => 1);
        if (sim.stop === 'success') return { kind: 'recoverable', ...NO_STATS };
      }
    }
    return lost;
  });
}

/**
 * Replays every call in order on one jitter stream, as `replay --seed` does, and returns the deadline
 * (whole seconds) by which the target share of the recoverable calls succeed; null when they do not.
 */
export function replaySurvival(
  calls: readonly SearchCall[], verdicts: readonly CallVerdict[], policy: RetryPolicy, seed: number,
  classify: (a: Attempt) => Classification, target: number,
): number | null {
  if (policy.limit <= 0) return verdicts.some((v) => v.kind === 'recoverable') ? null : policy.maxTimeMs;
  const random = seededRandom(seed);
  const finishes: number[] = [];
  let recoverable = 0;
  calls.forEach((call, i) => {
    const sim = simulate(call.attempts, call.method, call.idempotencyKey, policy, classify, random);
    if (verdicts[i].kind !== 'recoverable') return;
    recoverable++;
    const last = sim.steps[sim.steps.length - 1];
    if (sim.stop === 'success') finishes.push(last.elapsedMs - last.record.durationMs);
  });
  const need = Math.max(1, Math.ceil(target * recoverable - 1e-9));
  if (recoverable === 0) return policy.maxTimeMs;
  if (finishes.length < need) return null;
  finishes.sort((a, b) => a - b);
  return Math.max(1000, Math.ceil(finishes[need - 1] / 1000) * 1000);
}

/** The suggested policy's figures: per run over all recoverable calls, and per call over its runs. */
export function summarise(trace: Trace, limit: number, deadlineMs: number):
  Omit<CallStats, 'survival'> & { perCall: CallStats[] } {
  const runTotals = new Array<number>(trace.runs).fill(0);
  const perCall: CallStats[] = [];
  let requests = 0;
  for (let c = 0; c < trace.calls; c++) {
    const waits: number[] = [];
    let ok = 0;
    let sent = 0;
    for (let run = 0; run < trace.runs; run++) {
      const at = run * trace.calls + c;
      const r = cut(trace, at, limit, deadlineMs);
      const wait = waitOf(trace, at, r.made);
      waits.push(wait);
      runTotals[run] += wait;
      if (r.ok) ok++;
      sent += r.made;
    }
    requests += sent;
    perCall.push({ survival: ok / trace.runs, requests: sent / trace.runs, ...spread(waits) });
  }
  return { ...spread(runTotals), requests: requests / trace.runs, perCall };
}

/** Mean, median and 95th percentile (nearest rank) of a list of waits. */
function spread(values: number[]): { expectedWaitMs: number; medianWaitMs: number; p95WaitMs: number } {
  if (values.length === 0) return { expectedWaitMs: 0, medianWaitMs: 0, p95WaitMs: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  return { expectedWaitMs: sorted.reduce((a, b) => a + b, 0) / sorted.length, medianWaitMs: rank(0.5), p95WaitMs: rank(0.95) };
}
