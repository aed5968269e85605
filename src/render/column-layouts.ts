import { wrapWords } from './cell-wrap.js';

/**
 * How a column lays out at one width: each cell's lines, their sum, the words cut (an identifier split at a '_'
 * or '-' is cut too: it can no longer be searched for), and the paths split after a '/', where they read well.
 */
export interface ColumnLayout {
  lines: number[];
  total: number;
  broken: number;
  split: number;
}

/** Each column's layout at a width, worked out once per column, width and distinct text. */
export class ColumnLayouts {
  private readonly known = new Map<number, ColumnLayout>();
  /** Per column, its distinct texts, and for each cell the index of its text among them. */
  private readonly texts: string[][] = [];
  private readonly textOf: number[][] = [];

  constructor(cells: readonly (readonly string[])[]) {
    for (const column of cells) {
      const seen = new Map<string, number>();
      this.textOf.push(column.map((cell) => {
        let i = seen.get(cell);
        if (i === undefined) seen.set(cell, (i = seen.size));
        return i;
      }));
      this.texts.push([...seen.keys()]);
    }
  }

  /** What a table of these widths costs: its lines and cut words (each as bad as a line more), then cut words, split paths, all cells' lines. */
  score(width: readonly number[]): number[] {
    const columns = width.map((w, c) => this.at(c, w));
    let lines = 0;
    for (let r = 0; r < columns[0].lines.length; r++) {
      let max = 0;
      for (const column of columns) max = Math.max(max, column.lines[r]);
      lines += max;
    }
    const broken = sum(columns.map((c) => c.broken));
    return [lines + broken, broken, sum(columns.map((c) => c.split)), sum(columns.map((c) => c.total))];
  }

  /** The column's layout at `width` (padding included). */
  at(column: number, width: number): ColumnLayout {
    const key = column * 10_000 + width;
    let layout = this.known.get(key);
    if (!layout) {
      const each = this.texts[column].map((text) => textLayout(text, width - 2));
      layout = { lines: [], total: 0, broken: 0, split: 0 };
      for (const i of this.textOf[column]) {
        layout.lines.push(each[i].lines);
        layout.total += each[i].lines;
        layout.broken += each[i].broken;
        layout.split += each[i].split;
      }
      this.known.set(key, layout);
    }
    return layout;
  }
}

/** The lines a cell's text takes in `room` characters, and how many of its words are cut or split across lines. */
function textLayout(text: string, room: number): { lines: number; broken: number; split: number } {
  const layout = { lines: 0, broken: 0, split: 0 };
  for (const part of text.split('\n')) {
    if (part.length <= room) {
      layout.lines++;
      continue;
    }
    let at = 0;
    for (const line of wrapWords(part, room)) {
      layout.lines++;
      at = part.indexOf(line, at) + line.length;
      // A line that ends where no whitespace follows has broken a word in two.
      if (at < part.length && !/\s/.test(part[at])) {
        if (line.endsWith('/')) layout.split++;
        else layout.broken++;
      }
    }
  }
  return layout;
}

/** Whether costs `a` are lower than `b`, the first that differs deciding. */
export function lower(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/** The sum of the numbers. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
