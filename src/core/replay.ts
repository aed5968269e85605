import type { RecordedExchange } from './recording.js';
import { type AttemptRecord, type RetryDecision, type RetryPolicy, type StopReason, decide } from './retry-policy.js';
import type { Attempt, Classification } from './types.js';

const TIMELINE_SLACK_MS = 250;

/** One simulated attempt: what the recording answered then, and what the policy decided. */
export interface SimulatedStep {
  record: AttemptRecord;
  classification: Classification;
  decision: RetryDecision;
  /** Virtual time since the first attempt, after this attempt. */
  elapsedMs: number;
  /** The answer came from past the end of the recording (its last response, assumed to persist). */
  beyondRecording: boolean;
}

/** How the policy would have fared against the recorded call. */
export interface Simulation {
  steps: SimulatedStep[];
  final: Classification;
  stop: StopReason | 'recording-ended';
  elapsedMs: number;
}

/**
 * Runs the retry policy against a recorded call on a virtual clock, never sleeping. When every attempt has
 * a start time, the recording is a timeline: an attempt at virtual time t gets the response that was in
 * effect t after the first one (so a different backoff meets a different moment of the outage). Without
 * times, attempt n gets the n-th recorded response.
 */
export function simulate(
  attempts: readonly RecordedExchange[], method: string, idempotencyKey: boolean, policy: RetryPolicy,
  classify: (a: Attempt) => Classification, random: () => number,
): Simulation {
  const first = attempts[0]?.startedAt ?? null;
  const timeline = first !== null && attempts.every((a) => a.startedAt !== null);
  // A simulated attempt within a second of the last recorded one still meets the recorded moment.
  const lastOffset = timeline ? attempts[attempts.length - 1].startedAt! - first! + (attempts[attempts.length - 1].durationMs ?? 0) + 1000 : 0;
  const steps: SimulatedStep[] = [];
  let clock = 0;
  for (let n = 1; ; n++) {
    let index = n - 1;
    if (timeline) {
      index = 0;
      // A recorded retry starts a few ms after the wait it followed: the slack lets the same wait meet it.
      while (index + 1 < attempts.length && attempts[index + 1].startedAt! - first! <= clock + TIMELINE_SLACK_MS) index++;
    } else if (index >= attempts.length) {
      const last = steps[steps.length - 1];
      return { steps, final: last.classification, stop: 'recording-ended', elapsedMs: clock };
    }
    const recorded = attempts[index];
    const classification = classify(recorded.attempt);
    const beyondRecording = timeline && index === attempts.length - 1 && clock > lastOffset;
    clock += recorded.durationMs ?? 0;
    const decision = decide({ attempt: n, classification, method, idempotencyKey, elapsedMs: clock }, policy, random);
    const record: AttemptRecord = {
      attempt: n, status: recorded.attempt.status, transport: recorded.attempt.transport?.code ?? null,
      code: classification.code, durationMs: recorded.durationMs ?? 0,
      waitMs: decision.retry ? decision.delayMs : null, waitReason: decision.retry ? decision.reason : null,
    };
    steps.push({ record, classification, decision, elapsedMs: clock, beyondRecording });
    if (!decision.retry) return { steps, final: classification, stop: decision.reason, elapsedMs: clock };
    clock += decision.delayMs;
  }
}

/** A small seeded generator, so a replay's jitter is the same every time it runs. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
