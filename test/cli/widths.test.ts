import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const COMMANDS = [
  ['explain', '--list'], ['explain', '429'], ['explain', 'VALIDATION_ERROR'], ['explain', '409'],
  ['classify', 'examples/classify/app-errors.ndjson', 'examples/classify/order-404.txt', 'examples/classify/orders-retry.txt'],
  ['replay', 'examples/', '--retry', '3'], ['replay', 'examples/', '--suggest-policy'], ['replay', 'examples/', '--retry', '3', '--timeline'],
  ['codes', '--status', '404'],
  ['--help'], ['call', '--help'], ['serve', '--help'], ['replay', '--help'],
  ['doctor', '--help'], ['classify', '--help'], ['explain', '--help'],
];
const BOX = /[┌┐└┘─├┤┬┴┼│]/g;
const words = (text: string) => new Set(text.replace(BOX, ' ').split(/\s+/).filter((w) => w !== '' && w !== '\\'));

describe('widths', () => {
  it.each(COMMANDS)('%s %s fits COLUMNS (60, 80) without losing a word, and is 100 wide when nothing is known', async (...args) => {
    const wide = await runBin(args, { env: { COLUMNS: '400' } });
    const all = words(wide.out);
    for (const columns of [60, 80]) {
      const narrow = await runBin(args, { env: { COLUMNS: String(columns) } });
      expect(narrow.code).toBe(wide.code);
      const long = narrow.out.split('\n').filter((l) => l.length > columns);
      // Only a single unbreakable word (a URL default in help) may pass the edge.
      expect(long.filter((l) => l.trim().includes(' ') && !/^\s+\S+\)?$/.test(l)), `COLUMNS=${columns}`).toEqual([]);
      const kept = words(narrow.out);
      const lost = [...all].filter((w) => w.length <= 6 && !kept.has(w) && !w.endsWith('\\'));
      expect(lost, `COLUMNS=${columns}`).toEqual([]);
      expect(narrow.out.includes('…')).toBe(wide.out.includes('…'));
    }
    const unknown = await runBin(args);
    expect(Math.max(...unknown.out.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });
});
