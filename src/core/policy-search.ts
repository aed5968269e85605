import { BASE_DELAYS_MS, CAPS_MS, type SearchCall, MAX_LIMIT, type Trace, tightestDeadline, totals, traceCalls } from './policy-trace.js';
import { type CallVerdict, classifyCalls, replaySurvival, summarise } from './policy-verdicts.js';
import { DEFAULT_POLICY, type RetryPolicy } from './retry-policy.js';
import type { Attempt, Classification } from './types.js';

export type { SearchCall } from './policy-trace.js';
export type { CallVerdict } from './policy-verdicts.js';

const JITTERS: RetryPolicy['jitter'][] = ['none', 'equal', 'full'];
/** How many of the cheapest policies are checked against the replay itself before giving up. */
const MAX_CHECKS = 40;
/** Runs a jittered shape is first screened on, and how many of the best screened shapes are run in full. */
const SCREEN_RUNS = 16;
const KEEP_SHAPES = 8;

/** What the search is asked. */
export interface SearchOptions {
  /** The longest deadline it may suggest (--retry-max-time), ms. */
  maxTimeMs: number;
  retryUnsafe: boolean;
  /** Share of the recoverable calls that must recover, above 0 and at most 1. */
  target: number;
  /** Seeded runs per call for a jittered policy (one is enough without jitter). */
  runs: number;
  seed: number;
  /** Seconds of waiting that one request costs as much as. */
  requestWeight: number;
  classify: (a: Attempt) => Classification;
}

/** The cheapest policy found, with what it achieves; waits are per run, summed over the recoverable calls. */
export interface PolicySuggestion {
  policy: RetryPolicy;
  /** Share of the recoverable calls' seeded runs that recover. */
  survival: number;
  targetMet: boolean;
  /** `replay` of the same calls with this policy and seed recovers the target share (every call at 1). */
  replayVerified: boolean;
  expectedWaitMs: number;
  medianWaitMs: number;
  p95WaitMs: number;
  /** Requests the recoverable calls send, on average per run. */
  requests: number;
  /** expectedWait in seconds + requestWeight × requests. */
  cost: number;
  runs: number;
  /** Policies compared. */
  candidates: number;
  /** One per input call, in order. */
  calls: CallVerdict[];
}

interface Shape { baseDelayMs: number; maxDelayMs: number; jitter: RetryPolicy['jitter'] }
interface Candidate { shape: Shape; limit: number; deadlineMs: number; survival: number; cost: number; feasible: boolean }

/**
 * Finds the cheapest retry policy under which the target share of the recoverable calls recover. Every
 * backoff shape is traced once over seeded runs; each limit and the tightest deadline are read off the
 * trace. The cheapest candidates are then replayed exactly as `replay --seed` would, so the suggestion holds
 * for the replay too. Pure and deterministic for a given seed.
 */
