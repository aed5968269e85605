import type { CommandContext } from './context.js';
import { EXIT, exitCodeFor, exitForSignal, worseExit } from '../core/exit.js';
import { abortableSleep } from '../adapters/retry-runner.js';
import type { Catalog } from '../core/catalog.js';
import { classify } from '../core/classify.js';
import type { RecordedCall } from '../core/recording.js';
import { seededRandom, simulate } from '../core/replay.js';
import { type RetryPolicy, attemptRecord, policyFrom } from '../core/retry-policy.js';
import { resolveSettings } from '../core/settings.js';
import type { Attempt, Classification } from '../core/types.js';
import { callRecord } from '../render/call.js';
import { encodeJson } from '../render/json.js';
import { type ReplayRow, ReplayTally, renderCallsTable, renderReplaySummary } from '../render/replay.js';
import { retryLogLine } from '../render/retry-log.js';
import { catalogFor } from './catalog-for.js';
import { readRecordedCalls } from './recorded-calls.js';
import { IncidentView, searchCallOf } from './replay-incident.js';
import type { RetryOptions } from './retry-options.js';

/** Calls whose JSON records are written at once. */
const FLUSH_EVERY = 256;

/** What `replay` was asked. */
export interface ReplayOptions extends RetryOptions {
  files: string[];
  seed: number;
  realtime?: boolean;
  /** Write an HTML report of the calls to this file. */
  report?: string;
  /** Draw the calls as timelines instead of the table. */
  timeline?: boolean;
}

/** Classifies every recorded call and, with --retry, simulates the retry policy over it; returns the exit code. */
export async function runReplay(opts: ReplayOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const config = (await ctx.config())?.config ?? null;
  const policy = policyFrom(resolveSettings(opts, config, io.env), opts.retryUnsafe === true);
  const replayer = new Replayer(ctx, await catalogFor(ctx), policy, opts);
  const tally = new ReplayTally();
  const incident = opts.report !== undefined || opts.timeline ? new IncidentView(policy, (a) => replayer.classify(a)) : null;
  let exit: number = EXIT.OK;
  let fileCount = 0;
  const stopListening = io.onInterrupt((s) => {
    replayer.signal = s;
    replayer.controller.abort();
  });
  try {
    const read = await readRecordedCalls(opts.files, io, async (call, file, at) => {
      const row = await replayer.replay(call, file);
      if (!row) return false;
      tally.add(row);
      incident?.add(call, row.simulation);
      if (io.stderrIsTTY && tally.calls % 1000 === 0) io.err(`\rop-errors: replayed ${tally.calls} calls (file ${at.index + 1}/${at.count})`);
      exit = worseExit(exit, exitCodeFor(row.final));
      // Output drains as it goes, so a recording of any size is replayed in flat memory.
      if (ctx.json) {
        io.out(encodeJson(replayer.record(row, call)));
        // In batches: one write per call cost half the time of a large replay.
        if (opts.realtime || tally.calls % FLUSH_EVERY === 0) await io.flush();
      }
    }, ({ index, count }) => {
      fileCount = count;
      if (io.stderrIsTTY && count > 1) io.err(`\rop-errors: reading ${index + 1}/${count} files, ${tally.calls} calls so far`);
    });
    if (read.stopped) return exitForSignal(replayer.signal);
    exit = worseExit(exit, read.exit);
  } finally {
    stopListening();
  }
  if (io.stderrIsTTY && (fileCount > 1 || tally.calls >= 1000)) io.err('\r\x1b[K');
  if (!ctx.json && tally.calls > 0) {
    const calls = incident && opts.timeline ? await incident.timeline(ctx) : renderCallsTable(tally.shown, tally.calls, ctx.theme, ctx.width);
    io.out(`${calls}\n${renderReplaySummary(tally, ctx.theme, ctx.width)}`);
  }
  if (incident && opts.report !== undefined) await incident.writeReport(opts.report, opts.files, ctx);
  return exit;
}

/** Replays one recorded call after another with the same catalog, policy, jitter source and log. */
class Replayer {
  readonly controller = new AbortController();
  /** The signal that interrupted the replay, for its exit code. */
  signal: string | undefined;
  private readonly random: () => number;

  constructor(
    private readonly ctx: CommandContext, private readonly catalog: Catalog, private readonly policy: RetryPolicy,
    private readonly opts: ReplayOptions,
  ) {
    this.random = seededRandom(opts.seed);
  }

  /** Classifies one attempt as the recording has it. */
  classify(a: Attempt): Classification {
    return classify(a, { catalog: this.catalog, now: this.ctx.io.now() });
  }

  /** The row of one call: its final classification and, with --retry, the simulation; null when interrupted. */
  async replay(call: RecordedCall, file: string): Promise<ReplayRow | null> {
    const final = this.classify(call.attempts[call.attempts.length - 1].attempt);
    const row: ReplayRow = { method: call.method, url: call.url, input: file, attempts: call.attempts.length, final, simulation: null };
    const { policy } = this;
    if (policy.limit <= 0) return row;
    // Captures and bare bodies do not record the method; they are nearly always reads, so GET is assumed.
    const { method, idempotencyKey } = searchCallOf(call);
    const sim = simulate(call.attempts, method, idempotencyKey, policy, (a) => this.classify(a), this.random);
    const where = call.url === '-' ? `${file === '-' ? 'stdin' : file} line ${call.attempts[0].source.line} (method not recorded: treated as GET)`
      : `${call.method} ${call.url}`;
    const { io } = this.ctx;
    io.err(`op-errors: replaying ${where} with --retry ${policy.limit}\n`);
    for (const step of sim.steps) {
      const note = step.beyondRecording ? ' [after the recording ends: its last response assumed]' : '';
      const summary = step.classification.code ? this.catalog.get(step.classification.code)?.summary : undefined;
      io.err(`op-errors: ${retryLogLine(step.record, step.classification, step.decision, step.elapsedMs, policy, call.method, summary)}${note}\n`);
      if (this.opts.realtime && step.decision.retry) {
        try {
          await abortableSleep(step.decision.delayMs, this.controller.signal);
        } catch {
          io.err('op-errors: interrupted\n');
          return null;
        }
      }
    }
    return { ...row, final: sim.final, simulation: sim };
  }

  /** The JSON record of a replayed call: call's record, its source and, with --retry, the simulation. */
  record(row: ReplayRow, call: RecordedCall): Record<string, unknown> {
    const last = call.attempts.length - 1;
    const attempts = row.simulation ? row.simulation.steps.map((s) => s.record) : call.attempts.map((a, i) =>
      attemptRecord(i + 1, a.attempt, i === last ? row.final : this.classify(a.attempt), a.durationMs ?? 0, null));
    const line = callRecord(row.final, call.method, call.url, attempts);
    line.source = call.attempts[last].source;
    if (row.simulation) line.simulation = { stop: row.simulation.stop, elapsedMs: row.simulation.elapsedMs, retries: row.simulation.steps.length - 1 };
    return line;
  }
}
