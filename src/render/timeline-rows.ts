import type { Simulation } from '../core/replay.js';
import type { RetryPolicy, WaitReason } from '../core/retry-policy.js';
import type { Attempt, Classification } from '../core/types.js';
import type { RecordedCall } from '../core/recording.js';
import { outcomeWords } from './retry-log.js';

/** How an attempt ended, as the report colours it. */
export type MarkOutcome = 'success' | 'retryable' | 'not-retryable' | 'transport';

/** One attempt on a call's timeline; times are ms since the call's first attempt. */
export interface TimelineMark {
  atMs: number;
  durationMs: number;
  outcome: MarkOutcome;
  /** `HTTP 503 SERVICE_UNAVAILABLE`, `ECONNRESET (CONNECTION_RESET)`. */
  label: string;
  /** A simulated attempt past the end of the recording, which met its last response. */
  assumed: boolean;
}

/** A wait between two attempts: its start, length and why it was that long. */
export interface TimelineWait {
  fromMs: number;
  ms: number;
  /** `recorded` for a recorded gap the response did not ask for. */
  reason: WaitReason | 'recorded';
}

/** The attempts and waits of one lane: what the recording holds, or what the policy would have done. */
export interface TimelineLane {
  marks: TimelineMark[];
  waits: TimelineWait[];
}

/** One call's row in the timeline and the report. */
export interface TimelineRow {
  /** 1-based position of the call in the replay. */
  index: number;
  method: string;
  url: string;
  source: { input: string; line: number };
  /** Wall-clock start of the first recorded attempt, when the recording has times. */
  startedAt: number | null;
  /** False for captures without timestamps: the recorded lane then shows order only. */
  timed: boolean;
  recorded: TimelineLane;
  simulated: TimelineLane | null;
  /** The policy's deadline from the first attempt, when a policy was simulated. */
  deadlineMs: number | null;
  final: Classification;
  simulation: Simulation | null;
}

/** The colour class of an outcome. */
export function outcomeOf(transport: boolean, c: Classification): MarkOutcome {
  if (c.ok) return 'success';
  if (transport) return 'transport';
  return c.retry === 'backoff' ? 'retryable' : 'not-retryable';
}

/** Builds a call's row from its recording and, when a policy ran, its simulation. */
export function timelineRow(
  index: number, call: RecordedCall, classify: (a: Attempt) => Classification, simulation: Simulation | null, policy: RetryPolicy | null,
): TimelineRow {
  const first = call.attempts[0];
  const timed = call.attempts.every((a) => a.startedAt !== null);
  const recorded: TimelineLane = { marks: [], waits: [] };
  call.attempts.forEach((a, i) => {
    const c = classify(a.attempt);
    // Without timestamps only the order is known: attempts are drawn a second apart, and the row says so.
    const atMs = timed ? a.startedAt! - first.startedAt! : i * 1000;
    const durationMs = timed ? a.durationMs ?? 0 : 0;
    const record = { status: a.attempt.status, transport: a.attempt.transport?.code ?? null, code: c.code };
    recorded.marks.push({ atMs, durationMs, outcome: outcomeOf(a.attempt.transport !== undefined, c), label: outcomeWords({ ...record, attempt: i + 1, durationMs, waitMs: null, waitReason: null }), assumed: false });
    const next = call.attempts[i + 1];
    if (next && timed) {
      const gap = next.startedAt! - a.startedAt! - durationMs;
      if (gap > 0) recorded.waits.push({ fromMs: atMs + durationMs, ms: gap, reason: c.retryAfterSource ?? 'recorded' });
    }
  });
  const simulated = simulation ? laneOf(simulation) : null;
  const deadlineMs = simulation && policy && policy.limit > 0 ? policy.maxTimeMs : null;
  return {
    index, method: call.method, url: call.url, source: first.source, startedAt: timed ? first.startedAt : null, timed,
    recorded, simulated, deadlineMs, final: simulation?.final ?? classify(call.attempts[call.attempts.length - 1].attempt), simulation,
  };
}

function laneOf(sim: Simulation): TimelineLane {
  const lane: TimelineLane = { marks: [], waits: [] };
  for (const step of sim.steps) {
    const atMs = step.elapsedMs - step.record.durationMs;
    const outcome = outcomeOf(step.record.transport !== null, step.classification);
    lane.marks.push({ atMs, durationMs: step.record.durationMs, outcome, label: outcomeWords(step.record), assumed: step.beyondRecording });
    if (step.decision.retry) lane.waits.push({ fromMs: step.elapsedMs, ms: step.decision.delayMs, reason: step.decision.reason });
  }
  return lane;
}

/** Where a row's time axis ends: its last attempt, and the deadline when that is near. */
export function axisEnd(row: TimelineRow): number {
  const lanes = [row.recorded, ...(row.simulated ? [row.simulated] : [])];
  const end = Math.max(1000, ...lanes.flatMap((l) => [...l.marks.map((m) => m.atMs + m.durationMs), ...l.waits.map((w) => w.fromMs + w.ms)]));
  return row.deadlineMs !== null && row.deadlineMs <= end * 1.5 ? Math.max(end, row.deadlineMs) : end;
}
