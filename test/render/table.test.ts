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

  it('fits any width of 8 characters a column or more, and keeps every character', () => {
    const r = random(11);
    const word = () => 'abcdefghijklmnopqrstuvwxyz_/-'.slice(Math.floor(r() * 20)).slice(0, 1 + Math.floor(r() * 14));
    const text = () => Array.from({ length: Math.floor(r() * 10) }, word).join(' ');
    const chars = (s: string) => [...s.replace(/[┌┐└┘─├┤┬┴┼│\s]/g, '')].sort().join('');
    for (let i = 0; i < 200; i++) {
      const cols = 1 + Math.floor(r() * 6);
      const head = Array.from({ length: cols }, word);
      const rows = Array.from({ length: Math.floor(r() * 6) }, () => Array.from({ length: cols }, text));
      const maxWidth = cols * 9 + 1 + Math.floor(r() * 60);
      const out = renderTable(head, rows, [], maxWidth);
      const what = JSON.stringify({ head, rows, maxWidth });
      for (const line of out.split('\n')) expect(line.length, what).toBeLessThanOrEqual(maxWidth);
      expect(chars(out), what).toBe(chars([...head, ...rows.flat()].join('')));
    }
  });

  it('fits a table of many columns, each with few width choices (it once looped for ever)', () => {
    // Twelve columns of two words each: every column has two widths that matter, 2^11 combinations in all.
    const head = Array.from({ length: 12 }, (_, c) => `Column ${c}`);
    const rows = [head.map((_, c) => `value${c} wrapped${c}`)];
    const out = renderTable(head, rows, [], 160);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(160);
  });

  it('gives the room to the column that needs it: a sentence is not squeezed while a path and a code keep full width', () => {
    const head = ['Method', 'Path', 'Attempts', 'Status', 'Code', 'Verdict'];
    const rows = [
      ['GET', '/api/v1/blacklists/5c1d7e2a-8f4b', '1 rec, 1 sim', '404', 'BLACKLIST_NOT_FOUND', 'would stop: do not retry: fix the request first'],
      ['GET', '/api/v1/prospect-searches', '2 rec, 4 sim', '504', 'GATEWAY_TIMEOUT', 'would give up after 3 retries (2.8 s)'],
    ];
    const out = renderTable(head, rows, [], 80);
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBe(80);
    // Each row takes three lines (the verdict used to take seven), and no word is cut in the middle: the
    // verdict wraps between words, a path breaks after a '/' or '-', a code after a '_'.
    const blocks = out.split(/\n[├└].*\n?/).slice(1, 3).map((block) => block.split('\n').map((l) => l.split('│').slice(1, -1).map((c) => c.trim())));
    expect(blocks.map((lines) => lines.length)).toEqual([3, 3]);
    blocks.forEach((lines, r) => {
      const column = (c: number) => lines.map((l) => l[c]).filter(Boolean);
      expect(column(5).join(' ')).toBe(rows[r][5]);
      for (const c of [1, 4]) {
        expect(column(c).join(''), head[c]).toBe(rows[r][c]);
        for (const piece of column(c).slice(0, -1)) expect(piece, head[c]).toMatch(/[/_-]$/);
      }
    });
  });
});
