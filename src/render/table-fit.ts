import { longestPiece } from './cell-wrap.js';
import { ColumnLayouts, lower, sum } from './column-layouts.js';

// Fitting a table to a width: every column keeps at least the room of its longest unbreakable piece (a word,
// or a part of a path or code between '/', '-' and '_'), and the room left is shared out so that the table takes
// the fewest lines, counting a cut word or identifier as one more, and then splits the fewest paths.
// So a long verdict is not squeezed to a sliver while a path or a code keeps its full width.

const MIN_COLUMN = 8;
/** Past this many combinations of column widths, each column's choices are thinned out evenly. */
const MAX_COMBINATIONS = 1000;

/**
 * Narrows `width` (per column, padding included) so that the table, borders included, fits `maxWidth`;
 * `columns` gives each column's plain texts, header first, when fitting is needed. Cells wrap, nothing is cut.
 */
export function fitColumns(width: number[], maxWidth: number, columns: () => readonly (readonly string[])[]): void {
  const room = maxWidth - width.length - 1;
  if (sum(width) <= room) return;
  const cells = columns();
  const natural = width.slice();
  const floor = natural.map((n, c) => Math.min(n, Math.max(MIN_COLUMN, Math.max(...cells[c].map(longestPiece)) + 2)));
  if (sum(floor) > room) {
    // Not even whole pieces fit: the header's words are kept where possible, the values are broken.
    const header = cells.map((column, c) => Math.min(floor[c], Math.max(MIN_COLUMN, longestPiece(column[0]) + 2)));
    width.splice(0, width.length, ...floor);
    shrinkWidest(width, room, header);
    floor.splice(0, floor.length, ...width.map((w, c) => Math.min(w, header[c])));
  }
  const layouts = new ColumnLayouts(cells);
  const choices = natural.map((n, c) => widthsThatMatter(layouts, c, floor[c], Math.min(n, room - sum(floor) + floor[c])));
  thin(choices);
  const best = cheapest(choices, room, layouts);
  width.splice(0, width.length, ...best);
  // The room no column can use to save anything goes to the columns furthest from their natural width.
  for (let extra = room - sum(width); extra > 0; extra--) {
    let pick = -1;
    for (let c = 0; c < width.length; c++) if (width[c] < natural[c] && (pick < 0 || natural[c] - width[c] > natural[pick] - width[pick])) pick = c;
    if (pick < 0) break;
    width[pick]++;
  }
}

/** The widths from `least` to `most` at which the column lays out differently than one narrower. */
function widthsThatMatter(layouts: ColumnLayouts, column: number, least: number, most: number): number[] {
  const widths = [least];
  let before = layouts.at(column, least);
  for (let w = least + 1; w <= most; w++) {
    const now = layouts.at(column, w);
    if (now.total !== before.total || now.broken !== before.broken || now.split !== before.split) widths.push(w);
    before = now;
  }
  return widths;
}

/** Keeps every column's narrowest and widest choice and evenly spaced ones between, until the combinations are few enough. */
function thin(choices: number[][]): void {
  const combinations = () => choices.slice(0, -1).reduce((n, c) => n * c.length, 1);
  while (combinations() > MAX_COMBINATIONS) {
    const longest = choices.slice(0, -1).reduce((a, c) => (c.length > a.length ? c : a));
    // With two choices left halving keeps both: such a column keeps its narrowest, which always fits, and
    // the room left over is handed out afterwards.
    const kept = longest.length <= 2 ? [longest[0]] : longest.filter((_, i) => i % 2 === 0 || i === longest.length - 1);
    longest.splice(0, longest.length, ...kept);
  }
}

/** The combination of choices that fits `room` and costs least; the last column takes the widest choice left. */
function cheapest(choices: readonly number[][], room: number, layouts: ColumnLayouts): number[] {
  const last = choices.length - 1;
  let best: { width: number[]; score: number[] } | null = null;
  const width: number[] = [];
  const leastAfter = choices.map((_, c) => sum(choices.slice(c + 1).map((w) => w[0])));
  const visit = (c: number, left: number) => {
    if (c === last) {
      const fits = choices[c].filter((w) => w <= left);
      width[c] = fits.length > 0 ? fits[fits.length - 1] : choices[c][0];
      const score = layouts.score(width);
      if (!best || lower(score, best.score)) best = { width: width.slice(), score };
      return;
    }
    for (const w of choices[c]) {
      if (w + leastAfter[c] > left) break;
      width[c] = w;
      visit(c + 1, left - w);
    }
  };
  visit(0, room);
  return best ? (best as { width: number[] }).width : choices.map((c) => c[0]);
}

/**
 * Below every column's unbreakable room: the widest column gives up a character at a time, first down to its
 * header's longest word (a broken header is harder to read than a broken value), then down to a few.
 */
function shrinkWidest(width: number[], room: number, header: readonly number[]): void {
  let total = sum(width);
  for (const least of [(c: number) => header[c], () => MIN_COLUMN]) {
    while (total > room) {
      let pick = -1;
      for (let c = 0; c < width.length; c++) if (width[c] > least(c) && (pick < 0 || width[c] > width[pick])) pick = c;
      if (pick < 0) break;
      width[pick]--;
      total--;
    }
  }
}
