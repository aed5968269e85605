import { pathOf } from '../core/recording.js';
import { verdictWords, shortPath } from './replay.js';
import { WAIT_REASON } from './retry-log.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';
import { type MarkOutcome, type TimelineLane, type TimelineRow, type TimelineWait, axisEnd } from './timeline-rows.js';
import { RETRY_VERDICT, humanMs } from './words.js';

const GLYPH: Record<MarkOutcome, string> = { success: '●', retryable: '▲', 'not-retryable': '■', transport: '✕' };
// Each row is several lines of glyphs that the table measures one by one, and past 50 rows the HTML report reads better.
const MAX_ROWS = 50;
const VERDICT_WIDTH = 24;

/** A wait in words: `2.0 s backoff`, `5.0 s Retry-After`. */
export function waitWords(w: TimelineWait): string {
  return `${humanMs(w.ms)} ${w.reason === 'recorded' ? 'as recorded' : WAIT_REASON[w.reason]}`;
}

/** The verdict of a row: what the simulated policy would have achieved, or how the recorded call ended. */
export function rowVerdict(row: TimelineRow): string {
  if (row.simulation) return verdictWords(row.simulation);
  return row.final.ok ? 'succeeded' : `failed: ${RETRY_VERDICT[row.final.retry]}`;
}

/** The call as a short label: `GET /api/v1/orders`. */
export function callLabel(row: Pick<TimelineRow, 'method' | 'url' | 'source'>): string {
  return row.url === '-' ? `${row.source.input} line ${row.source.line}` : `${row.method} ${shortPath(pathOf(row.url))}`;
}

/**
 * The calls as text timelines in a table that fits `width`: each attempt a glyph at its time (recorded and,
 * with --retry, simulated on their own lines), waits as rules, the deadline as a dotted bar.
 */
export function renderTimeline(rows: TimelineRow[], theme: Theme, width: number): string {
  const shown = rows.slice(0, MAX_ROWS);
  const paint: Record<MarkOutcome, (s: string) => string> = { success: theme.ok, retryable: theme.warn, 'not-retryable': theme.error, transport: theme.info };
  const indexWidth = String(shown.length).length + 2;
  // Narrow terminals take room from the call and verdict columns (they wrap) before the timeline.
  const callWidth = Math.max(12, Math.min(Math.floor(width * 0.3), Math.max(6, ...shown.map((r) => callLabel(r).length)) + 2));
  const verdictWidth = Math.max(12, Math.min(VERDICT_WIDTH, Math.floor(width * 0.25)));
  // Five borders, and the timeline's own padding and lane prefix.
  const laneWidth = Math.max(10, width - indexWidth - callWidth - verdictWidth - 5 - 2 - 4);
  const body = shown.map((row) => {
    const end = axisEnd(row);
    const lanes = [lane(row.simulated ? 'rec' : '   ', row.recorded, end, laneWidth, null, theme, paint)];
    if (row.simulated) lanes.push(lane('sim', row.simulated, end, laneWidth, row.deadlineMs, theme, paint));
    const axis = `    0${' '.repeat(Math.max(1, laneWidth - 1 - humanMs(end).length))}${humanMs(end)}`;
    const waits = (row.simulated ?? row.recorded).waits.map(waitWords);
    const pastAxis = row.deadlineMs !== null && row.deadlineMs > end ? `deadline ${humanMs(row.deadlineMs)}, past the axis` : '';
    const notes = [row.timed ? '' : 'no timestamps: order only', waits.length ? `waits: ${waits.join(', ')}` : '', pastAxis].filter(Boolean);
    const ok = row.final.ok;
    return [String(row.index), callLabel(row), [...lanes, theme.dim(axis), ...notes.map((n) => theme.dim(n))].join('\n'),
      ok ? theme.ok(rowVerdict(row)) : theme.error(rowVerdict(row))];
  });
  const more = rows.length > shown.length ? theme.dim(`... and ${rows.length - shown.length} more calls (--report draws every one)\n`) : '';
  const items = [...Object.entries(GLYPH).map(([k, g]) => `${paint[k as MarkOutcome](g)} ${k.replace('-', ' ')}`),
    `${theme.dim('─')} wait`, `${theme.error('┊')} deadline`];
  if (rows.some((r) => r.simulated)) items.push('○ after the recording ends', 'rec: recorded', 'sim: simulated with the policy');
  return `${renderTable(['#', 'Call', 'Timeline', 'Verdict'].map((h) => theme.bold(h)), body, [indexWidth, callWidth, laneWidth + 6, verdictWidth])}\n${more}${fitLines(items, width)}`;
}

/** Joins legend items two spaces apart into lines no wider than `width` (escape codes take no room). */
function fitLines(items: string[], width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line === '' ? item : `${line}  ${item}`;
    if (line !== '' && next.replace(/\x1b\[[0-9;]*m/g, '').length > width) {
      lines.push(line);
      line = item;
    } else line = next;
  }
  return `${[...lines, line].join('\n')}\n`;
}

function lane(
  name: string, l: TimelineLane, end: number, width: number, deadlineMs: number | null, theme: Theme,
  paint: Record<MarkOutcome, (s: string) => string>,
): string {
  const cells = new Array<string>(width).fill(' ');
  const col = (ms: number) => Math.max(0, Math.min(width - 1, Math.round((ms / end) * (width - 1))));
  for (const w of l.waits) for (let x = col(w.fromMs); x <= col(w.fromMs + w.ms); x++) cells[x] = theme.dim('─');
  if (deadlineMs !== null && deadlineMs <= end) cells[col(deadlineMs)] = theme.error('┊');
  for (const m of l.marks) cells[col(m.atMs)] = paint[m.outcome](m.assumed ? '○' : GLYPH[m.outcome]);
  return `${name} ${cells.join('')}`;
}