export function suggestPolicy(calls: readonly SearchCall[], opts: SearchOptions): PolicySuggestion {
  const verdicts = classifyCalls(calls, opts.maxTimeMs, opts.retryUnsafe, opts.classify);
  const recoverable = calls.filter((_, i) => verdicts[i].kind === 'recoverable');
  const policyOf = (s: Shape, limit: number, deadlineMs: number): RetryPolicy =>
    ({ ...DEFAULT_POLICY, ...s, limit, maxTimeMs: deadlineMs, retryUnsafe: opts.retryUnsafe });
  let cached: { key: string; trace: Trace } | null = null;
  // A shape that fails more call-runs than the target allows at its most patient cannot win: stop tracing it.
  const allowed = (runs: number) => Math.floor((1 - opts.target) * runs * recoverable.length + 1e-9);
  const traceOf = (s: Shape, runs: number, prune = false): Trace | null => {
    const key = `${s.jitter} ${s.baseDelayMs} ${s.maxDelayMs} ${runs}`;
    if (cached?.key === key) return cached.trace;
    // Keep one trace at a time: a trace of a big incident is megabytes.
    const t = traceCalls(recoverable, policyOf(s, MAX_LIMIT, opts.maxTimeMs), runs, opts.seed, opts.classify, prune ? allowed(runs) : Infinity);
    cached = t ? { key, trace: t } : null;
    return t;
  };
  const runsOf = (s: Shape) => (s.jitter === 'none' ? 1 : opts.runs);
  const costOf = (t: Trace, limit: number, deadlineMs: number) => {
    const sum = totals(t, limit, deadlineMs);
    const cost = (sum.waitMs / 1000 + opts.requestWeight * sum.requests) / t.runs;
    return { cost, survival: t.calls === 0 ? 1 : sum.ok / (t.runs * t.calls) };
  };
  const candidatesOf = (shape: Shape, trace: Trace): Candidate[] => {
    const out: Candidate[] = [];
    for (let limit = recoverable.length === 0 ? 0 : 1; limit <= (recoverable.length === 0 ? 0 : MAX_LIMIT); limit++) {
      const tight = tightestDeadline(trace, limit, opts.target, opts.maxTimeMs);
      const deadlineMs = tight ?? opts.maxTimeMs;
      out.push({ shape, limit, deadlineMs, feasible: tight !== null, ...costOf(trace, limit, deadlineMs) });
    }
    return out;
  };

  // With nothing to recover, retrying off is the cheapest policy: only the limit matters.
  const tried: Shape[] = recoverable.length === 0
    ? [{ baseDelayMs: DEFAULT_POLICY.baseDelayMs, maxDelayMs: DEFAULT_POLICY.maxDelayMs, jitter: 'none' }]
    : shapes(opts.maxTimeMs);
  const rank = (prune: boolean) => {
    const out: Candidate[] = [];
    const screened: { shape: Shape; best: Candidate }[] = [];
    for (const shape of tried) {
      const exact = runsOf(shape) <= SCREEN_RUNS;
      const trace = traceOf(shape, exact ? runsOf(shape) : SCREEN_RUNS, prune);
      if (!trace) continue;
      const found = candidatesOf(shape, trace);
      if (exact) out.push(...found);
      else screened.push({ shape, best: found.sort(byPreference)[0] });
    }
    // Jittered shapes are screened on a few runs; only the most promising are run in full.
    screened.sort((a, b) => byPreference(a.best, b.best));
    for (const { shape } of screened.slice(0, KEEP_SHAPES)) {
      const trace = traceOf(shape, opts.runs, prune);
      if (trace) out.push(...candidatesOf(shape, trace));
    }
    return out;
  };
  // When no shape meets the target, compare them all by how many calls they save.
  let ranked = rank(true);
  if (ranked.length === 0) ranked = rank(false);
  ranked.sort(byPreference);

  // The replay uses one jitter stream for every call in order: check the best candidates against it, and
  // stretch the deadline if that stream needs longer; a candidate whose cost grows goes back in line.
  let chosen: Candidate | null = null;
  for (let checks = 0; checks < MAX_CHECKS && ranked.length > 0 && ranked[0].feasible; checks++) {
    const c = ranked.shift()!;
    const stretched = replaySurvival(calls, verdicts, policyOf(c.shape, c.limit, opts.maxTimeMs), opts.seed, opts.classify, opts.target);
    if (stretched === null) continue;
    const deadlineMs = c.limit === 0 ? c.deadlineMs : Math.max(c.deadlineMs, stretched);
    const exact = replaySurvival(calls, verdicts, policyOf(c.shape, c.limit, deadlineMs), opts.seed, opts.classify, opts.target);
    if (exact === null) continue;
    if (deadlineMs === c.deadlineMs) {
      chosen = c;
      break;
    }
    const again = { ...c, deadlineMs, ...costOf(traceOf(c.shape, runsOf(c.shape))!, c.limit, deadlineMs) };
    if (ranked.length === 0 || byPreference(again, ranked[0]) <= 0) {
      chosen = again;
      break;
    }
    const place = ranked.findIndex((r) => byPreference(again, r) <= 0);
    ranked.splice(place === -1 ? ranked.length : place, 0, again);
  }
  const verified = chosen !== null;
  chosen ??= ranked.sort(byPreference)[0];
  const policy = policyOf(chosen.shape, chosen.limit, chosen.deadlineMs);
  const trace = traceOf(chosen.shape, runsOf(chosen.shape))!;
  const stats = summarise(trace, chosen.limit, chosen.deadlineMs);
  let r = 0;
  const withStats = verdicts.map((v) => (v.kind === 'recoverable' ? { ...v, ...stats.perCall[r++] } : v));
  return {
    policy, survival: chosen.survival, targetMet: chosen.feasible, replayVerified: verified,
    expectedWaitMs: stats.expectedWaitMs, medianWaitMs: stats.medianWaitMs, p95WaitMs: stats.p95WaitMs,
    requests: stats.requests, cost: chosen.cost, runs: trace.runs, candidates: recoverable.length === 0 ? 1 : tried.length * MAX_LIMIT,
    calls: withStats,
  };
}

/** Every backoff shape the search tries: base delay, cap on one wait (at least the base), jitter. */
function shapes(maxTimeMs: number): Shape[] {
  const out: Shape[] = [];
  for (const jitter of JITTERS) {
    for (const baseDelayMs of BASE_DELAYS_MS) {
      for (const maxDelayMs of CAPS_MS) {
        if (maxDelayMs >= baseDelayMs && (maxDelayMs <= maxTimeMs || maxDelayMs === CAPS_MS[0])) out.push({ baseDelayMs, maxDelayMs, jitter });
      }
    }
  }
  return out;
}

/**
 * Meets the target first, then cheapest, then fewer retries. When the incident cannot tell shapes apart (the
 * server set every wait), the one nearest the default policy wins: nothing the incident did not ask for changes.
 */
function byPreference(a: Candidate, b: Candidate): number {
  if (a.feasible !== b.feasible) return a.feasible ? -1 : 1;
  if (!a.feasible && a.survival !== b.survival) return b.survival - a.survival;
  return a.cost - b.cost || a.limit - b.limit || fromDefault(a.shape) - fromDefault(b.shape) ||
    JITTERS.indexOf(a.shape.jitter) - JITTERS.indexOf(b.shape.jitter) || a.shape.baseDelayMs - b.shape.baseDelayMs ||
    a.shape.maxDelayMs - b.shape.maxDelayMs || a.deadlineMs - b.deadlineMs;
}

/** How far a shape is from the default policy's: doublings of the first wait and the cap, and a jitter change. */
function fromDefault(s: Shape): number {
  return Math.abs(Math.log2(s.baseDelayMs / DEFAULT_POLICY.baseDelayMs)) + Math.abs(Math.log2(s.maxDelayMs / DEFAULT_POLICY.maxDelayMs)) +
    (s.jitter === DEFAULT_POLICY.jitter ? 0 : 1);
}
