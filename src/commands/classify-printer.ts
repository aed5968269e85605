import type { CommandContext } from '../cli/context.js';
import { EXIT, exitCodeFor, worseExit } from '../core/exit.js';
import type { Catalog } from '../core/catalog.js';
import { attemptOutcomes } from '../core/attempts.js';
import { classifyExchange, unreadableReason } from '../core/classify.js';
import type { Classification, Exchange, InputProblem } from '../core/types.js';
import {
  type AttemptSummary, type ClassificationView, renderClassification, renderTotals,
} from '../render/classification.js';
import { loadTableMaker } from '../render/table.js';
import { classificationSegments } from '../render/classification-json.js';

const MAX_PROBLEM_LINES = 20;

/** Turns exchanges and input problems into output, keeping the totals and the worst exit code. */
export class ClassifyPrinter {
  exit: number = EXIT.OK;
  private readonly totals = { ok: 0, retryable: 0, failed: 0 };
  private problems = 0;
  private held: Exchange | null = null;
  private pending: Exchange[] = [];
  /** The clock, read once per input chunk rather than once per line. */
  private now: number;
  private readonly view: ClassificationView;

  constructor(
    private readonly ctx: CommandContext,
    private readonly catalog: Catalog,
    private readonly statusHint: number | undefined,
    manyInputs: boolean,
  ) {
    this.view = { theme: ctx.theme, width: ctx.width, showSource: manyInputs };
    this.now = ctx.io.now();
  }

  /** Reports a part of the input that could not be read (exit 2). */
  problem(p: InputProblem): void {
    this.exit = worseExit(this.exit, EXIT.USAGE);
    const where = p.line > 0 ? `${p.input === '-' ? 'stdin' : p.input} line ${p.line}: ` : '';
    if (++this.problems <= MAX_PROBLEM_LINES) this.ctx.io.err(`op-errors: ${where}${p.message}\n`);
  }

  /**
   * Classifies and prints one exchange at once, so its objects die young (queueing a chunk's worth made
   * the garbage collector the main cost on large logs). Only an exchange whose field table needs
   * cli-table3, not loaded yet, waits for `drain`; later ones queue behind it to keep the order.
   */
  exchange(ex: Exchange): void {
    if (this.pending.length > 0) {
      this.pending.push(ex);
      return;
    }
    const why = unreadableReason(ex, this.statusHint);
    if (why) return this.problem({ ...ex.source, message: why });
    // The first exchange waits for a second, so headings name their source only when there are several.
    if (!this.view.showSource && this.held === null && this.count() === 0) {
      this.held = ex;
      return;
    }
    if (this.held) {
      this.view.showSource = true;
      const first = this.held;
      this.held = null;
      if (!this.print(first)) {
        this.pending.push(first, ex);
        return;
      }
    }
    if (!this.print(ex)) this.pending.push(ex);
  }

  /** Loads the table renderer if an exchange waits for it, then prints what waited. */
  async drain(): Promise<void> {
    this.now = this.ctx.io.now();
    if (this.pending.length === 0) return;
    this.view.table ??= await loadTableMaker(this.ctx.theme);
    const waiting = this.pending;
    this.pending = [];
    for (const ex of waiting) this.exchange(ex);
  }

  /** Prints what is still held and the totals; returns the exit code. */
  async finish(): Promise<number> {
    await this.drain();
    if (this.held) {
      const last = this.held;
      this.held = null;
      if (!this.print(last)) {
        this.view.table = await loadTableMaker(this.ctx.theme);
        this.print(last);
      }
    }
    const { io } = this.ctx;
    if (this.problems > MAX_PROBLEM_LINES) io.err(`op-errors: ${this.problems - MAX_PROBLEM_LINES} more input problems not shown\n`);
    if (!this.ctx.json && this.count() > 1) io.out(`\n${renderTotals(this.totals, this.ctx.theme)}`);
    return this.exit;
  }

  /** Prints one exchange; false when it needs the table renderer first. */
  private print(ex: Exchange): boolean {
    const { io, json } = this.ctx;
    let c: Classification;
    let output: string | (string | Buffer)[];
    try {
      c = classifyExchange(ex, { catalog: this.catalog, now: this.now, statusHint: this.statusHint });
      if (!json && c.fields.length > 0 && !this.view.table) return false;
      const attempts = this.summarize(ex, c);
      output = json ? classificationSegments(c, attempts, ex.source) : renderClassification(c, attempts, ex.source, this.view);
    } catch (e) {
      this.problem({ ...ex.source, message: `could not classify this response: ${(e as Error).message}` });
      return true;
    }
    if (typeof output === 'string') io.out(this.count() > 0 ? `\n${output}` : output);
    else if (io.outParts) io.outParts(output);
    else io.out(output.map((p) => (typeof p === 'string' ? p : p.toString('utf8'))).join(''));
    this.exit = worseExit(this.exit, exitCodeFor(c));
    if (c.ok) this.totals.ok++;
    else if (c.retryable) this.totals.retryable++;
    else this.totals.failed++;
    return true;
  }

  private count(): number {
    return this.totals.ok + this.totals.retryable + this.totals.failed;
  }

  private summarize(ex: Exchange, final: Classification): AttemptSummary[] {
    return attemptOutcomes(ex, final, { catalog: this.catalog, now: this.now, statusHint: this.statusHint });
  }
}
