import { describe, expect, it } from 'vitest';
import { remembered } from '../../src/sandbox/remember.js';

describe('remembered', () => {
  it('computes once per distinct argument, null results included, and starts afresh when full', () => {
    const seen: string[] = [];
    const lengthOrNull = remembered((text) => {
      seen.push(text);
      return text === '' ? null : text.length;
    }, 3);
    expect([lengthOrNull('ab'), lengthOrNull(''), lengthOrNull('ab'), lengthOrNull('')]).toEqual([2, null, 2, null]);
    expect(seen).toEqual(['ab', '']);
    lengthOrNull('abc');
    lengthOrNull('abcd');
    expect(lengthOrNull('ab')).toBe(2);
    expect(seen).toEqual(['ab', '', 'abc', 'abcd', 'ab']);
  });
});
