import { writeParts } from '../adapters/io.js';
import { EXIT, exitCodeFor, worseExit } from '../core/exit.js';
import type { Catalog } from '../core/catalog.js';
import { attemptOutcomes } from '../core/attempts.js';
import { classifyExchange, isUnsafeRetry, unreadableReason } from '../core/classify.js';
import type { Classification, Exchange, InputProblem } from '../core/types.js';
import { type ClassificationField, ClassificationEncoder } from './classification-json.js';
import type { AttemptSummary } from './classification-types.js';
import { type ClassificationView, renderClassification, renderTotals } from './classification.js';
import { type SummaryData, SummaryTally, renderSummary, summaryJson } from './classify-summary.js';
import { unsafeRepeatVerdict } from './retry-log.js';
import type { Theme } from './theme.js';

/** Where the stream writes: text, ready-made byte parts when the sink takes them, and problems. */
export interface StreamSink {
  out(text: string): void;
  outParts?(parts: (string | Uint8Array)[]): void;
  err(text: string): void;
  /** Takes input problems as they are, instead of their lines on `err` (a part of a file read elsewhere). */
  problem?(p: InputProblem): void;
}

/** What classifying a part of an input found, to add to the stream that prints the whole. */
export interface PartResult {
  exit: number;
  totals: { ok: number; retryable: number; failed: number };
  summary: SummaryData | null;
}

/** How the stream shows results. */
export interface StreamOptions {
  json: boolean;
  /** The contract fields of each JSON line; all when not given. */
  fields?: readonly ClassificationField[];
  /** One table of codes for the whole input instead of one result per exchange. */
  summary?: boolean;
  theme: Theme;
  width: number;
  catalog: Catalog;
  /** The status of a bare body that carries none. */
  statusHint?: number;
  /** Several inputs: headings name their source from the first exchange on. */
  manyInputs: boolean;
  now(): number;
}

const MAX_PROBLEM_LINES = 20;

/**
 * classify's output: each exchange is classified and printed as it arrives, so its objects die young. Only
 * the first one waits, for a second or the end, to know whether headings must name their source.
 */
export class ClassifyStream {
  exit: number = EXIT.OK;
  private readonly totals = { ok: 0, retryable: 0, failed: 0 };
  private readonly encoder: ClassificationEncoder;
  private readonly tally: SummaryTally | null;
  private readonly view: ClassificationView;
  private problems = 0;
  private held: Exchange | null = null;
  private now: number;

  constructor(private readonly sink: StreamSink, private readonly opts: StreamOptions) {
    this.encoder = new ClassificationEncoder(opts.fields);
    this.tally = opts.summary ? new SummaryTally() : null;
    this.view = { theme: opts.theme, width: opts.width, showSource: opts.manyInputs };
    this.now = opts.now();
  }

  /** Reads the clock again: called once per input chunk rather than once per line. */
  tick(): void {
    this.now = this.opts.now();
  }

  /** Reports a part of the input that could not be read (exit 2). */
  problem(p: InputProblem): void {
    this.exit = worseExit(this.exit, EXIT.USAGE);
    if (this.sink.problem) return this.sink.problem(p);
    const where = p.line > 0 ? `${p.input === '-' ? 'stdin' : p.input} line ${p.line}: ` : '';
    if (++this.problems <= MAX_PROBLEM_LINES) this.sink.err(`op-errors: ${where}${p.message}\n`);
  }

  /** Classifies and prints one exchange (the first one waits for the second). */
  exchange(ex: Exchange): void {
    const why = unreadableReason(ex, this.opts.statusHint);
    if (why) return this.problem({ ...ex.source, message: why });
    if (this.tally) return this.tallyOnly(ex);
    if (!this.view.showSource && this.held === null && this.count() === 0) {
      this.held = ex;
      return;
    }
    if (this.held) {
      this.view.showSource = true;
      this.print(this.held);
      this.held = null;
    }
    this.print(ex);
  }

  /** The counts of what was classified so far, for a stream that prints the whole input. */
  partResult(): PartResult {
    return { exit: this.exit, totals: { ...this.totals }, summary: this.tally?.data() ?? null };
  }

  /** Adds the counts of a part of the input classified elsewhere (its output and problems are passed on apart). */
  absorb(part: PartResult): void {
    this.exit = worseExit(this.exit, part.exit);
    this.totals.ok += part.totals.ok;
    this.totals.retryable += part.totals.retryable;
    this.totals.failed += part.totals.failed;
    if (part.summary) this.tally?.merge(part.summary);
  }

  /** Prints what is still held and the totals; returns the exit code. */
  finish(): number {
    if (this.held) this.print(this.held);
    this.held = null;
    if (this.problems > MAX_PROBLEM_LINES) this.sink.err(`op-errors: ${this.problems - MAX_PROBLEM_LINES} more input problems not shown\n`);
    if (this.tally) {
      const totals = { ...this.totals, problems: this.problems };
      this.sink.out(this.opts.json ? summaryJson(this.tally.data(), totals)
        : renderSummary(this.tally.data(), totals, { ...this.view, manyInputs: this.opts.manyInputs }));
    } else if (!this.opts.json && this.count() > 1) this.sink.out(`\n${renderTotals(this.totals, this.opts.theme)}`);
    return this.exit;
  }

  private print(ex: Exchange): void {
    let c: Classification;
    let output: string | (string | Buffer)[];
    try {
      c = this.classify(ex);
      const attempts = this.summarize(ex, c);
      const view = isUnsafeRetry(ex, c) ? { ...this.view, verdict: unsafeRepeatVerdict(ex.request!.method) } : this.view;
      output = this.opts.json ? this.encoder.segments(c, attempts, ex.source) : renderClassification(c, attempts, ex.source, view);
    } catch (e) {
      return this.problem({ ...ex.source, message: `could not classify this response: ${(e as Error).message}` });
    }
    const { sink } = this;
    if (typeof output === 'string') sink.out(this.count() > 0 ? `\n${output}` : output);
    else writeParts(sink, output);
    this.counted(c);
  }

  /** --summary: counts the exchange, prints nothing. */
  private tallyOnly(ex: Exchange): void {
    let c: Classification;
    try {
      c = this.classify(ex);
    } catch (e) {
      return this.problem({ ...ex.source, message: `could not classify this response: ${(e as Error).message}` });
    }
    this.tally!.add(c, ex.source);
    this.counted(c);
  }

  private counted(c: Classification): void {
    this.exit = worseExit(this.exit, exitCodeFor(c));
    if (c.ok) this.totals.ok++;
    else if (c.retryable) this.totals.retryable++;
    else this.totals.failed++;
  }

  private classify(ex: Exchange): Classification {
    return classifyExchange(ex, { catalog: this.opts.catalog, now: this.now, statusHint: this.opts.statusHint });
  }

  private count(): number {
    return this.totals.ok + this.totals.retryable + this.totals.failed;
  }

  private summarize(ex: Exchange, final: Classification): AttemptSummary[] {
    return attemptOutcomes(ex, final, { catalog: this.opts.catalog, now: this.now, statusHint: this.opts.statusHint });
  }
}
