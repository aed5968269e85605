import { MAX_LIMIT } from '../core/policy-trace.js';
import type { CallVerdict, PolicySuggestion } from '../core/policy-search.js';
import type { RetryPolicy } from '../core/retry-policy.js';
import { RETRY_VERDICT, humanMs, wrap } from './words.js';
import { outcomeWords } from './retry-log.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';

/** A call of the search, as the output names it. */
export interface SuggestedCall { method: string; url: string; source: { input: string; line: number }; label: string }

/** How the search was run, for the words around the figures. */
export interface SuggestionContext { target: number; seed: number; requestWeight: number; maxTimeMs: number; files: string[] }

const s3 = (ms: number) => Math.round(ms) / 1000;
const pct = (x: number) => `${Math.floor(x * 1000) / 10}%`;
const MAX_CALL_ROWS = 50;

/** The `retry` section of `.openprospectrc` for a policy, in the file's units (seconds). */
export function retrySection(p: RetryPolicy): { limit: number; baseDelay: number; maxDelay: number; maxTime: number; jitter: RetryPolicy['jitter'] } {
  return { limit: p.limit, baseDelay: s3(p.baseDelayMs), maxDelay: s3(p.maxDelayMs), maxTime: s3(p.maxTimeMs ?? 0), jitter: p.jitter };
}

/** The policy as the config file's keys, named like their flags. */
export function configSection(p: RetryPolicy): Record<string, number | string> {
  const r = retrySection(p);
  return { retry: r.limit, retryBaseDelay: r.baseDelay, retryMaxDelay: r.maxDelay, retryMaxTime: r.maxTime, jitter: r.jitter };
}

/** Why no policy of the search saves an unrecoverable call. */
export function unrecoverableReason(v: Extract<CallVerdict, { kind: 'unrecoverable' }>, method: string, maxTimeMs: number): string {
  const got = outcomeWords({ attempt: 1, status: v.final.status, transport: null, code: v.final.code, durationMs: 0, waitMs: null, waitReason: null });
  if (v.stop === 'not-retryable') return `${got}: not retryable (${RETRY_VERDICT[v.final.retry]})`;
  if (v.stop === 'unsafe-method') return `${got}: ${method} without an Idempotency-Key is not safe to repeat (the server may have acted on it)`;
  if (v.neverSucceeded) return `${got}: no recorded attempt succeeded, so no retry could have met a success`;
  if (v.stop === 'deadline') return `${got}: still failing when the ${humanMs(maxTimeMs)} deadline comes (--retry-max-time)`;
  if (v.stop === 'recording-ended') return `${got}: the recording ends before the call succeeds`;
  return `${got}: still failing after ${MAX_LIMIT} retries`;
}

/** The suggestion as `--json` gives it: `{policy, survival, expectedWait, p95Wait, requests, calls}`, waits in seconds. */
export function suggestionJson(s: PolicySuggestion, calls: SuggestedCall[], ctx: SuggestionContext): Record<string, unknown> {
  return {
    policy: retrySection(s.policy), survival: s.survival, expectedWait: s3(s.expectedWaitMs), medianWait: s3(s.medianWaitMs),
    p95Wait: s3(s.p95WaitMs), requests: s.requests, cost: Math.round(s.cost * 1000) / 1000,
    costFormula: `expectedWait + ${ctx.requestWeight} × requests`, target: ctx.target, targetMet: s.targetMet,
    replayVerified: s.replayVerified, runs: s.runs, seed: ctx.seed, candidates: s.candidates, retryUnsafe: s.policy.retryUnsafe,
    calls: s.calls.map((v, i) => {
      const base = { method: calls[i].method, url: calls[i].url, source: calls[i].source, verdict: v.kind };
      if (v.kind === 'recoverable') {
        return { ...base, survival: v.survival, expectedWait: s3(v.expectedWaitMs), medianWait: s3(v.medianWaitMs), p95Wait: s3(v.p95WaitMs), requests: v.requests };
      }
      if (v.kind === 'unrecoverable') {
        return { ...base, status: v.final.status, code: v.final.code, stop: v.stop, reason: unrecoverableReason(v, calls[i].method, ctx.maxTimeMs) };
      }
      return base;
    }),
  };
}

