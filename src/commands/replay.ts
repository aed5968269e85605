import type { CommandContext } from '../cli/context.js';
import { EXIT, exitCodeFor, worseExit } from '../core/exit.js';
import { InputError } from '../core/errors.js';
import { abortableSleep } from '../adapters/retry-runner.js';
import { classify } from '../core/classify.js';
import { seededRandom, simulate } from '../core/replay.js';
import { type RetryFlags, type RetryPolicy, attemptRecord, resolvePolicy } from '../core/retry-policy.js';
import { type RecordedCall, expandInputs } from '../input/recordings.js';
import { openRecording } from '../input/recording-stream.js';
import { callRecord } from '../render/call.js';
import { type ReplayRow, ReplayTally, renderCallsTable, renderReplaySummary } from '../render/replay.js';
import { retryLogLine } from '../render/retry-log.js';
import { loadTableMaker } from '../render/table.js';
import { catalogFor } from './catalog-for.js';
import { IncidentView, searchCallOf } from './replay-incident.js';

/** What `replay` was asked. */
export interface ReplayOptions extends RetryFlags {
  files: string[];
  seed: number;
  realtime: boolean;
  /** Write an HTML report of the calls to this file. */
  report?: string;
  /** Draw the calls as timelines instead of the table. */
  timeline?: boolean;
}

/** Classifies every recorded call and, with --retry, simulates the retry policy over it; returns the exit code. */
export async function runReplay(opts: ReplayOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const loaded = await ctx.config();
  const catalog = await catalogFor(ctx);
  const policy = resolvePolicy(opts, loaded?.config ?? null);
  const random = seededRandom(opts.seed);
  const classifyAttempt = (a: Parameters<typeof classify>[0]) => classify(a, { catalog, now: io.now() });
  const files = await expandInputs(opts.files);
  const tally = new ReplayTally();
  const incident = opts.report !== undefined || opts.timeline ? new IncidentView(policy, classifyAttempt) : null;
  let exit: number = EXIT.OK;
  const fileFailed = (e: unknown): null => {
    if (!(e instanceof InputError)) throw e;
    io.err(`${io.stderrIsTTY && files.length > 1 ? '\n' : ''}op-errors: ${e.message}\n`);
    exit = worseExit(exit, EXIT.USAGE);
    return null;
  };
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort());
  try {
    for (const [i, file] of files.entries()) {
      if (io.stderrIsTTY && files.length > 1) io.err(`\rop-errors: reading ${i + 1}/${files.length} files, ${tally.calls} calls so far`);
      const recording = await openRecording(file).catch((e: unknown) => fileFailed(e));
      if (!recording) continue;
      try {
        for await (const call of recording.calls) {
          const summary = (code: string | null) => (code ? catalog.get(code)?.summary : undefined);
          const row = await replayCall(call, file, policy, opts, ctx, classifyAttempt, summary, random, controller.signal);
          if (!row) return EXIT.INTERRUPTED;
          tally.add(row);
          incident?.add(call, row.simulation);
          if (io.stderrIsTTY && tally.calls % 1000 === 0) io.err(`\rop-errors: replayed ${tally.calls} calls (file ${i + 1}/${files.length})`);
          exit = worseExit(exit, exitCodeFor(row.final));
          if (ctx.json) io.out(replayJson(row, call, classifyAttempt));
          // Output drains as it goes, so a recording of any size is replayed in flat memory.
          if (ctx.json) await io.flush();
        }
      } catch (e) {
        fileFailed(e);
      }
      for (const p of recording.problems) io.err(`op-errors: ${p.input} line ${p.line}: ${p.message}\n`);
      if (recording.problems.length > 0) exit = worseExit(exit, EXIT.USAGE);
    }
  } finally {
    stopListening();
  }
  if (io.stderrIsTTY && (files.length > 1 || tally.calls >= 1000)) io.err('\r\x1b[K');
  if (!ctx.json && tally.calls > 0) {
    const table = await loadTableMaker(ctx.theme);
    const calls = incident && opts.timeline ? await incident.timeline(ctx) : renderCallsTable(tally.shown, tally.calls, ctx.theme, table, ctx.width);
    io.out(`${calls}\n${renderReplaySummary(tally, ctx.theme, table)}`);
  }
  if (incident && opts.report !== undefined) await incident.writeReport(opts.report, opts.files, ctx);
  return exit;
}

async function replayCall(
  call: RecordedCall, file: string, policy: RetryPolicy, opts: ReplayOptions, ctx: CommandContext,
  classifyAttempt: (a: RecordedCall['attempts'][number]['attempt']) => ReturnType<typeof classify>,
  summary: (code: string | null) => string | undefined, random: () => number, signal: AbortSignal,
): Promise<ReplayRow | null> {
  const final = classifyAttempt(call.attempts[call.attempts.length - 1].attempt);
  const row: ReplayRow = { method: call.method, url: call.url, input: file, attempts: call.attempts.length, final, simulation: null };
  if (policy.limit <= 0) return row;
  // Captures and bare bodies do not record the method; they are nearly always reads, so GET is assumed.
  const { method, idempotencyKey } = searchCallOf(call);
  const sim = simulate(call.attempts, method, idempotencyKey, policy, classifyAttempt, random);
  const where = call.url === '-' ? `${file} line ${call.attempts[0].source.line} (method not recorded: treated as GET)`
    : `${call.method} ${call.url}`;
  ctx.io.err(`op-errors: replaying ${where} with --retry ${policy.limit}\n`);
  for (const step of sim.steps) {
    const note = step.beyondRecording ? ' [after the recording ends: its last response assumed]' : '';
    ctx.io.err(`op-errors: ${retryLogLine(step.record, step.classification, step.decision, step.elapsedMs, policy, call.method,
      summary(step.classification.code))}${note}\n`);
    if (opts.realtime && step.decision.retry) {
      try {
        await abortableSleep(step.decision.delayMs, signal);
      } catch {
        ctx.io.err('op-errors: interrupted\n');
        return null;
      }
    }
  }
  return { ...row, final: sim.final, simulation: sim };
}

function replayJson(row: ReplayRow, call: RecordedCall, classifyAttempt: (a: RecordedCall['attempts'][number]['attempt']) =>
  ReturnType<typeof classify>): string {
  const last = call.attempts[call.attempts.length - 1];
  const lastIndex = call.attempts.length - 1;
  const attempts = row.simulation ? row.simulation.steps.map((s) => s.record) : call.attempts.map((a, i) =>
    attemptRecord(i + 1, a.attempt, i === lastIndex ? row.final : classifyAttempt(a.attempt), a.durationMs ?? 0, null));
  const line = callRecord(row.final, call.method, call.url, attempts);
  line.source = last.source;
  if (row.simulation) line.simulation = { stop: row.simulation.stop, elapsedMs: row.simulation.elapsedMs, retries: row.simulation.steps.length - 1 };
  return `${JSON.stringify(line)}\n`;
}
