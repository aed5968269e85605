import type { Settings } from './settings.js';
import type { Attempt, Classification, WaitSource } from './types.js';

/** How `call --retry` (and `replay --retry`) repeats requests. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  limit: number;
  /** First backoff wait, in ms; each later one doubles. */
  baseDelayMs: number;
  /** Cap on one computed backoff wait, in ms. */
  maxDelayMs: number;
  /** Total deadline from the first attempt, in ms; null for none. */
  maxTimeMs: number | null;
  jitter: 'full' | 'equal' | 'none';
  /** Retry POST and PATCH on any backoff outcome (the caller vouches that repeating is safe). */
  retryUnsafe: boolean;
}

/** The default policy: off until --retry, 1 s base, 30 s cap, 5 min deadline, full jitter. */
export const DEFAULT_POLICY: RetryPolicy = {
  limit: 0, baseDelayMs: 1000, maxDelayMs: 30_000, maxTimeMs: 300_000, jitter: 'full', retryUnsafe: false,
};

/** The policy in force, from the resolved settings (flags over the config file over the defaults). */
export function policyFrom(settings: Pick<Settings, 'retry' | 'retryBaseDelay' | 'retryMaxDelay' | 'retryMaxTime' | 'jitter'>, retryUnsafe: boolean): RetryPolicy {
  return {
    ...DEFAULT_POLICY, limit: settings.retry, baseDelayMs: Math.round(settings.retryBaseDelay * 1000), maxDelayMs: Math.round(settings.retryMaxDelay * 1000),
    maxTimeMs: Math.round(settings.retryMaxTime * 1000), jitter: settings.jitter, retryUnsafe,
  };
}

/** What the policy is told about the attempt that just finished. */
export interface RetryInput {
  /** 1-based number of the attempt that just finished. */
  attempt: number;
  classification: Classification;
  method: string;
  /** The request carries an Idempotency-Key, so repeating it cannot apply it twice. */
  idempotencyKey: boolean;
  /** Time since the first attempt started, in ms. */
  elapsedMs: number;
}

/** Why the next wait is as long as it is. */
export type WaitReason = WaitSource | 'backoff';

/** One attempt as `call --json` and `replay --json` report it. */
export interface AttemptRecord {
  attempt: number;
  status: number | null;
  /** The transport error (ECONNRESET...) when no response came back. */
  transport: string | null;
  code: string | null;
  durationMs: number;
  /** The wait before the next attempt, and why; null after the last one. */
  waitMs: number | null;
  waitReason: WaitReason | null;
}

/** The one way an AttemptRecord is built: what came back, its code, and the wait the decision chose (if any). */
export function attemptRecord(
  n: number, attempt: Attempt, classification: Classification, durationMs: number, decision: RetryDecision | null,
): AttemptRecord {
  const retry = decision?.retry === true ? decision : null;
  return {
    attempt: n, status: attempt.status, transport: attempt.transport?.code ?? null, code: classification.code,
    durationMs, waitMs: retry ? retry.delayMs : null, waitReason: retry ? retry.reason : null,
  };
}

/** Why the loop stops. */
export type StopReason = 'success' | 'not-retryable' | 'retry-off' | 'limit' | 'unsafe-method' | 'deadline';

/** The policy's answer: wait and repeat, or stop. */
export type RetryDecision =
  | { retry: true; delayMs: number; reason: WaitReason }
  | { retry: false; reason: StopReason; /** the wait that would have passed the deadline */ delayMs?: number };

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** True for methods RFC 9110 calls idempotent. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * Decides whether to repeat a request and how long to wait first. Pure: `random` supplies the jitter.
 * A wait the server asks for (Retry-After, body retry_after, X-RateLimit-Reset) replaces the computed one.
 */
export function decide(input: RetryInput, policy: RetryPolicy, random: () => number): RetryDecision {
  const c = input.classification;
  if (c.ok) return { retry: false, reason: 'success' };
  if (c.retry !== 'backoff') return { retry: false, reason: 'not-retryable' };
  // Checked before --retry is: exit 75 (retryable) must mean that repeating the same command is safe.
  if (!policy.retryUnsafe && unsafeToRepeat(input.method, input.idempotencyKey, c)) {
    return { retry: false, reason: 'unsafe-method' };
  }
  if (policy.limit <= 0) return { retry: false, reason: 'retry-off' };
  if (input.attempt > policy.limit) return { retry: false, reason: 'limit' };
  const asked = c.retryAfter !== null ? { delayMs: Math.round(c.retryAfter * 1000), reason: c.retryAfterSource ?? 'retry-after' } : null;
  const { delayMs, reason } = asked ?? { delayMs: backoffDelay(input.attempt, policy, random), reason: 'backoff' as const };
  if (policy.maxTimeMs !== null && input.elapsedMs + delayMs > policy.maxTimeMs) {
    return { retry: false, reason: 'deadline', delayMs };
  }
  return { retry: true, delayMs, reason };
}

/** Exponential backoff for the wait after `attempt`: base × 2^(attempt-1), capped, then jittered. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  if (policy.jitter === 'none') return exp;
  const raw = random();
  const r = Number.isFinite(raw) ? Math.min(Math.max(raw, 0), 1) : 1;
  return Math.round(policy.jitter === 'full' ? r * exp : exp / 2 + (r * exp) / 2);
}

/**
 * Whether repeating a request could make the server act twice: a method that is not idempotent, sent without an
 * Idempotency-Key, to an outcome after which the server may have acted on it.
 */
export function unsafeToRepeat(method: string, idempotencyKey: boolean, c: Classification): boolean {
  return !isIdempotent(method) && !idempotencyKey && !notProcessed(c);
}

/** Outcomes where the server cannot have acted on the request, so even POST may be repeated. */
function notProcessed(c: Classification): boolean {
  return c.status === 429 || c.code === 'CONNECTION_REFUSED';
}
