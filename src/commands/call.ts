import type { CommandContext } from '../cli/context.js';
import { EXIT, exitCodeForCall, exitForSignal } from '../core/exit.js';
import { isIdempotent } from '../core/retry-policy.js';
import { VERSION } from '../cli/version.js';
import { withEnv } from '../cli/io.js';
import { CassetteRecorder, interactionOf } from '../adapters/cassette-recorder.js';
import { openBodyFile, pipeBody } from '../adapters/body-stream.js';
import type { HttpResult } from '../adapters/http.js';
import { bodyWarnings } from '../core/body-check.js';
import { redactHop, redirectLine } from '../render/redirects.js';
import { send } from '../adapters/http.js';
import { realClock } from '../adapters/retry-runner.js';
import { type LoopSpec, runRetryLoop } from '../core/retry-loop.js';
import { classify } from '../core/classify.js';
import { Redactor } from '../core/redact.js';
import { callJson, prettyBody, renderCall } from '../render/call.js';
import { retryLogLine } from '../render/retry-log.js';
import { loadTableMaker } from '../render/table.js';
import { type CallFlags, prepareCall } from './call-request.js';
import { catalogFor } from './catalog-for.js';
import type { ScenarioName } from '../sandbox/types.js';

/** `call` flags plus what only tests replace: the clock's sleep and the jitter source. */
export interface CallOptions extends CallFlags {
  include: boolean;
  body: boolean;
  bodyOnly: boolean;
  /** Write the response body (any size) to this file instead of stdout. */
  output?: string;
  record?: string;
  /** Run against the built-in sandbox, started on a free port for this call: true, or a scenario name. */
  sandbox?: boolean | string;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Sends the request, retrying as the policy allows, and prints the classified result; returns the exit code. */
export async function runCall(opts: CallOptions, ctx: CommandContext): Promise<number> {
  if (opts.sandbox === undefined || opts.sandbox === false) return callOnce(opts, ctx);
  const { startSandbox } = await import('../sandbox/sandbox.js');
  const scenario = typeof opts.sandbox === 'string' ? opts.sandbox as ScenarioName : undefined;
  const sandbox = await startSandbox({ port: 0, scenario, log: ctx.verbose ? (line) => ctx.io.err(`sandbox: ${line}\n`) : undefined });
  try {
    // The sandbox knows only its own keys: the full-access one stands in for the user's.
    const env = { ...ctx.io.env, OPENPROSPECT_API_KEY: 'lnc_test_full_access', OPENPROSPECT_BASE_URL: sandbox.url };
    return await callOnce({ ...opts, baseUrl: opts.baseUrl ?? sandbox.url }, { ...ctx, io: withEnv(ctx.io, env) });
  } finally {
    await sandbox.close();
  }
}

async function callOnce(opts: CallOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const loaded = await ctx.config();
  const catalog = await catalogFor(ctx);
  const config = opts.sandbox ? { ...loaded?.config, apiKeyEnv: undefined, baseUrl: undefined } : loaded?.config ?? null;
  const call = await prepareCall(opts, config, io.env, () => readAll(io.stdin), VERSION);
  const redact = new Redactor(call.secrets);
  const err = (s: string) => io.err(redact.text(s));
  for (const w of call.warnings) err(`op-errors: warning: ${w}\n`);
  const url = redact.url(call.url);
  // The cassette is checked and its lock taken before anything is sent, so a bad path loses no response.
  const recorder = opts.record ? await CassetteRecorder.open(opts.record, (w) => err(`op-errors: warning: ${w}\n`)) : null;
  const bodyFile = opts.output ? await openBodyFile(opts.output) : null;
  let sent = 0;
  const controller = new AbortController();
  let signal: string | undefined;
  const stopListening = io.onInterrupt((s) => {
    signal = s;
    controller.abort();
  });
  let outcome;
  try {
    const spec: LoopSpec = {
      method: call.method, idempotencyKey: call.idempotencyKey, policy: call.policy, timeoutMs: call.timeoutMs,
      classify: (a) => classify(a, { catalog, now: io.now() }),
      random: opts.random ?? Math.random,
      onStep: ({ sent: r, record, classification: c, decision: d, elapsedMs }) => {
        // A body that will not be shown is not read further: the connection is let go before the wait.
        if (d.retry) (r as HttpResult).body?.rest.destroy();
        if (call.policy.limit > 0 || d.reason === 'unsafe-method' || (d.reason === 'retry-off' && !ctx.json)) {
          err(`op-errors: ${retryLogLine(record, c, d, elapsedMs, call.policy, call.method, catalog.get(c.code ?? '')?.summary)}\n`);
        }
      },
    };
    const clock = realClock(() => io.now(), controller.signal, opts.sleep);
    outcome = await runRetryLoop(spec, clock, async ({ timeoutMs }) => {
      const r = await send({ ...call, timeoutMs, signal: controller.signal });
      sent++;
      for (const hop of r.redirects) {
        if (ctx.verbose || hop.action !== 'followed') err(`op-errors: ${redirectLine(hop, redact)}\n`);
      }
      await recorder?.add(interactionOf(r, sent, call, url, redact));
      return r;
    });
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    err(`op-errors: interrupted during attempt ${sent + 1}${signal && signal !== 'SIGINT' ? ` (${signal})` : ''}\n`);
    return exitForSignal(signal);
  } finally {
    stopListening();
  }
  const { final, last } = outcome;
  const attempts = outcome.steps.map((s) => s.record);
  if (outcome.stop === 'interrupted') err(`op-errors: interrupted during the wait after attempt ${attempts.length}\n`);
  const headers = redact.headers(last.attempt.headers);
  const body = redact.text(last.attempt.body);
  const long = last.body;
  const warnings = bodyWarnings(last.attempt, final, long !== null);
  for (const w of warnings) err(`op-errors: warning: ${w}\n`);
  const extra = {
    redirects: last.redirects.map((h) => redactHop(h, redact)), ...(warnings.length > 0 ? { warnings } : {}),
    ...(opts.output ? { bodyFile: opts.output } : {}),
  };
  let broke: NodeJS.ErrnoException | null = null;
  if (bodyFile) {
    // The whole body goes to the file, whatever its size; stdout keeps the verdict.
    if (long) broke = await pipeBody(long, bodyFile, redact).then(() => null, (e: NodeJS.ErrnoException) => e);
    else bodyFile.out(body);
    await bodyFile.close();
  }
  if (ctx.json) io.out(redact.text(callJson(final, call.method, url, attempts, bodyFile ? '' : body, opts.include ? headers : null, extra)));
  else if (opts.bodyOnly) io.out(long || bodyFile ? '' : prettyBody(body));
  else {
    const table = final.fields.length > 0 ? await loadTableMaker(ctx.theme) : undefined;
    io.out(redact.text(renderCall(final, attempts, headers, body, outcome.elapsedMs, {
      theme: ctx.theme, width: ctx.width, showSource: false, table, method: call.method, url,
      showHeaders: opts.include, showBody: opts.body && long === null && !bodyFile,
    })));
    if (long && opts.body && !bodyFile) io.out('\n');
  }
  // A long body streams through after the verdict, at the reader's pace; with --json or --no-body it is let go.
  if (long && !bodyFile && !ctx.json && (opts.body || opts.bodyOnly)) broke = await pipeBody(long, io, redact).then(() => null, (e: NodeJS.ErrnoException) => e);
  else long?.rest.destroy();
  if (broke) {
    // What came is already out; the verdict cannot stand for a body that is incomplete.
    err(`op-errors: the body broke off midway (${broke.code ?? broke.message}); what arrived was written, the rest is missing\n`);
    return isIdempotent(call.method) || call.idempotencyKey ? EXIT.TEMPFAIL : EXIT.FAILURE;
  }
  return outcome.stop === 'interrupted' ? exitForSignal(signal) : exitCodeForCall(final, outcome.stop);
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}
