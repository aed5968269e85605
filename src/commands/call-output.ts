import type { CommandContext } from './context.js';
import { EXIT, exitCodeFor, exitForSignal, finalForCall } from '../core/exit.js';
import { InputError } from '../core/errors.js';
import { isIdempotent } from '../core/retry-policy.js';
import { type BodySink, openBodyFile, pipeBody, pipeBytes } from '../adapters/body-stream.js';
import type { HttpResult, ResponseBody } from '../adapters/http.js';
import { bodyWarnings } from '../core/body-check.js';
import type { Redactor } from '../core/redact.js';
import type { LoopOutcome } from '../core/retry-loop.js';
import { callJson, callJsonAround, prettyBody, renderCall } from '../render/call.js';
import { renderClassification } from '../render/classification.js';
import { encodeJson, jsonStringContent } from '../render/json.js';
import { redactHop } from '../render/redirects.js';
import { notRetriedVerdict } from '../render/retry-log.js';
import type { CallFlags, PreparedCall } from './call-request.js';

/** Prints the result of one request (JSON, the body alone, nothing but a failure with --silent, or the human form); returns the exit code. */
export async function printOutcome(
  outcome: LoopOutcome<HttpResult>, signal: string | undefined, call: PreparedCall, opts: CallFlags, ctx: CommandContext,
  redact: Redactor, bodyFile: Awaited<ReturnType<typeof openBodyFile>> | null,
): Promise<number> {
  const { io } = ctx;
  const err = (s: string) => io.err(redact.text(s));
  const { last } = outcome;
  const final = finalForCall(outcome.final, outcome.stop);
  const verdict = outcome.stop === 'unsafe-method' ? notRetriedVerdict(call.method) : undefined;
  const attempts = outcome.steps.map((s) => s.record);
  if (outcome.stop === 'interrupted') err(`op-errors: interrupted during the wait after attempt ${attempts.length}\n`);
  const headers = redact.headers(last.attempt.headers);
  const url = redact.url(call.url);
  const body = redact.text(last.attempt.body);
  const long = last.body;
  const warnings = bodyWarnings(last.attempt, final, long !== null);
  if (!opts.silent) for (const w of warnings) err(`op-errors: warning: ${w}\n`);
  // Data (an export, an image) and text in another charset go to -o and --body-only byte for byte, secrets
  // masked; data is not printed among the verdict's text, where its bytes could drive the terminal.
  const binary = last.kind !== 'text';
  const withheld = last.kind === 'data' && !opts.output && (ctx.json || !opts.bodyOnly);
  const extra = {
    ...(withheld ? { bodyWithheld: WITHHELD } : {}),
    stop: outcome.stop, redirects: last.redirects.map((h) => redactHop(h, redact)), ...(warnings.length > 0 ? { warnings } : {}),
    ...(opts.output ? { bodyFile: opts.output } : {}),
  };
  let broke: NodeJS.ErrnoException | null = null;
  const pipe = (from: ResponseBody, sink: BodySink, encode?: (text: string) => string) =>
    pipeBody(from, sink, redact, encode).then(() => null, (e: NodeJS.ErrnoException) => e);
  const raw = (sink: BodySink) => pipeBytes(last.bytes, long?.rest ?? null, sink, redact).then(() => null, (e: NodeJS.ErrnoException) => e);
  let fileFailed: Error | null = null;
  if (bodyFile) {
    // -o: the whole body goes to the file, whatever its size; the terminal keeps the verdict.
    if (binary) broke = await raw(bodyFile);
    else if (long) broke = await pipe(long, bodyFile);
    else bodyFile.out(body);
    const closed = await bodyFile.close().then(() => null, (e: Error) => e);
    // A file that could not be written is not a body that broke off: the verdict still prints.
    fileFailed = broke instanceof InputError ? broke : closed;
    if (fileFailed === broke) broke = null;
  }
  if (withheld) long?.rest.destroy();
  // A short body that the file did not take is shown instead, so it is not lost.
  const inFile = bodyFile !== null && (fileFailed === null || long !== null);
  const shown = inFile || (withheld && ctx.json) ? '' : withheld ? `(${WITHHELD})` : body;
  const streamed = bodyFile || withheld ? null : long;
  const streams = streamed !== null;
  if (ctx.json && streamed) {
    // The whole body goes into the JSON string as it arrives: nothing is cut, and memory stays flat.
    const around = callJsonAround(callJson(final, call.method, url, attempts, '', opts.include ? headers : null, extra));
    io.out(redact.text(around.head));
    broke = await pipe(streamed, io, jsonStringContent);
    io.out(around.tail(broke ? brokeOff(broke) : null));
  } else if (ctx.json) io.out(redact.text(encodeJson(callJson(final, call.method, url, attempts, shown, opts.include ? headers : null, extra))));
  else if (opts.silent) {
    if (!final.ok) err(renderClassification(final, [], { input: '', line: 0 }, { theme: ctx.theme, width: ctx.width, showSource: false, verdict }));
  } else if (opts.bodyOnly && binary && !inFile) {
    broke = await raw(io);
    if (broke) return brokeExit(broke, call, err);
    return outcome.stop === 'interrupted' ? exitForSignal(signal) : exitCodeFor(final);
  } else if (opts.bodyOnly) io.out(streams || inFile ? '' : prettyBody(shown));
  else {
    io.out(redact.text(renderCall(final, attempts, headers, shown, outcome.elapsedMs, {
      theme: ctx.theme, width: ctx.width, showSource: false, verdict, method: call.method, url,
      showHeaders: opts.include === true, showBody: opts.body !== false && !streams,
    })));
    if (streams && opts.body !== false) io.out('\n');
  }
  // A long body streams through after the verdict, at the reader's pace; with --silent or --no-body it is let go.
  if (streamed && !ctx.json && !opts.silent && (opts.body !== false || opts.bodyOnly)) broke = await pipe(streamed, io);
  else if (!ctx.json) streamed?.rest.destroy();
  if (broke) return brokeExit(broke, call, err);
  if (fileFailed) {
    err(`op-errors: ${fileFailed.message}; ${long ? 'the body was not saved whole' : 'the body is shown above instead'}\n`);
    return EXIT.USAGE;
  }
  return outcome.stop === 'interrupted' ? exitForSignal(signal) : exitCodeFor(final);
}

const WITHHELD = 'binary data, not shown: --body-only or -o FILE writes it byte for byte';

/** What came is already out; the verdict cannot stand for a body that is incomplete. */
function brokeExit(broke: NodeJS.ErrnoException, call: PreparedCall, err: (s: string) => void): number {
  err(`op-errors: ${brokeOff(broke)}\n`);
  return isIdempotent(call.method) || call.idempotencyKey ? EXIT.TEMPFAIL : EXIT.FAILURE;
}

function brokeOff(e: NodeJS.ErrnoException): string {
  return `the body broke off midway (${e.code ?? e.message}); what arrived was written, the rest is missing`;
}
