import type { CommandContext } from '../cli/context.js';
import { EXIT, exitCodeFor, worseExit } from '../cli/exit.js';
import { InputError, UsageError } from '../cli/errors.js';
import { shouldFlush } from '../cli/io.js';
import { defaultCatalog } from '../data/catalog.js';
import type { Catalog } from '../core/catalog.js';
import { classifyExchange, unreadableReason } from '../core/classify.js';
import { ExchangeReader } from '../core/exchange-reader.js';
import type { Classification, Exchange, InputProblem } from '../core/types.js';
import { openInput } from '../input/open-input.js';
import { readLines } from '../input/read-lines.js';
import {
  type AttemptSummary, type ClassificationView, classificationJson, renderClassification, renderTotals,
} from '../render/classification.js';
import { loadTableMaker } from '../render/table.js';

/** What `classify` was asked. */
export interface ClassifyCommandOptions {
  files: string[];
  status?: number;
  catalog?: Catalog;
}

const MAX_PROBLEM_LINES = 20;

/** Classifies every exchange in the inputs, streaming; returns the worst exit code. */
export async function runClassify(opts: ClassifyCommandOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const inputs = opts.files.length > 0 ? opts.files : ['-'];
  if (inputs.includes('-') && io.stdinIsTTY) {
    throw new UsageError('classify reads responses from files or a pipe, and nothing is piped in. ' +
      'Example: curl -si https://api.openprospect.io/api/v1/orders | op-errors classify');
  }
  const catalog = opts.catalog ?? defaultCatalog;
  const view: ClassificationView = {
    theme: ctx.theme, width: ctx.width, showSource: inputs.length > 1,
    table: ctx.json ? () => '' : await loadTableMaker(ctx.theme),
  };
  let exit: number = EXIT.OK;
  let queued = 0;
  let problems = 0;
  const totals = { ok: 0, retryable: 0, failed: 0 };
  let held: Exchange | null = null;

  const report = (p: InputProblem) => {
    exit = worseExit(exit, EXIT.USAGE);
    const where = p.line > 0 ? `${p.input === '-' ? 'stdin' : p.input} line ${p.line}: ` : '';
    if (++problems <= MAX_PROBLEM_LINES) io.err(`op-errors: ${where}${p.message}\n`);
  };
  const emit = (ex: Exchange) => {
    let c: Classification;
    let text: string;
    try {
      c = classifyExchange(ex, { catalog, now: io.now(), statusHint: opts.status });
      const attempts = summarize(ex, c, catalog, io.now(), opts.status);
      text = ctx.json ? `${classificationJson(c, attempts, ex.source)}\n` : renderClassification(c, attempts, ex.source, view);
    } catch (e) {
      return report({ ...ex.source, message: `could not classify this response: ${(e as Error).message}` });
    }
    if (!ctx.json && (totals.ok + totals.retryable + totals.failed > 0)) text = `\n${text}`;
    io.out(text);
    queued += text.length;
    exit = worseExit(exit, exitCodeFor(c));
    if (c.ok) totals.ok++;
    else if (c.retryable) totals.retryable++;
    else totals.failed++;
  };
  const sink = {
    exchange(ex: Exchange) {
      const why = unreadableReason(ex, opts.status);
      if (why) return report({ ...ex.source, message: why });
      // The first exchange waits for a second, so headings name their source only when there are several.
      if (!view.showSource && held === null && totals.ok + totals.retryable + totals.failed === 0) {
        held = ex;
        return;
      }
      if (held) {
        view.showSource = true;
        emit(held);
        held = null;
      }
      emit(ex);
    },
    problem: report,
  };
  for (const input of inputs) {
    try {
      const reader = new ExchangeReader(input, sink);
      const source = await openInput(input, io.stdin);
      const lines = await readLines(source, (line, n) => reader.line(line, n), async () => {
        if (shouldFlush(queued)) {
          queued = 0;
          await io.flush();
        }
      });
      reader.end(lines);
    } catch (e) {
      if (!(e instanceof InputError) && !(e as NodeJS.ErrnoException).code) throw e;
      report({ input, line: 0, message: (e as Error).message });
    }
  }
  if (held) emit(held);
  if (problems > MAX_PROBLEM_LINES) io.err(`op-errors: ${problems - MAX_PROBLEM_LINES} more input problems not shown\n`);
  const count = totals.ok + totals.retryable + totals.failed;
  if (!ctx.json && count > 1) io.out(`\n${renderTotals(totals, ctx.theme)}`);
  return exit;
}

function summarize(ex: Exchange, final: Classification, catalog: Catalog, now: number, statusHint?: number):
  AttemptSummary[] {
  if (ex.attempts.length === 1) return [{ status: final.status, code: final.code }];
  return ex.attempts.map((a) => {
    const c = classifyExchange({ attempts: [a], source: ex.source }, { catalog, now, statusHint });
    return { status: c.status, code: c.code };
  });
}
