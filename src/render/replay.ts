import type { Simulation } from '../core/replay.js';
import type { Classification } from '../core/types.js';
import { pathOf } from '../core/recording.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';
import { paintRetry } from './explain.js';
import { RETRY_VERDICT, wrap } from './words.js';

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
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** What the simulated policy would have achieved, in a few words. */
export function verdictWords(sim: Simulation): string {
  const retries = sim.steps.length - 1;
  const n = `${retries} ${retries === 1 ? 'retry' : 'retries'}`;
  switch (sim.stop) {
    case 'success': return retries === 0 ? 'succeeds at once' : `would succeed after ${n} (${secs(sim.elapsedMs)})`;
    case 'not-retryable': return `would stop: ${RETRY_VERDICT[sim.final.retry]}`;
    case 'retry-off': return 'retryable, but --retry is 0';
    case 'limit': return `would give up after ${n} (${secs(sim.elapsedMs)})`;
    case 'deadline': return retries === 0 ? 'would stop: the wait asked for passes the deadline' : `would stop at the deadline after ${n}`;
    case 'unsafe-method': return 'would not retry: not idempotent';
    case 'recording-ended': return `unknown: the recording ends after ${sim.steps.length} attempts`;
  }
}

/** The table of calls: method, path, attempts, final status, code and verdict. */
export function renderCallsTable(all: ReplayRow[], theme: Theme, width: number): string {
  // A table of a huge recording helps nobody and takes long to draw: show the first rows and say so.
  const rows = all.length > MAX_TABLE_ROWS ? all.slice(0, MAX_TABLE_ROWS) : all;
  const body = rows.map((r) => {
    const c = r.final;
    const verdict = r.simulation ? verdictWords(r.simulation) : c.ok ? 'ok' : RETRY_VERDICT[c.retry];
    const paint = (s: string) => (c.ok ? theme.ok(s) : paintRetry(theme, c.retry, s));
    return [r.method, r.url === '-' ? r.input : shortPath(pathOf(r.url)), attemptsCell(r), c.status === null ? '-' : String(c.status),
      paint(c.code ?? 'OK'), paint(verdict)];
  });
  const more = all.length > rows.length ? theme.dim(`... and ${all.length - rows.length} more calls (--json lists every one)\n`) : '';
  return `${renderTable(['Method', 'Path', 'Attempts', 'Status', 'Code', 'Verdict'].map((h) => theme.bold(h)), body, [], width)}\n${more}`;
}

/** Recorded attempts, and with --retry the simulated ones the verdict counts: `3 rec, 2 sim`. */
function attemptsCell(r: ReplayRow): string {
  return r.simulation ? `${r.attempts} rec, ${r.simulation.steps.length} sim` : String(r.attempts);
}

/** The summary: count per code, the share that is retryable, and the request ids to quote to support. */
export function renderReplaySummary(rows: ReplayRow[], theme: Theme, width: number): string {
  const counts = new Map<string, { n: number; retry: string }>();
  // A Set keeps first-seen order and answers `has` at once; an array's includes() made 100k rows quadratic.
  const ids = new Set<string>();
  let retryable = 0;
  let failed = 0;
  for (const r of rows) {
    const key = r.final.ok ? 'OK' : r.final.code ?? 'UNKNOWN_ERROR';
    const entry = counts.get(key) ?? { n: 0, retry: r.final.ok ? '-' : r.final.retry };
    entry.n++;
    counts.set(key, entry);
    if (!r.final.ok) failed++;
    if (r.final.retryable) retryable++;
    if (!r.final.ok && r.final.requestId) ids.add(r.final.requestId);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]));
  let out = `${renderTable(['Code', 'Calls', 'Retry'].map((h) => theme.bold(h)), sorted.map(([code, e]) => [code, String(e.n), e.retry]), [], width)}\n`;
  const share = failed === 0 ? 0 : Math.round((retryable / failed) * 100);
  out += `${rows.length} ${rows.length === 1 ? 'call' : 'calls'}: ${rows.length - failed} ok, ${failed} failed, ` +
    `${retryable} of the failures retryable (${share}%)\n`;
  if (ids.size > 0) {
    const first = [...ids].slice(0, 20);
    const list = `${first.join(', ')}${ids.size > 20 ? ` and ${ids.size - 20} more` : ''}`;
    const label = 'Request ids to quote to support:';
    out += `${theme.bold(label)}${wrap(`${label} ${list}`, width, '  ').slice(label.length)}\n`;
  }
  return out;
}

/** A path with long ids cut to their first 8 characters, so the table fits a terminal. */
export function shortPath(path: string): string {
  return path.split('/').map((seg) => (seg.length > 16 && /\d/.test(seg) ? `${seg.slice(0, 8)}…` : seg)).join('/');
}
