import type { RecordedExchange } from './recording.js';
import { type AttemptRequest, type SentAttempt, VirtualClock, simulateRetryLoop } from './retry-loop.js';
import type { AttemptRecord, RetryDecision, RetryPolicy, StopReason } from './retry-policy.js';
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

interface ReplayedAttempt extends SentAttempt {
  beyondRecording: boolean;
}

/**
 * Runs the retry policy against a recorded call on a virtual clock, never sleeping, through the same loop as
 * `call`. When every attempt has a start time, the recording is a timeline: an attempt at virtual time t gets
 * the response that was in effect t after the first one (so a different backoff meets a different moment of the
 * outage). Without times, attempt n gets the n-th recorded response.
 */
export function simulate(
  attempts: readonly RecordedExchange[], method: string, idempotencyKey: boolean, policy: RetryPolicy,
  classify: (a: Attempt) => Classification, random: () => number,
): Simulation {
  const first = attempts[0]?.startedAt ?? null;
  const timeline = first !== null && attempts.every((a) => a.startedAt !== null);
  const last = attempts[attempts.length - 1];
  // A simulated attempt within a second of the last recorded one still meets the recorded moment.
  const lastOffset = timeline ? last.startedAt! - first! + (last.durationMs ?? 0) + 1000 : 0;
  const clock = new VirtualClock();
  const send = ({ attempt }: AttemptRequest): ReplayedAttempt | null => {
    const at = clock.now();
    let index = attempt - 1;
    if (timeline) {
      index = 0;
      // A recorded retry starts a few ms after the wait it followed: the slack lets the same wait meet it.
      while (index + 1 < attempts.length && attempts[index + 1].startedAt! - first! <= at + TIMELINE_SLACK_MS) index++;
    } else if (index >= attempts.length) return null;
    const recorded = attempts[index];
    const durationMs = recorded.durationMs ?? 0;
    clock.sleep(durationMs);
    return { attempt: recorded.attempt, durationMs, beyondRecording: timeline && index === attempts.length - 1 && at > lastOffset };
  };
  const outcome = simulateRetryLoop({ method, idempotencyKey, policy, timeoutMs: Infinity, classify, random }, clock, send);
  const steps = outcome.steps.map(({ record, classification, decision, elapsedMs, sent }) =>
    ({ record, classification, decision, elapsedMs, beyondRecording: sent.beyondRecording }));
  // A virtual wait always completes, so the loop never stops as interrupted here.
  return { steps, final: outcome.final, stop: outcome.stop as Simulation['stop'], elapsedMs: outcome.elapsedMs };
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
