import type { Io } from '../adapters/io.js';
import { type CassetteRecorder, interactionOf } from '../adapters/cassette-recorder.js';
import { type HttpResult, send } from '../adapters/http.js';
import { realClock } from '../adapters/retry-runner.js';
import type { Catalog } from '../core/catalog.js';
import { classify } from '../core/classify.js';
import { exitForSignal } from '../core/exit.js';
import type { Redactor } from '../core/redact.js';
import { type LoopOutcome, type LoopSpec, runRetryLoop } from '../core/retry-loop.js';
import { traceRequest, traceResponse } from '../render/http-trace.js';
import { redirectLine } from '../render/redirects.js';
import { retryLogLine } from '../render/retry-log.js';
import type { PreparedCall } from './call-request.js';

/** How one request is sent and reported: the log, the trace, the recording, and what tests replace. */
export interface AttemptOptions {
  io: Io;
  catalog: Catalog;
  redact: Redactor;
  /** Which retry decisions to log: all; only those of --retry (with --json); none (--silent). */
  log: 'all' | 'retries' | 'none';
  /** Print each request and response curl-style on stderr, and every redirect followed (-v). */
  trace: boolean;
  recorder: CassetteRecorder | null;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** A request sent with its retries: the outcome and the signal that interrupted a wait, or the exit code of an interrupted attempt. */
export type Sent = { outcome: LoopOutcome<HttpResult>; signal: string | undefined } | { exit: number };

/** Sends one request through the retry loop on a real clock, logging each decision before its wait. */
export async function sendWithRetry(call: PreparedCall, o: AttemptOptions): Promise<Sent> {
  const { io, redact, catalog } = o;
  const err = (s: string) => io.err(redact.text(s));
  const url = redact.url(call.url);
  let sent = 0;
  const controller = new AbortController();
  let signal: string | undefined;
  const stopListening = io.onInterrupt((s) => {
    signal = s;
    controller.abort();
  });
  try {
    const spec: LoopSpec = {
      method: call.method, idempotencyKey: call.idempotencyKey, policy: call.policy, timeoutMs: call.timeoutMs,
      classify: (a) => classify(a, { catalog, now: io.now() }),
      random: o.random ?? Math.random,
      onStep: ({ sent: r, record, classification: c, decision: d, elapsedMs }) => {
        // A body that will not be shown is not read further: the connection is let go before the wait.
        if (d.retry) (r as HttpResult).body?.rest.destroy();
        const shown = o.log !== 'none' && (call.policy.limit > 0 || d.reason === 'unsafe-method' || (o.log === 'all' && d.reason === 'retry-off'));
        if (shown) err(`op-errors: ${retryLogLine(record, c, d, elapsedMs, call.policy, call.method, catalog.get(c.code ?? '')?.summary)}\n`);
      },
    };
    const clock = realClock(() => io.now(), controller.signal, o.sleep);
    const outcome = await runRetryLoop(spec, clock, async ({ timeoutMs }) => {
      if (o.trace) err(traceRequest(call.method, url, redact.headers(call.headers)));
      const r = await send({ ...call, timeoutMs, signal: controller.signal });
      sent++;
      if (o.trace) err(traceResponse({ ...r.attempt, headers: redact.headers(r.attempt.headers) }));
      for (const hop of r.redirects) {
        if (o.trace || hop.action !== 'followed') err(`op-errors: ${redirectLine(hop, redact)}\n`);
      }
      await o.recorder?.add(interactionOf(r, sent, call, url, redact));
      // A cassette is JSON rewritten whole on each append: it keeps what the verdict was made from, not gigabytes.
      if (o.recorder && r.body) err(`op-errors: warning: ${LONG_BODY_RECORDED}\n`);
      return r;
    });
    return { outcome, signal };
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    err(`op-errors: interrupted during attempt ${sent + 1}${signal && signal !== 'SIGINT' ? ` (${signal})` : ''}\n`);
    return { exit: exitForSignal(signal) };
  } finally {
    stopListening();
  }
}

const LONG_BODY_RECORDED = 'the recording keeps the first 1 MiB of this longer body, the part it was classified from; -o FILE keeps all of it';
