import type { Classification } from '../core/types.js';
import type { SourceRef } from './classification-types.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';

/** One code's row of `classify --summary`: how often, how often retryable, where first and last, sample ids. */
export interface CodeTally {
  /** null for successes. */
  code: string | null;
  count: number;
  retryable: number;
  first: SourceRef;
  last: SourceRef;
  requestIds: string[];
}

/** A summary's counts: plain data, so the tallies of parts of a log can be merged in input order. */
export interface SummaryData {
  codes: CodeTally[];
  /** The responses whose code came after MAX_CODES distinct ones, in one row with a null code. */
  more: CodeTally | null;
}

/** Distinct codes counted one by one; the rest share a row, so memory stays flat whatever the input holds. */
export const MAX_CODES = 10_000;
const SAMPLE_IDS = 3;

/** Counts classifications by code: counts and a few samples only, never the classifications themselves. */
export class SummaryTally {
  private readonly codes = new Map<string, CodeTally>();
  private more: CodeTally | null = null;

  /** Counts one classified exchange. */
  add(c: Classification, source: SourceRef): void {
    const key = keyOf(c.code);
    let t = this.codes.get(key);
    if (t === undefined) {
      if (this.codes.size >= MAX_CODES) return this.count((this.more ??= fresh(null, source)), c.retryable, c.requestId, source);
      this.codes.set(key, (t = fresh(c.code, source)));
    }
    this.count(t, c.retryable, c.requestId, source);
  }

  /** Adds a tally of a later part of the input. */
  merge(data: SummaryData): void {
    for (const row of data.codes) {
      const t = this.codes.get(keyOf(row.code));
      if (t === undefined && this.codes.size < MAX_CODES) this.codes.set(keyOf(row.code), { ...row, requestIds: [...row.requestIds] });
      else this.combine(t ?? (this.more ??= { ...row, code: null, count: 0, retryable: 0, requestIds: [] }), row);
    }
    if (data.more) this.combine((this.more ??= { ...data.more, count: 0, retryable: 0, requestIds: [] }), data.more);
  }

  /** The rows, most frequent first. */
  data(): SummaryData {
    const codes = [...this.codes.values()].sort((a, b) => b.count - a.count || (a.code ?? '').localeCompare(b.code ?? ''));
    return { codes, more: this.more };
  }

  private count(t: CodeTally, retryable: boolean, requestId: string | null, source: SourceRef): void {
    t.count++;
    if (retryable) t.retryable++;
    t.last = source;
    if (requestId !== null && t.requestIds.length < SAMPLE_IDS && !t.requestIds.includes(requestId)) t.requestIds.push(requestId);
  }

  private combine(t: CodeTally, later: CodeTally): void {
    t.count += later.count;
    t.retryable += later.retryable;
    t.last = later.last;
    for (const id of later.requestIds) if (t.requestIds.length < SAMPLE_IDS && !t.requestIds.includes(id)) t.requestIds.push(id);
  }
}

/** Successes have no code; no code read from an input is a NUL. */
function keyOf(code: string | null): string {
  return code ?? '\u0000';
}

function fresh(code: string | null, source: SourceRef): CodeTally {
  return { code, count: 0, retryable: 0, first: source, last: source, requestIds: [] };
}

/** The totals under the table and in the JSON object. */
export interface SummaryTotals {
  ok: number;
  retryable: number;
  failed: number;
  /** Parts of the input that could not be read (each reported on stderr). */
  problems: number;
}

/** `classify --summary --json`: one object for the whole input. */
export function summaryJson(data: SummaryData, totals: SummaryTotals): string {
  const row = (t: CodeTally) => ({
    code: t.code, count: t.count, retryable: t.retryable, retryableShare: Math.round((t.retryable / t.count) * 10_000) / 10_000,
    first: t.first, last: t.last, requestIds: t.requestIds,
  });
  const total = totals.ok + totals.retryable + totals.failed;
  return `${JSON.stringify({ responses: total, ...totals, codes: data.codes.map(row), more: data.more && row(data.more) })}\n`;
}

/** `classify --summary`: one table of codes, then the totals. */
export function renderSummary(data: SummaryData, totals: SummaryTotals, view: { theme: Theme; width: number; manyInputs: boolean }): string {
  const { theme } = view;
  const where = (s: SourceRef) => (view.manyInputs ? `${s.input === '-' ? 'stdin' : s.input}:${s.line}` : String(s.line));
  const row = (t: CodeTally, label: string) => [label, grouped(t.count), percent(t.retryable / t.count),
    t.first === t.last ? where(t.first) : `${where(t.first)} – ${where(t.last)}`, t.requestIds.join(', ')];
  const rows = data.codes.map((t) => row(t, t.code ?? '(success)'));
  if (data.more) rows.push(row(data.more, `(${grouped(MAX_CODES)}+ other codes)`));
  const total = totals.ok + totals.retryable + totals.failed;
  const head = ['Code', 'Responses', 'Retryable', view.manyInputs ? 'First – last' : 'Lines', 'Request ids (samples)'].map((h) => theme.bold(h));
  const table = rows.length === 0 ? '' : `${renderTable(head, rows, [], view.width)}\n`;
  const problems = totals.problems === 0 ? '' : `; ${grouped(totals.problems)} input problem${totals.problems === 1 ? '' : 's'}`;
  return `${table}${theme.dim(`${grouped(total)} responses: ${grouped(totals.ok)} ok, ${grouped(totals.retryable)} retryable, ` +
    `${grouped(totals.failed)} not retryable${problems}`)}\n`;
}

function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

function percent(share: number): string {
  const p = share * 100;
  return `${p === Math.round(p) ? p : p.toFixed(1)}%`;
}
