import type { CommandContext } from './context.js';
import { callVerdict, exitCodeFor } from '../core/exit.js';
import { VERSION } from '../adapters/version.js';
import { readAllText, withEnv } from '../adapters/io.js';
import { CassetteRecorder } from '../adapters/cassette-recorder.js';
import { openBodyFile } from '../adapters/body-stream.js';
import type { HttpResult } from '../adapters/http.js';
import { UsageError } from '../core/errors.js';
import { tryParseJson } from '../core/json-scanner.js';
import { nextPageUrl, pageItems } from '../core/pagination.js';
import { Redactor, environmentSecrets } from '../core/redact.js';
import type { LoopOutcome } from '../core/retry-loop.js';
import { callJson } from '../render/call.js';
import { encodeJson } from '../render/json.js';
import { type CallFlags, type PreparedCall, prepareCall } from './call-request.js';
import { type AttemptOptions, sendWithRetry } from './call-attempts.js';
import { catalogFor } from './catalog-for.js';
import { printOutcome } from './call-output.js';

/** `call` flags plus what only tests replace: the clock's sleep and the jitter source. */
export interface CallOptions extends CallFlags {
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

const MAX_PAGES = 10_000;

/** Sends the request, retrying as the policy allows, and prints the classified result; returns the exit code. */
export async function runCall(opts: CallOptions, ctx: CommandContext): Promise<number> {
  if (opts.sandbox === undefined || opts.sandbox === false) return callOnce(opts, ctx);
  const { startSandbox } = await import('../sandbox/sandbox.js');
  const scenario = typeof opts.sandbox === 'string' ? opts.sandbox : undefined;
  const sandbox = await startSandbox({ port: 0, scenario, log: opts.verbose ? (line) => ctx.io.err(`sandbox: ${line}\n`) : undefined });
  try {
    // The sandbox knows only its own keys: the full-access one stands in for the user's.
    const env = { ...ctx.io.env, OPENPROSPECT_API_KEY: 'lnc_test_full_access', OPENPROSPECT_BASE_URL: sandbox.url };
    return await callOnce({ ...opts, baseUrl: sandbox.url }, { ...ctx, io: withEnv(ctx.io, env) });
  } finally {
    await sandbox.close();
  }
}

async function callOnce(opts: CallOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  if (opts.silent && ctx.json) throw new UsageError('--silent prints nothing, --json prints JSON: use one of them');
  if (opts.bodyOnly && ctx.json) throw new UsageError('--body-only prints the body, --json prints the whole record: use one of them');
  if (opts.paginate && opts.output) throw new UsageError('--paginate prints each page as it comes; -o/--output writes one body: use one of them');
  const loaded = await ctx.config();
  const catalog = await catalogFor(ctx);
  const config = opts.sandbox ? { ...loaded?.config, apiKeyEnv: undefined, baseUrl: undefined } : loaded?.config ?? null;
  const call = await prepareCall(opts, config, io.env, { readStdin: () => readAllText(io.stdin), stdinIsTTY: io.stdinIsTTY }, VERSION);
  // The environment's secrets too: a body written byte for byte passes no other masking on its way out.
  const redact = new Redactor([...call.secrets, ...environmentSecrets(io.env)]);
  const warn = (w: string) => void (opts.silent || io.err(redact.text(`op-errors: warning: ${w}\n`)));
  call.warnings.forEach(warn);
  // The cassette is checked and its lock taken before anything is sent, so a bad path loses no response.
  const recorder = opts.record ? await CassetteRecorder.open(opts.record, warn) : null;
  const bodyFile = opts.output ? await openBodyFile(opts.output) : null;
  const attempts: AttemptOptions = {
    io, catalog, redact, recorder, log: opts.silent ? 'none' : ctx.json ? 'retries' : 'all',
    trace: opts.verbose === true, sleep: opts.sleep, random: opts.random,
  };
  // --paginate: every page gets the same retry policy; the items print as each page arrives.
  let page: PreparedCall = call;
  let items = 0;
  for (let pages = 1; ; pages++) {
    const sent = await sendWithRetry(page, attempts);
    if ('exit' in sent) return sent.exit;
    const { outcome, signal } = sent;
    const body = opts.paginate && outcome.final.ok && outcome.stop !== 'interrupted' ? tryParseJson(outcome.last.attempt.body.trim()) : undefined;
    const next = body === undefined || pages >= MAX_PAGES ? null : nextPageUrl(page.url, body);
    if (next === null && (pages === 1 || body === undefined)) return printOutcome(outcome, signal, page, opts, ctx, redact, bodyFile);
    items += pageItems(body)?.length ?? 0;
    printPage(outcome, page, body, opts, ctx, redact);
    if (next === null) {
      if (!ctx.json && !opts.silent && !opts.bodyOnly) io.err(`op-errors: ${pages} pages, ${items} items\n`);
      return exitCodeFor(callVerdict(outcome.final, outcome.stop));
    }
    page = { ...page, url: next };
  }
}

/** One page of --paginate: its JSON line, or its items as they come. */
function printPage(outcome: LoopOutcome<HttpResult>, page: PreparedCall, body: unknown, opts: CallOptions, ctx: CommandContext, redact: Redactor): void {
  if (ctx.json) {
    const attempts = outcome.steps.map((s) => s.record);
    const final = callVerdict(outcome.final, outcome.stop);
    ctx.io.out(redact.text(encodeJson(callJson(final, page.method, redact.url(page.url), attempts, outcome.last.attempt.body, null, { stop: outcome.stop }))));
  } else if (!opts.silent) {
    for (const item of pageItems(body) ?? []) ctx.io.out(redact.text(encodeJson(item, opts.bodyOnly ? 'line' : 'pretty')));
  }
}
