import type { CommandContext } from '../cli/context.js';
import { EXIT, exitCodeFor } from '../core/exit.js';
import { VERSION } from '../cli/version.js';
import { withEnv } from '../cli/io.js';
import { appendToCassette, type Interaction } from '../adapters/cassette.js';
import { send } from '../adapters/http.js';
import { realClock } from '../adapters/retry-runner.js';
import { type LoopSpec, runRetryLoop } from '../core/retry-loop.js';
import type { HttpResult } from '../adapters/http.js';
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
  const interactions: Interaction[] = [];
  const controller = new AbortController();
  const stopListening = io.onInterrupt(() => controller.abort());
  let outcome;
  try {
    const spec: LoopSpec = {
      method: call.method, idempotencyKey: call.idempotencyKey, policy: call.policy, timeoutMs: call.timeoutMs,
      classify: (a) => classify(a, { catalog, now: io.now() }),
      random: opts.random ?? Math.random,
      onStep: ({ record, classification: c, decision: d, elapsedMs }) => {
        if (call.policy.limit > 0 || (d.reason === 'retry-off' && !ctx.json)) {
          err(`op-errors: ${retryLogLine(record, c, d, elapsedMs, call.policy, call.method, catalog.get(c.code ?? '')?.summary)}\n`);
        }
      },
    };
    const clock = realClock(() => io.now(), controller.signal, opts.sleep);
    outcome = await runRetryLoop(spec, clock, async ({ timeoutMs }) => {
      const r = await send({ ...call, timeoutMs, signal: controller.signal });
      interactions.push(interaction(r, interactions.length + 1, call, url, redact));
      return r;
    });
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    err(`op-errors: interrupted during attempt ${interactions.length + 1}\n`);
    return EXIT.INTERRUPTED;
  } finally {
    stopListening();
    if (opts.record && interactions.length > 0) await appendToCassette(opts.record, interactions);
  }
  const { final, last } = outcome;
  const attempts = outcome.steps.map((s) => s.record);
  if (outcome.stop === 'interrupted') err(`op-errors: interrupted during the wait after attempt ${attempts.length}\n`);
  const headers = redact.headers(last.attempt.headers);
  const body = redact.text(last.attempt.body);
  if (ctx.json) io.out(redact.text(callJson(final, call.method, url, attempts, body, opts.include ? headers : null)));
  else if (opts.bodyOnly) io.out(prettyBody(body));
  else {
    const table = final.fields.length > 0 ? await loadTableMaker(ctx.theme) : undefined;
    io.out(redact.text(renderCall(final, attempts, headers, body, outcome.elapsedMs, {
      theme: ctx.theme, width: ctx.width, showSource: false, table, method: call.method, url,
      showHeaders: opts.include, showBody: opts.body,
    })));
  }
  return outcome.stop === 'interrupted' ? EXIT.INTERRUPTED : exitCodeFor(final);
}

function interaction(r: HttpResult, attempt: number, call: { method: string; headers: Record<string, string>; body?: string },
  url: string, redact: Redactor): Interaction {
  const a = r.attempt;
  return {
    recordedAt: new Date(r.startedAt).toISOString(), attempt,
    request: { method: call.method, url, headers: redact.headers(call.headers), body: call.body === undefined ? null : redact.text(call.body) },
    response: a.transport ? null : { status: a.status ?? 0, headers: redact.headers(a.headers), body: redact.text(a.body) },
    transport: a.transport ? { code: a.transport.code, message: redact.text(a.transport.message) } : null,
    durationMs: r.durationMs,
  };
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}
