import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/render/table.js';

// cli-table3 stays installed for this comparison only: the box renderer must look exactly as it did.
const Table = createRequire(import.meta.url)('cli-table3') as new (o: object) => { push(...r: string[][]): void; toString(): string };

function cliTable3(head: string[], rows: string[][], widths?: (number | null)[]): string {
  const t = new Table({ head, style: { head: [], border: [] }, ...(widths ? { colWidths: widths, wordWrap: true } : {}) });
  t.push(...rows);
  return t.toString();
}

/** A seeded generator, so a failure names the case that broke. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('renderTable', () => {
  it('draws byte for byte what cli-table3 drew, for words that fit their columns', () => {
    const r = random(7);
    const word = () => 'abcdefghij'.slice(0, 1 + Math.floor(r() * 8));
    const text = () => Array.from({ length: Math.floor(r() * 12) }, word).join(r() < 0.2 ? '\n' : ' ');
    for (let i = 0; i < 300; i++) {
      const cols = 1 + Math.floor(r() * 4);
      const head = Array.from({ length: cols }, word);
      const rows = Array.from({ length: Math.floor(r() * 4) }, () => Array.from({ length: cols }, text));
      const widths = r() < 0.5 ? undefined : head.map(() => (r() < 0.5 ? null : 12 + Math.floor(r() * 20)));
      expect(renderTable(head, rows, widths), JSON.stringify({ head, rows, widths })).toBe(cliTable3(head, rows, widths));
    }
  });

  it('keeps the colour of a wrapped cell on each of its lines, as cli-table3 did', () => {
    const cell = '\x1b[33mcoloured text here\x1b[39m';
    expect(renderTable(['X', 'Y'], [[cell, 'z']], [10, null])).toBe(cliTable3(['X', 'Y'], [[cell, 'z']], [10, null]));
  });

  it('breaks a word longer than its column instead of cutting it', () => {
    const out = renderTable(['Field'], [['items[0].identifier_value_that_is_long']], [12]);
    expect(out.replace(/[│ \n]/g, '').replace(/[┌┐└┘─├┤┬┴┼]/g, '')).toBe('Fielditems[0].identifier_value_that_is_long');
    for (const line of out.split('\n')) expect(line.length).toBe(14);
  });
});
