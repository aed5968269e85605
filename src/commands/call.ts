import type { CommandContext } from './context.js';
import { EXIT, exitCodeFor } from '../core/exit.js';
import { VERSION } from '../adapters/version.js';
import { withEnv } from '../adapters/io.js';
import { appendToCassette, type Interaction } from '../adapters/cassette.js';
import { send } from '../adapters/http.js';
import { type SentAttempt, abortableSleep, runWithRetry } from '../adapters/retry-runner.js';
import { classify } from '../core/classify.js';
import { Redactor } from '../core/redact.js';
import { callJson, prettyBody, renderCall } from '../render/call.js';
import { encodeJson } from '../render/json.js';
import { retryLogLine } from '../render/retry-log.js';
import { type CallFlags, prepareCall } from './call-request.js';
import { catalogFor } from './catalog-for.js';

/** `call` flags plus what only tests replace: the clock's sleep and the jitter source. */
export interface CallOptions extends CallFlags {
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** Sends the request, retrying as the policy allows, and prints the classified result; returns the exit code. */
export async function runCall(opts: CallOptions, ctx: CommandContext): Promise<number> {
  if (opts.sandbox === undefined || opts.sandbox === false) return callOnce(opts, ctx);
  const { startSandbox } = await import('../sandbox/sandbox.js');
  const scenario = typeof opts.sandbox === 'string' ? opts.sandbox : undefined;
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
    outcome = await runWithRetry(call.method, call.idempotencyKey, call.policy, {
      send: async (signal): Promise<SentAttempt> => {
        const r = await send({ ...call, signal });
        interactions.push(interaction(r, interactions.length + 1, call, url, redact));
        return r;
      },
      classify: (a) => classify(a, { catalog, now: io.now() }),
      sleep: opts.sleep ?? abortableSleep,
      now: () => io.now(),
      random: opts.random ?? Math.random,
      onDecision: (record, c, d, elapsed) => {
        if (call.policy.limit > 0 || (d.reason === 'retry-off' && !ctx.json)) {
          err(`op-errors: ${retryLogLine(record, c, d, elapsed, call.policy, call.method, catalog.get(c.code ?? '')?.summary)}\n`);
        }
      },
    }, controller.signal);
  } catch (e) {
    if (!controller.signal.aborted) throw e;
    err(`op-errors: interrupted during attempt ${interactions.length + 1}\n`);
    return EXIT.INTERRUPTED;
  } finally {
    stopListening();
    if (opts.record && interactions.length > 0) await appendToCassette(opts.record, interactions);
  }
  const { final, attempts, last } = outcome;
  if (outcome.stop === 'interrupted') err(`op-errors: interrupted during the wait after attempt ${attempts.length}\n`);
  const headers = redact.headers(last.attempt.headers);
  const body = redact.text(last.attempt.body);
  if (ctx.json) io.out(redact.text(encodeJson(callJson(final, call.method, url, attempts, body, opts.include ? headers : null))));
  else if (opts.bodyOnly) io.out(prettyBody(body));
  else {
    io.out(redact.text(renderCall(final, attempts, headers, body, outcome.elapsedMs, {
      theme: ctx.theme, width: ctx.width, showSource: false, method: call.method, url,
      showHeaders: opts.include === true, showBody: opts.body !== false,
    })));
  }
  return outcome.stop === 'interrupted' ? EXIT.INTERRUPTED : exitCodeFor(final);
}

function interaction(r: SentAttempt, attempt: number, call: { method: string; headers: Record<string, string>; body?: string },
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
