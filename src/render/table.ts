import { wrapWords } from './cell-wrap.js';
import { fitColumns } from './table-fit.js';

// A box table drawn like cli-table3 draws it (same borders, padding and word wrap), without its cost:
// no RegExp built per call, no per-cell objects. Unlike cli-table3, a word longer than its column is
// broken across lines instead of cut with "…": a table never loses content.

const ANSI = /\x1b\[[0-9;]*m/g;
const LEADING_ANSI = /^(?:\x1b\[[0-9;]*m)+/;
const TRAILING_ANSI = /(?:\x1b\[[0-9;]*m)+$/;

/** Column widths, border and padding included; null lets a column take its content's width. */
export type ColumnWidths = readonly (number | null)[];

/** The width of text on screen: its characters without colour codes. */
export function visibleLength(s: string): number {
  return s.indexOf('\x1b') === -1 ? s.length : s.replace(ANSI, '').length;
}

/**
 * Renders rows under a header; the header cells arrive already styled. With `maxWidth`, the columns give up
 * room until the table fits, where it costs the fewest lines (cells wrap, nothing is cut).
 */
export function renderTable(
  head: readonly string[], rows: readonly (readonly string[])[], widths: ColumnWidths = [], maxWidth?: number,
): string {
  const cols = head.length;
  const width: number[] = [];
  for (let c = 0; c < cols; c++) {
    const fixed = widths[c];
    if (fixed !== undefined && fixed !== null) width.push(fixed);
    else {
      let max = 0;
      for (const line of head[c].split('\n')) max = Math.max(max, visibleLength(line));
      for (const row of rows) for (const line of (row[c] ?? '').split('\n')) max = Math.max(max, visibleLength(line));
      width.push(max + 2);
    }
  }
  if (maxWidth !== undefined) fitColumns(width, maxWidth, () => head.map((h, c) => [h, ...rows.map((r) => r[c] ?? '')].map(plain)));
  const rule = (left: string, mid: string, right: string) => left + width.map((w) => '─'.repeat(w)).join(mid) + right;
  const out = [rule('┌', '┬', '┐'), ...drawRow(head, width)];
  for (const row of rows) out.push(rule('├', '┼', '┤'), ...drawRow(row, width));
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

const plain = (s: string) => (s.indexOf('\x1b') === -1 ? s : s.replace(ANSI, ''));

/** The lines of one row: every cell wrapped to its column, shorter cells padded below. */
function drawRow(cells: readonly string[], width: readonly number[]): string[] {
  const wrapped = width.map((w, c) => cellLines(cells[c] ?? '', w - 2));
  const height = Math.max(1, ...wrapped.map((l) => l.length));
  const lines: string[] = [];
  for (let i = 0; i < height; i++) {
    let line = '│';
    for (let c = 0; c < width.length; c++) {
      const text = wrapped[c][i] ?? '';
      line += ` ${text}${' '.repeat(Math.max(0, width[c] - 2 - visibleLength(text)))} │`;
    }
    lines.push(line);
  }
  return lines;
}

/** A cell's lines: each of its own lines word-wrapped to `room`, a cell's colour repeated on every line. */
function cellLines(cell: string, room: number): string[] {
  const lines: string[] = [];
  for (const part of cell.split('\n')) {
    if (visibleLength(part) <= room) {
      lines.push(part);
      continue;
    }
    const prefix = LEADING_ANSI.exec(part)?.[0] ?? '';
    const suffix = prefix ? TRAILING_ANSI.exec(part)?.[0] ?? '' : '';
    const plain = prefix ? part.replace(ANSI, '') : part;
    for (const l of wrapWords(plain, Math.max(1, room))) lines.push(prefix + l + suffix);
  }
  return lines;
}
