import { writeFile } from 'node:fs/promises';
import type { LoadedConfig } from '../adapters/config.js';
import type { Catalog } from '../core/catalog.js';
import { classify } from '../core/classify.js';
import { InputError, UsageError } from '../core/errors.js';
import { EXIT, worseExit } from '../core/exit.js';
import { Redactor } from '../core/redact.js';
import { type SearchCall, suggestPolicy } from '../core/policy-search.js';
import type { Simulation } from '../core/replay.js';
import { type RetryPolicy, policyFrom } from '../core/retry-policy.js';
import { resolveSettings } from '../core/settings.js';
import { type RecordingsIo, readRecordedCalls } from './recorded-calls.js';
import type { RetryOptions } from './retry-options.js';
import type { Attempt, Classification } from '../core/types.js';
import type { RecordedCall } from '../core/recording.js';
import { renderSuggestion, suggestionJson } from '../render/policy-suggestion.js';
import { renderReport } from '../render/report-html.js';
import { callLabel, renderTimeline } from '../render/timeline.js';
import { type TimelineRow, timelineRow } from '../render/timeline-rows.js';
import type { Theme } from '../render/theme.js';

/** What these features use of the command context; declared here, so this module needs nothing from the CLI. */
export interface IncidentContext {
  io: RecordingsIo & { out(s: string): void; now(): number; env: Record<string, string | undefined> };
  theme: Theme;
  json: boolean;
  debug: boolean;
  width: number;
  config(): Promise<LoadedConfig | null>;
}

/** What `replay --suggest-policy` was asked. */
export interface SuggestOptions extends RetryOptions {
  files: string[];
  seed: number;
  /** Share of the recoverable calls that must recover. */
  target: number;
  runs: number;
  /** Seconds of waiting one request costs as much as. */
  requestWeight: number;
}

/** How replay and the search see a recorded call: captures record no method and are nearly always reads, so GET. */
export function searchCallOf(call: RecordedCall): SearchCall {
  return { attempts: call.attempts, method: call.method === '-' ? 'GET' : call.method, idempotencyKey: call.attempts.some((a) => a.idempotencyKey === true) };
}

/** Searches the retry policy space for the cheapest policy that recovers the recorded calls; prints it. */
export async function runSuggestPolicy(opts: SuggestOptions, ctx: IncidentContext, catalog: Catalog): Promise<number> {
  const { io } = ctx;
  const loaded = await ctx.config();
  const bound = policyFrom(resolveSettings(opts, loaded?.config ?? null, io.env), opts.retryUnsafe === true);
  const known = new Map<Attempt, Classification>();
  // Monte Carlo meets the same responses thousands of times: classify each once.
  const classifyAttempt = (a: Attempt) => {
    let c = known.get(a);
    if (!c) known.set(a, (c = classify(a, { catalog, now: io.now() })));
    return c;
  };
  const calls: RecordedCall[] = [];
  const read = await readRecordedCalls(opts.files, io, (call) => void calls.push(call));
  if (calls.length === 0) throw new InputError('no recorded calls to search a policy for');
  const started = performance.now();
  const s = suggestPolicy(calls.map(searchCallOf), {
    maxTimeMs: bound.maxTimeMs ?? 300_000, retryUnsafe: bound.retryUnsafe, target: opts.target, runs: opts.runs, seed: opts.seed,
    requestWeight: opts.requestWeight, classify: classifyAttempt,
  });
  if (ctx.debug) io.err(`op-errors: compared ${s.candidates} policies over ${calls.length} calls in ${Math.round(performance.now() - started)} ms\n`);
  // Browser exports keep query strings as sent: mask keys and tokens before they reach the output.
  const redact = new Redactor([]);
  const named = calls.map((c) => {
    const url = c.url === '-' ? c.url : redact.url(c.url);
    return { method: c.method, url, source: c.attempts[0].source, label: callLabel({ method: c.method, url, source: c.attempts[0].source }) };
  });
  const sctx = { target: opts.target, seed: opts.seed, requestWeight: opts.requestWeight, maxTimeMs: bound.maxTimeMs ?? 300_000, files: opts.files };
  if (ctx.json) io.out(`${JSON.stringify(suggestionJson(s, named, sctx))}\n`);
  else io.out(renderSuggestion(s, named, sctx, ctx.theme, ctx.width));
  return worseExit(read.exit, s.targetMet && s.replayVerified ? EXIT.OK : EXIT.FAILURE);
}

/** Collects the replayed calls for `--timeline` and `--report`, then draws them. */
export class IncidentView {
  private readonly rows: TimelineRow[] = [];

  constructor(private readonly policy: RetryPolicy, private readonly classifyAttempt: (a: Attempt) => Classification) {}

  /** Adds a replayed call and, when a policy ran over it, its simulation. */
  add(call: RecordedCall, simulation: Simulation | null): void {
    this.rows.push(timelineRow(this.rows.length + 1, call, this.classifyAttempt, simulation, simulation ? this.policy : null));
  }

  /** The rows as a text timeline that fits the context's width. */
  async timeline(ctx: IncidentContext): Promise<string> {
    return renderTimeline(this.rows, ctx.theme, ctx.width);
  }

  /** Writes the HTML report; a file that cannot be written is a usage error naming it. */
  async writeReport(file: string, files: string[], ctx: IncidentContext): Promise<void> {
    const p = this.policy;
    const policy = p.limit <= 0 ? null : `${p.limit} ${p.limit === 1 ? 'retry' : 'retries'}: backoff from ${p.baseDelayMs / 1000} s doubling to at most ` +
      `${p.maxDelayMs / 1000} s, ${p.jitter} jitter, ${p.maxTimeMs === null ? 'no deadline' : `deadline ${p.maxTimeMs / 1000} s`}`;
    try {
      await writeFile(file, renderReport(this.rows, { files, policy, generatedAt: ctx.io.now() }));
    } catch (e) {
      throw new UsageError(`cannot write the report to ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    ctx.io.err(`op-errors: wrote the report of ${this.rows.length} calls to ${file}\n`);
  }
}
