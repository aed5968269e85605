// A box table drawn like cli-table3 draws it (same borders, padding and word wrap), without its cost:
// no RegExp built per call, no per-cell objects. Unlike cli-table3, a word longer than its column is
// broken across lines instead of cut with "…": a table never loses content.

const ANSI = /\x1b\[[0-9;]*m/g;
const LEADING_ANSI = /^(?:\x1b\[[0-9;]*m)+/;
const TRAILING_ANSI = /(?:\x1b\[[0-9;]*m)+$/;
const SPACES = /(\s+)/;

/** Column widths, border and padding included; null lets a column take its content's width. */
export type ColumnWidths = readonly (number | null)[];

/** The width of text on screen: its characters without colour codes. */
export function visibleLength(s: string): number {
  return s.indexOf('\x1b') === -1 ? s.length : s.replace(ANSI, '').length;
}

const MIN_COLUMN = 8;

/**
 * Renders rows under a header; the header cells arrive already styled. With `maxWidth`, the widest columns
 * give up room until the table fits (cells wrap, nothing is cut), down to a few characters each.
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
  if (maxWidth !== undefined) fit(width, maxWidth, longestWords(head, rows));
  const rule = (left: string, mid: string, right: string) => left + width.map((w) => '─'.repeat(w)).join(mid) + right;
  const out = [rule('┌', '┬', '┐'), ...drawRow(head, width)];
  for (const row of rows) out.push(rule('├', '┼', '┤'), ...drawRow(row, width));
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

/**
 * Narrows the widest column, one character at a time, until the table (borders included) fits: first only
 * columns wider than their longest word (they wrap between words), then any column down to a few characters.
 */
function fit(width: number[], maxWidth: number, words: number[]): void {
  let total = width.reduce((a, b) => a + b, 0) + width.length + 1;
  while (total > maxWidth) {
    let pick = -1;
    for (let c = 0; c < width.length; c++) if (width[c] > words[c] && (pick < 0 || width[c] > width[pick])) pick = c;
    if (pick < 0) for (let c = 0; c < width.length; c++) if (width[c] > MIN_COLUMN && (pick < 0 || width[c] > width[pick])) pick = c;
    if (pick < 0) return;
    width[pick]--;
    total--;
  }
}

/** Per column, the room its longest word needs (padding included). */
function longestWords(head: readonly string[], rows: readonly (readonly string[])[]): number[] {
  return head.map((h, c) => {
    let max = 0;
    for (const cell of [h, ...rows.map((r) => r[c] ?? '')]) {
      for (const word of cell.split(SPACES)) max = Math.max(max, visibleLength(word));
    }
    return Math.max(MIN_COLUMN, max + 2);
  });
}

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

/** Greedy word wrap that keeps the whitespace between words on a line; a word longer than a line is broken. */
function wrapWords(text: string, room: number): string[] {
  const parts = text.split(SPACES);
  const lines: string[] = [];
  let line = '';
  let whitespace = '';
  for (let i = 0; i < parts.length; i += 2) {
    let word = parts[i];
    const joined = line === '' ? word : line + whitespace + word;
    if (joined.length <= room) line = joined;
    else {
      if (line !== '') lines.push(line);
      while (word.length > room) {
        lines.push(word.slice(0, room));
        word = word.slice(room);
      }
      line = word;
    }
    whitespace = parts[i + 1] ?? '';
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
