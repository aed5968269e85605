import { describe, expect, it } from 'vitest';
import { humanSeconds } from '../../src/render/words.js';

describe('humanSeconds: one way to show a duration, at any size', () => {
  it.each([
    [0, '0.0 s'], [0.04, '0.0 s'], [1.25, '1.3 s'], [9.94, '9.9 s'], [9.96, '10 s'], [17.4, '17 s'], [59.6, '1 min'],
    [125, '2 min 5 s'], [300, '5 min'], [3599, '59 min 59 s'], [3599.6, '1 h'], [7199, '2 h'], [12_000, '3 h 20 min'],
    [86_399, '1 day'], [129_600, '1 day 12 h'], [863_999, '10 days'], [3_000_000, '35 days'], [1e10, '317 years'],
  ])('%s s is %s', (s, words) => expect(humanSeconds(s)).toBe(words));

  it('never prints a unit that rolls over (60 s, 60 min, 24 h) and never more than two units', () => {
    for (let s = 0; s < 20 * 86_400; s += 0.7 + s / 50) {
      const words = humanSeconds(s);
      expect(words, String(s)).not.toMatch(/\b60 s|\b60 min|\b24 h|\.\d+ (?!s)/);
      expect(words.split(' ').length, words).toBeLessThanOrEqual(4);
    }
  });
});
