import type { RecordedExchange } from './recording.js';
import { seededRandom, simulate } from './replay.js';
import type { RetryPolicy } from './retry-policy.js';
import type { Attempt, Classification } from './types.js';

/** The most retries the search considers; a trace is run at this limit and cut down for smaller ones. */
export const MAX_LIMIT = 10;
const SLOTS = MAX_LIMIT + 1;
/** The first waits the search tries, in ms. */
export const BASE_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];
/** The caps on one wait the search tries, in ms. */
export const CAPS_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000, 120_000];

/** One recorded call, as the search replays it. */
export interface SearchCall {
  attempts: readonly RecordedExchange[];
  /** The method the policy sees (captures, which record none, are taken as GET, as replay does). */
  method: string;
  idempotencyKey: boolean;
}

/**
 * Every seeded run of every call under one backoff shape (base, cap, jitter) at the most patient limit and
 * deadline. Because the policy draws its jitter attempt by attempt, a smaller limit or an earlier deadline
 * only cuts a run short: attempt n+1 happens under (limit L, deadline D) exactly when n <= L and it starts
 * by D. So one trace answers every (L, D) without simulating again.
 */
export interface Trace {
  runs: number;
  calls: number;
  /** Attempts made per call-run at the most patient policy. */
  attempts: Uint8Array;
  /** 1 when the call-run ended in success. */
  success: Uint8Array;
  /** Start of attempt i (ms since the first one), at [callRun * SLOTS + i]. */
  starts: Float64Array;
  /** Total wait before attempt i, same layout. */
  waits: Float64Array;
}

/** A different jitter stream for every (seed, run, call), so one call's draws never shift another's. */
export function callRunRandom(seed: number, run: number, call: number): () => number {
  return seededRandom((seed ^ Math.imul(run + 1, 0x9e3779b1) ^ Math.imul(call + 1, 0x85ebca6b)) >>> 0);
}

/**
 * Simulates every call `runs` times under `policy` (its limit and deadline are the most patient ones).
 * Gives up, returning null, once more than `maxFailures` call-runs fail: no smaller limit can then win.
 */
export function traceCalls(
  calls: readonly SearchCall[], policy: RetryPolicy, runs: number, seed: number, classify: (a: Attempt) => Classification,
  maxFailures = Infinity,
): Trace | null {
  let failures = 0;
  const n = runs * calls.length;
  const trace: Trace = {
    runs, calls: calls.length, attempts: new Uint8Array(n), success: new Uint8Array(n),
    starts: new Float64Array(n * SLOTS), waits: new Float64Array(n * SLOTS),
  };
  for (let run = 0; run < runs; run++) {
    for (let c = 0; c < calls.length; c++) {
      const call = calls[c];
      const sim = simulate(call.attempts, call.method, call.idempotencyKey, policy, classify, callRunRandom(seed, run, c));
      const at = run * calls.length + c;
      trace.attempts[at] = sim.steps.length;
      trace.success[at] = sim.stop === 'success' ? 1 : 0;
      if (sim.stop !== 'success' && ++failures > maxFailures) return null;
      let waited = 0;
      sim.steps.forEach((step, i) => {
        trace.starts[at * SLOTS + i] = step.elapsedMs - step.record.durationMs;
        trace.waits[at * SLOTS + i] = waited;
        waited += step.record.waitMs ?? 0;
      });
    }
  }
  return trace;
}

/** How many attempts call-run `at` makes under (limit, deadline), and whether it ends in success. */
export function cut(trace: Trace, at: number, limit: number, deadlineMs: number): { made: number; ok: boolean } {
  const k = trace.attempts[at];
  let made = Math.min(k, limit + 1);
  while (made > 1 && trace.starts[at * SLOTS + made - 1] > deadlineMs) made--;
  return { made, ok: trace.success[at] === 1 && made === k };
}

/** The wait before the last of `made` attempts of call-run `at`: the run's total wait. */
export function waitOf(trace: Trace, at: number, made: number): number {
  return trace.waits[at * SLOTS + made - 1];
}

/**
 * The earliest deadline (whole seconds, within `maxTimeMs`) at which at least `target` of the call-runs
 * succeed under `limit`; null when even the longest deadline is not enough.
 */
export function tightestDeadline(trace: Trace, limit: number, target: number, maxTimeMs: number): number | null {
  const total = trace.runs * trace.calls;
  if (total === 0) return maxTimeMs;
  const need = Math.max(1, Math.ceil(target * total - 1e-9));
  const finishes = new Float64Array(total);
  let n = 0;
  for (let at = 0; at < total; at++) {
    const k = trace.attempts[at];
    if (trace.success[at] === 1 && k <= limit + 1) finishes[n++] = trace.starts[at * SLOTS + k - 1];
  }
  if (n < need) return null;
  // Without retries the deadline never comes into play: keep the one in force.
  if (limit === 0) return maxTimeMs;
  // Every success needed (the usual target): the latest one; otherwise the need-th earliest.
  let finish = 0;
  if (need === n) for (let i = 0; i < n; i++) finish = Math.max(finish, finishes[i]);
  else finish = finishes.subarray(0, n).sort()[need - 1];
  return Math.min(maxTimeMs, Math.max(1000, Math.ceil(finish / 1000) * 1000));
}

/** Totals of a policy over a trace: successes, and the summed wait (ms) and requests over all call-runs. */
export function totals(trace: Trace, limit: number, deadlineMs: number): { ok: number; waitMs: number; requests: number } {
  let ok = 0;
  let waitMs = 0;
  let requests = 0;
  for (let at = 0; at < trace.runs * trace.calls; at++) {
    const r = cut(trace, at, limit, deadlineMs);
    if (r.ok) ok++;
    waitMs += waitOf(trace, at, r.made);
    requests += r.made;
  }
  return { ok, waitMs, requests };
}