/** The suggestion for people, fitted to `width`: the policy and its figures, the calls, those no policy saves, the config snippet. */
export function renderSuggestion(s: PolicySuggestion, calls: SuggestedCall[], ctx: SuggestionContext, theme: Theme, width: number): string {
  const recoverable = s.calls.filter((c) => c.kind === 'recoverable').length;
  const atOnce = s.calls.filter((c) => c.kind === 'ok').length;
  const p = s.policy;
  const aim = ctx.target >= 1 ? 'every recoverable call' : `${pct(ctx.target)} of the recoverable calls`;
  const label = 'Suggested retry policy';
  const headline = `${label}: the cheapest that recovers ${aim}` +
    ` (${calls.length} ${calls.length === 1 ? 'call' : 'calls'}: ${recoverable} recoverable, ${atOnce} ok at once, ${calls.length - recoverable - atOnce} unrecoverable)`;
  let out = `${theme.bold(label)}${wrap(headline, width).slice(label.length)}\n`;
  if (!s.targetMet) out += `${theme.error(wrap(`No policy in the search recovers ${aim}; this one recovers the most.`, width))}\n`;
  const waits = `expected ${humanMs(s.expectedWaitMs)}, median ${humanMs(s.medianWaitMs)}, p95 ${humanMs(s.p95WaitMs)}`;
  out += `${renderTable(['Setting', 'Value'].map((h) => theme.bold(h)), [
    ['Retries', p.limit === 0 ? '0 (retrying off: nothing to recover)' : String(p.limit)],
    ['First wait', `${humanMs(p.baseDelayMs)}, doubling each retry`], ['Cap per wait', humanMs(p.maxDelayMs)],
    ['Jitter', p.jitter], ['Deadline', `${humanMs(p.maxTimeMs ?? 0)} (search bound ${humanMs(ctx.maxTimeMs)})`],
    ['Survival', recoverable === 0 ? 'no call to recover' : `${pct(s.survival)} of ${recoverable} recoverable ${recoverable === 1 ? 'call' : 'calls'}${p.jitter === 'none' ? ' (no jitter: one run is exact)' : ` × ${s.runs} seeded runs`}`],
    ['Total wait', `${waits} (all recoverable calls of one run)`], ['Requests', `${round1(s.requests)} expected`],
    ['Cost', `${round1(s.cost)} = ${round1(s.expectedWaitMs / 1000)} s of waiting + ${round1(s.requests)} requests × ${ctx.requestWeight} s`],
  ], [], width)}\n`;
  const rows = s.calls.flatMap((v, i) => (v.kind === 'recoverable' ? [[String(i + 1), calls[i].label, pct(v.survival),
    humanMs(v.medianWaitMs), humanMs(v.p95WaitMs), round1(v.requests)]] : []));
  if (rows.length > 0) {
    out += `${renderTable(['#', 'Recoverable call', 'Survival', 'Median wait', 'p95 wait', 'Requests'].map((h) => theme.bold(h)), rows.slice(0, MAX_CALL_ROWS), [], width)}\n`;
    if (rows.length > MAX_CALL_ROWS) out += theme.dim(`... and ${rows.length - MAX_CALL_ROWS} more (--json lists every one)\n`);
  }
  // Each item indented by two, its next lines under its text.
  const item = (n: number, text: string) => `  ${wrap(`${n}. ${text}`, width - 2, ' '.repeat(String(n).length + 2)).replace(/\n/g, '\n  ')}`;
  const lost = s.calls.flatMap((v, i) => (v.kind === 'unrecoverable' ? [item(i + 1, `${calls[i].label}: ${unrecoverableReason(v, calls[i].method, ctx.maxTimeMs)}`)] : []));
  if (lost.length > 0) out += `${theme.bold('No policy saves these calls')} (not counted against a policy):\n${lost.join('\n')}\n`;
  out += `\n${theme.bold('.openprospectrc')} (the retry settings):\n${JSON.stringify(configSection(p), null, 2)}\n`;
  out += s.replayVerified
    ? theme.dim(wrap(`Checked: op-errors replay ${ctx.files.join(' ')} --seed ${ctx.seed} with this config${p.retryUnsafe ? ' and --retry-unsafe' : ''} recovers ${aim}.`, width))
    : theme.error(wrap('Not confirmed by a replay with this seed: try more --runs or a longer --retry-max-time.', width));
  out += '\n';
  return out;
}

function round1(n: number): string {
  return String(Math.round(n * 10) / 10);
}
