import type { Attempt, Classification } from '../core/types.js';
import { type AttemptRecord, type RetryDecision, type RetryPolicy, type StopReason, decide } from '../core/retry-policy.js';

export type { AttemptRecord } from '../core/retry-policy.js';

/** The response of one attempt, as the runner got it. */
export interface SentAttempt {
  attempt: Attempt;
  startedAt: number;
  durationMs: number;
}

/** What the loop needs from the outside world; tests pass fakes. */
export interface RunnerDeps {
  send(signal: AbortSignal): Promise<SentAttempt>;
  classify(attempt: Attempt): Classification;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
  random(): number;
  /** Called before each wait, and once at the end, with the decision. */
  onDecision(record: AttemptRecord, classification: Classification, decision: RetryDecision, elapsedMs: number): void;
}

/** How the loop ended. */
export interface RunOutcome {
  final: Classification;
  last: SentAttempt;
  attempts: AttemptRecord[];
  stop: StopReason | 'interrupted';
  elapsedMs: number;
}

/**
 * Sends, classifies and asks the pure policy whether to repeat; every decision is reported before the
 * wait. An abort during a wait (Ctrl-C) ends the loop at once with the last classification.
 */
export async function runWithRetry(
  method: string, idempotencyKey: boolean, policy: RetryPolicy, deps: RunnerDeps, signal: AbortSignal,
): Promise<RunOutcome> {
  const started = deps.now();
  const attempts: AttemptRecord[] = [];
  for (let n = 1; ; n++) {
    const last = await deps.send(signal);
    const final = deps.classify(last.attempt);
    const elapsedMs = deps.now() - started;
    const decision = decide({ attempt: n, classification: final, method, idempotencyKey, elapsedMs }, policy, deps.random);
    const record: AttemptRecord = {
      attempt: n, status: last.attempt.status, transport: last.attempt.transport?.code ?? null, code: final.code,
      durationMs: last.durationMs, waitMs: decision.retry ? decision.delayMs : null,
      waitReason: decision.retry ? decision.reason : null,
    };
    attempts.push(record);
    deps.onDecision(record, final, decision, elapsedMs);
    if (!decision.retry) return { final, last, attempts, stop: decision.reason, elapsedMs };
    try {
      await deps.sleep(decision.delayMs, signal);
    } catch {
      return { final, last, attempts, stop: 'interrupted', elapsedMs: deps.now() - started };
    }
  }
}

/** A sleep that an AbortSignal cuts short by rejecting. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
