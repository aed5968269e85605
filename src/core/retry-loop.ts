import { type AttemptRecord, type RetryDecision, type RetryPolicy, type StopReason, attemptRecord, decide } from './retry-policy.js';
import type { Attempt, Classification } from './types.js';

/** Node's timers overflow past this many ms (they fire after 1 ms): no wait or timeout may exceed it in one timer. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wall clock of `call`: real time, real waits; a rejected sleep means the run was interrupted. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** The clock of `replay` and of policy searches: time moves only when told, and a wait costs nothing. */
export class VirtualClock {
  private t: number;

  constructor(start = 0) {
    this.t = start;
  }

  /** The virtual time, in ms. */
  now(): number {
    return this.t;
  }

  /** Moves time forward at once: a simulated wait or the duration of a recorded attempt. */
  sleep(ms: number): void {
    this.t += ms;
  }
}

/** What the loop asks `send` for: attempt n, which must give up after `timeoutMs` (the deadline included). */
export interface AttemptRequest {
  attempt: number;
  timeoutMs: number;
}

/** What one attempt got; `send` may add its own fields (the interaction it recorded, the recorded moment...). */
export interface SentAttempt {
  attempt: Attempt;
  durationMs: number;
}

/** The call whose attempts the loop repeats, and the policy that decides. */
export interface LoopSpec {
  method: string;
  idempotencyKey: boolean;
  policy: RetryPolicy;
  /** The timeout of one attempt, in ms, before the deadline shortens it. */
  timeoutMs: number;
  classify(attempt: Attempt): Classification;
  random(): number;
  /** Told of each attempt and decision before the wait that follows it. */
  onStep?(step: LoopStep<SentAttempt>): void;
}

/** One attempt, what it was classified as and what the policy decided after it. */
export interface LoopStep<S extends SentAttempt> {
  sent: S;
  record: AttemptRecord;
  classification: Classification;
  decision: RetryDecision;
  /** Time since the first attempt started, after this attempt. */
  elapsedMs: number;
}

/** How the loop ended: interrupted during a wait, out of recording (replay), or as the policy decided. */
export type LoopStop = StopReason | 'interrupted' | 'recording-ended';

/** Every attempt in order, the final classification and why the loop stopped. */
export interface LoopOutcome<S extends SentAttempt> {
  steps: LoopStep<S>[];
  final: Classification;
  last: S;
  stop: LoopStop;
  elapsedMs: number;
}

type Effect = { kind: 'send'; request: AttemptRequest } | { kind: 'sleep'; ms: number };
/** What a driver hands back: the attempt sent (null: nothing more to send), or whether the wait completed. */
type Reply = SentAttempt | null | boolean;

/**
 * The one retry loop, as a generator of effects (send, sleep) so that the same steps run on a real clock with
 * promises and on a virtual clock without any: replay's simulation cannot drift from what call does.
 */
function* retryLoop(spec: LoopSpec, now: () => number): Generator<Effect, LoopOutcome<SentAttempt>, Reply> {
  const { policy } = spec;
  const started = now();
  const steps: LoopStep<SentAttempt>[] = [];
  for (let n = 1; ; n++) {
    const left = policy.limit > 0 && policy.maxTimeMs !== null ? policy.maxTimeMs - (now() - started) : Infinity;
    const timeoutMs = Math.max(1, Math.min(spec.timeoutMs, left, MAX_TIMER_MS));
    const sent = (yield { kind: 'send', request: { attempt: n, timeoutMs } }) as SentAttempt | null;
    if (sent === null) {
      const last = steps[steps.length - 1];
      return { steps, final: last.classification, last: last.sent, stop: 'recording-ended', elapsedMs: now() - started };
    }
    const classification = spec.classify(sent.attempt);
    const elapsedMs = now() - started;
    const decision = decide({ attempt: n, classification, method: spec.method, idempotencyKey: spec.idempotencyKey, elapsedMs }, policy, spec.random);
    const step = { sent, record: attemptRecord(n, sent.attempt, classification, sent.durationMs, decision), classification, decision, elapsedMs };
    steps.push(step);
    spec.onStep?.(step);
    if (!decision.retry) return { steps, final: classification, last: sent, stop: decision.reason, elapsedMs };
    const completed = (yield { kind: 'sleep', ms: decision.delayMs }) as boolean;
    if (!completed) return { steps, final: classification, last: sent, stop: 'interrupted', elapsedMs: now() - started };
  }
}

/** Runs the loop on a real clock: `send` performs the request; a sleep that rejects ends the loop as interrupted. */
export async function runRetryLoop<S extends SentAttempt>(
  spec: LoopSpec, clock: Clock, send: (request: AttemptRequest) => Promise<S>,
): Promise<LoopOutcome<S>> {
  const loop = retryLoop(spec, () => clock.now());
  let effect = loop.next();
  while (!effect.done) {
    if (effect.value.kind === 'send') effect = loop.next(await send(effect.value.request));
    else effect = loop.next(await clock.sleep(effect.value.ms).then(() => true, () => false));
  }
  return effect.value as LoopOutcome<S>;
}

/**
 * Runs the loop on a virtual clock, synchronously: `send` answers from a recording (advancing the clock by the
 * attempt's duration) or returns null when the recording has nothing more; waits only move the clock.
 */
export function simulateRetryLoop<S extends SentAttempt>(
  spec: LoopSpec, clock: VirtualClock, send: (request: AttemptRequest) => S | null,
): LoopOutcome<S> {
  const loop = retryLoop(spec, () => clock.now());
  let effect = loop.next();
  while (!effect.done) {
    if (effect.value.kind === 'send') effect = loop.next(send(effect.value.request));
    else {
      clock.sleep(effect.value.ms);
      effect = loop.next(true);
    }
  }
  return effect.value as LoopOutcome<S>;
}
