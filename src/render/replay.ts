import type { Simulation } from '../core/replay.js';
import type { Classification } from '../core/types.js';
import { pathOf } from '../core/recording.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';
import { paintRetry } from './explain.js';
import { RETRY_VERDICT, humanMs, wrap } from './words.js';

/** One replayed call, ready to show. */
export interface ReplayRow {
  method: string;
  url: string;
  input: string;
  attempts: number;
  final: Classification;
  simulation: Simulation | null;
}

const MAX_TABLE_ROWS = 200;

/** What the simulated policy would have achieved, in a few words. */
export function verdictWords(sim: Simulation): string {
  const retries = sim.steps.length - 1;
  const n = `${retries} ${retries === 1 ? 'retry' : 'retries'}`;
  switch (sim.stop) {
    case 'success': return retries === 0 ? 'succeeds at once' : `would succeed after ${n} (${humanMs(sim.elapsedMs)})`;
    case 'not-retryable': return `would stop: ${RETRY_VERDICT[sim.final.retry]}`;
    case 'retry-off': return 'retryable, but --retry is 0';
    case 'limit': return `would give up after ${n} (${humanMs(sim.elapsedMs)})`;
    case 'deadline': return retries === 0 ? 'would stop: the wait asked for passes the deadline' : `would stop at the deadline after ${n}`;
    case 'unsafe-method': return 'would not retry: not idempotent';
    case 'recording-ended': return `unknown: the recording ends after ${sim.steps.length} attempts`;
  }
}

/**
 * What the table and summary of a replay need, gathered call by call: the first rows to show and the counts,
 * so that replaying millions of calls holds no more than a table's worth of them.
 */
export class ReplayTally {
  /** The first calls, as the table shows them. */
  readonly shown: ReplayRow[] = [];
  calls = 0;
  failed = 0;
  retryable = 0;
  readonly counts = new Map<string, { n: number; retry: string }>();
  // A Set keeps first-seen order and answers `has` at once; an array's includes() made 100k rows quadratic.
  readonly ids = new Set<string>();
  /** Request ids past the ones kept. */
  moreIds = 0;

  /** Counts one replayed call. */
  add(r: ReplayRow): void {
    this.calls++;
    if (this.shown.length < MAX_TABLE_ROWS) this.shown.push(r);
    const key = r.final.ok ? 'OK' : r.final.code ?? 'UNKNOWN_ERROR';
    const entry = this.counts.get(key) ?? { n: 0, retry: r.final.ok ? '-' : r.final.retry };
    entry.n++;
    this.counts.set(key, entry);
    if (!r.final.ok) this.failed++;
    if (r.final.retryable) this.retryable++;
    // Only the first 20 ids are shown: past MAX_IDS distinct ones, the rest are counted without a set (repeats included).
    if (!r.final.ok && r.final.requestId && this.ids.size < MAX_IDS) this.ids.add(r.final.requestId);
    else if (!r.final.ok && r.final.requestId && !this.ids.has(r.final.requestId)) this.moreIds++;
  }
}

const MAX_IDS = 10_000;

/** The table of calls: method, path, attempts, final status, code and verdict. */
export function renderCallsTable(rows: ReplayRow[], total: number, theme: Theme, width: number): string {
  // A table of a huge recording helps nobody and takes long to draw: the first rows are shown, with the count.
  const body = rows.map((r) => {
    const c = r.final;
    const verdict = r.simulation ? verdictWords(r.simulation) : c.ok ? 'ok' : RETRY_VERDICT[c.retry];
    const paint = (s: string) => (c.ok ? theme.ok(s) : paintRetry(theme, c.retry, s));
    return [r.method, r.url === '-' ? r.input : shortPath(pathOf(r.url)), attemptsCell(r), c.status === null ? '-' : String(c.status),
      paint(c.code ?? 'OK'), paint(verdict)];
  });
  const more = total > rows.length ? theme.dim(`... and ${total - rows.length} more calls (--json lists every one)\n`) : '';
  return `${renderTable(['Method', 'Path', 'Attempts', 'Status', 'Code', 'Verdict'].map((h) => theme.bold(h)), body, [], width)}\n${more}`;
}

/** Recorded attempts, and with --retry the simulated ones the verdict counts: `3 rec, 2 sim`. */
function attemptsCell(r: ReplayRow): string {
  return r.simulation ? `${r.attempts} rec, ${r.simulation.steps.length} sim` : String(r.attempts);
}

/** The summary: count per code, the share that is retryable, and the request ids to quote to support. */
export function renderReplaySummary(t: ReplayTally, theme: Theme, width: number): string {
  const sorted = [...t.counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  let out = `${renderTable(['Code', 'Calls', 'Retry'].map((h) => theme.bold(h)), sorted.map(([code, e]) => [code, String(e.n), e.retry]), [], width)}\n`;
  const share = t.failed === 0 ? 0 : Math.round((t.retryable / t.failed) * 100);
  out += `${t.calls} ${t.calls === 1 ? 'call' : 'calls'}: ${t.calls - t.failed} ok, ${t.failed} failed, ` +
    `${t.retryable} of the failures retryable (${share}%)\n`;
  const total = t.ids.size + t.moreIds;
  if (total > 0) {
    const list = `${[...t.ids].slice(0, 20).join(', ')}${total > 20 ? ` and ${total - 20} more` : ''}`;
    const label = 'Request ids to quote to support:';
    out += `${theme.bold(label)}${wrap(`${label} ${list}`, width, '  ').slice(label.length)}\n`;
  }
  return out;
}

/** A path with long ids cut to their first 8 characters, so the table fits a terminal. */
export function shortPath(path: string): string {
  return path.split('/').map((seg) => (seg.length > 16 && /\d/.test(seg) ? `${seg.slice(0, 8)}…` : seg)).join('/');
}
