import type { Io } from '../adapters/io.js';
import type { Interaction } from '../adapters/cassette.js';
import { send } from '../adapters/http.js';
import { type RunOutcome, type SentAttempt, abortableSleep, runWithRetry } from '../adapters/retry-runner.js';
import type { Catalog } from '../core/catalog.js';
import { classify } from '../core/classify.js';
import type { Redactor } from '../core/redact.js';
import { traceRequest, traceResponse } from '../render/http-trace.js';
import { retryLogLine } from '../render/retry-log.js';
import type { PreparedCall } from './call-request.js';

/** How one request is sent and reported: the log, the trace, and what tests replace. */
export interface AttemptOptions {
  io: Io;
  catalog: Catalog;
  redact: Redactor;
  /** Which retry decisions to log: all; only those of --retry (with --json); none (--silent). */
  log: 'all' | 'retries' | 'none';
  /** Print each request and response curl-style on stderr (-v). */
  trace: boolean;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** The outcome of one request with its retries, and every attempt for --record; null when Ctrl-C ended an attempt. */
export async function sendWithRetry(call: PreparedCall, o: AttemptOptions, interactions: Interaction[]): Promise<RunOutcome | null> {
  const { io, redact, catalog } = o;
  const err = (s: string) => io.err(redact.text(s));
  const url = redact.url(call.url);
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort());
  const before = interactions.length;
  try {
    return await runWithRetry(call.method, call.idempotencyKey, call.policy, {
      send: async (signal): Promise<SentAttempt> => {
        if (o.trace) err(traceRequest(call.method, url, redact.headers(call.headers)));
        const r = await send({ ...call, signal });
        if (o.trace) err(traceResponse({ ...r.attempt, headers: redact.headers(r.attempt.headers) }));
        interactions.push(interaction(r, interactions.length - before + 1, call, url, redact));
        return r;
      },
      classify: (a) => classify(a, { catalog, now: io.now() }),
      sleep: o.sleep ?? abortableSleep,
      now: () => io.now(),
      random: o.random ?? Math.random,
      onDecision: (record, c, d, elapsed) => {
        const shown = o.log !== 'none' && (call.policy.limit > 0 || (o.log === 'all' && d.reason === 'retry-off'));
        if (!shown) return;
        err(`op-errors: ${retryLogLine(record, c, d, elapsed, call.policy, call.method, catalog.get(c.code ?? '')?.summary)}\n`);
      },
    }, controller.signal);
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    err(`op-errors: interrupted during attempt ${interactions.length - before + 1}\n`);
    return null;
  } finally {
    stopListening();
  }
}

function interaction(r: SentAttempt, attempt: number, call: PreparedCall, url: string, redact: Redactor): Interaction {
  const a = r.attempt;
  return {
    recordedAt: new Date(r.startedAt).toISOString(), attempt,
    request: { method: call.method, url, headers: redact.headers(call.headers), body: call.body === undefined ? null : redact.text(call.body) },
    response: a.transport ? null : { status: a.status ?? 0, headers: redact.headers(a.headers), body: redact.text(a.body) },
    transport: a.transport ? { code: a.transport.code, message: redact.text(a.transport.message) } : null,
    durationMs: r.durationMs,
  };
}
