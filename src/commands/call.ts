import { writeFile } from 'node:fs/promises';
import type { CommandContext } from './context.js';
import { EXIT, exitCodeFor } from '../core/exit.js';
import { VERSION } from '../adapters/version.js';
import { withEnv } from '../adapters/io.js';
import { appendToCassette, type Interaction } from '../adapters/cassette.js';
import type { RunOutcome } from '../adapters/retry-runner.js';
import { UsageError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
import { tryParseJson } from '../core/json-scanner.js';
import { nextPageUrl, pageItems } from '../core/pagination.js';
import { Redactor } from '../core/redact.js';
import { callJson, prettyBody, renderCall } from '../render/call.js';
import { encodeJson } from '../render/json.js';
import { renderClassification } from '../render/classification.js';
import { type CallFlags, type PreparedCall, prepareCall } from './call-request.js';
import { sendWithRetry } from './call-attempts.js';
import { catalogFor } from './catalog-for.js';

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
  const call = await prepareCall(opts, config, io.env, { readStdin: () => readAll(io.stdin), stdinIsTTY: io.stdinIsTTY }, VERSION);
  const redact = new Redactor(call.secrets);
  if (!opts.silent) for (const w of call.warnings) io.err(redact.text(`op-errors: warning: ${w}\n`));
  const interactions: Interaction[] = [];
  const attemptOptions = {
    io, catalog, redact, log: opts.silent ? 'none' as const : ctx.json ? 'retries' as const : 'all' as const,
    trace: opts.verbose === true, sleep: opts.sleep, random: opts.random,
  };
  let page: PreparedCall = call;
  let outcome: RunOutcome | null = null;
  let pages = 0;
  let items = 0;
  try {
    // --paginate: every page gets the same retry policy; the items print as each page arrives.
    while (pages < MAX_PAGES) {
      outcome = await sendWithRetry(page, attemptOptions, interactions);
      if (!outcome) return EXIT.INTERRUPTED;
      pages++;
      if (!opts.paginate || !outcome.final.ok || outcome.stop === 'interrupted') break;
      const body = tryParseJson(outcome.last.attempt.body.trim());
      const next = nextPageUrl(page.url, body);
      if (next === null && pages === 1) break;
      items += pageItems(body)?.length ?? 0;
      printPage(outcome, page, body, opts, ctx, redact);
      if (next === null) return finishPages(outcome, pages, items, ctx, opts);
      page = { ...page, url: next };
    }
  } finally {
    if (opts.record && interactions.length > 0) await appendToCassette(opts.record, interactions);
  }
  if (!outcome) return EXIT.INTERRUPTED;
  return printOutcome(outcome, call, opts, ctx, redact);
}

/** One page of --paginate: its JSON line, or its items as they come. */
function printPage(outcome: RunOutcome, page: PreparedCall, body: unknown, opts: CallOptions, ctx: CommandContext, redact: Redactor): void {
  if (ctx.json) {
    ctx.io.out(redact.text(encodeJson(callJson(outcome.final, page.method, redact.url(page.url), outcome.attempts, outcome.last.attempt.body, null))));
  } else if (!opts.silent) {
    for (const item of pageItems(body) ?? []) ctx.io.out(redact.text(encodeJson(item, opts.bodyOnly ? 'line' : 'pretty')));
  }
}

function finishPages(outcome: RunOutcome, pages: number, items: number, ctx: CommandContext, opts: CallOptions): number {
  if (!ctx.json && !opts.silent && !opts.bodyOnly) ctx.io.err(`op-errors: ${pages} pages, ${items} items\n`);
  return outcome.stop === 'interrupted' ? EXIT.INTERRUPTED : exitCodeFor(outcome.final);
}

/** The result of a single request: JSON, the body alone, nothing (--silent), or the human form. */
async function printOutcome(outcome: RunOutcome, call: PreparedCall, opts: CallOptions, ctx: CommandContext, redact: Redactor): Promise<number> {
  const { io } = ctx;
  const { final, attempts, last } = outcome;
  if (outcome.stop === 'interrupted') io.err(`op-errors: interrupted during the wait after attempt ${attempts.length}\n`);
  const headers = redact.headers(last.attempt.headers);
  const body = redact.text(last.attempt.body);
  const url = redact.url(call.url);
  if (opts.output) await writeOutput(opts.output, last.attempt.body);
  const shownBody = opts.output ? '' : body;
  if (ctx.json) io.out(redact.text(encodeJson(callJson(final, call.method, url, attempts, shownBody, opts.include ? headers : null))));
  else if (opts.silent) {
    if (!final.ok) io.err(redact.text(renderClassification(final, [], { input: '', line: 0 }, { theme: ctx.theme, width: ctx.width, showSource: false })));
  } else if (opts.bodyOnly) io.out(prettyBody(shownBody));
  else {
    io.out(redact.text(renderCall(final, attempts, headers, shownBody, outcome.elapsedMs, {
      theme: ctx.theme, width: ctx.width, showSource: false, method: call.method, url,
      showHeaders: opts.include === true, showBody: opts.body !== false,
    })));
  }
  return outcome.stop === 'interrupted' ? EXIT.INTERRUPTED : exitCodeFor(final);
}

/** -o FILE: the body as it came, so the classification can still go to the terminal. */
async function writeOutput(file: string, body: string): Promise<void> {
  try {
    await writeFile(file, body);
  } catch (e) {
    throw new UsageError(`-o: ${fileProblem(file, e, 'write')}`);
  }
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}
