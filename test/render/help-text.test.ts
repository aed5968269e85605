import { describe, expect, it } from 'vitest';
import { fitHelp } from '../../src/render/help-text.js';

describe('fitHelp', () => {
  const paragraph = 'Consecutive requests with the same method and URL are the attempts of one call. With --retry, the policy of\n' +
    'op-errors call runs over each recorded call on a virtual clock: every step is logged as call would log it,\n' +
    'and the verdict says whether the call would have succeeded.';

  it('re-wraps a paragraph written for a wider screen whole, so no line is left with a word or two', () => {
    const lines = fitHelp(paragraph, 80).split('\n');
    expect(lines.join(' ')).toBe(paragraph.replace(/\n/g, ' '));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    // Every line but the last is filled: the next word would not have fitted.
    const words = paragraph.split(/\s+/);
    let at = 0;
    for (const line of lines.slice(0, -1)) {
      at += line.split(' ').length;
      expect(line.length + 1 + words[at].length).toBeGreaterThan(80);
    }
  });

  it('keeps the lines of a paragraph that fits, and a heading, an indented list and an example apart', () => {
    const text = 'Short one.\nStill short.\n\nExamples:\n  $ op-errors replay examples/\n  --flag   what it does';
    expect(fitHelp(text, 80)).toBe(text);
    const narrow = fitHelp(`${paragraph}\nExamples:\n  $ op-errors replay examples/`, 60);
    expect(narrow.split('\n').slice(-2)).toEqual(['Examples:', '  $ op-errors replay examples/']);
  });
});
