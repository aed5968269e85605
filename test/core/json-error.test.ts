import { describe, expect, it } from 'vitest';
import { findJsonError } from '../../src/core/json-error.js';

describe('findJsonError', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const ok of ['{}', '[]', ' {"a": [1, -2.5e3, true, null, "x\\n\\u00e9"], "b": {}} ', '"s"', '0', '[[],[{}]]']) {
      expect(findJsonError(ok), ok).toBeNull();
    }
  });

  it('names the line, column and mistake', () => {
    expect(findJsonError('{"title": "x",\n "companies": [}')).toMatchObject({ line: 2, column: 16, message: expect.stringMatching(/unexpected "}"/) });
    expect(findJsonError('{"a": 1,}')).toMatchObject({ line: 1, column: 9, message: expect.stringMatching(/trailing comma/) });
    expect(findJsonError("{'a': 1}")).toMatchObject({ column: 2, message: expect.stringMatching(/double-quoted/) });
    expect(findJsonError('{"a": 1')).toMatchObject({ message: expect.stringMatching(/unclosed object/) });
    expect(findJsonError('{"a": 1} x')).toMatchObject({ column: 10, message: expect.stringMatching(/after the JSON value/) });
    expect(findJsonError('')).toMatchObject({ message: 'no JSON value' });
  });

  it('agrees with JSON.parse on random inputs', () => {
    const alphabet = ['{', '}', '[', ']', '"a"', ':', ',', '1', 'true', ' ', '\n', '"', 'x', '-', '.5'];
    let seed = 42;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 3000; n++) {
      let t = '';
      for (let k = Math.floor(r() * 10); k >= 0; k--) t += alphabet[Math.floor(r() * alphabet.length)];
      let valid = true;
      try { JSON.parse(t); } catch { valid = false; }
      expect(findJsonError(t) === null, JSON.stringify(t)).toBe(valid);
    }
  });
});
