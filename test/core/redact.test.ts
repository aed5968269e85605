import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../src/core/redact.js';

/** One character as a server may echo it: itself in either case, JSON-\u-escaped (any hex case) or percent-encoded. */
const charForm = (c: string, form: number): string => {
  const code = c.charCodeAt(0);
  if (form === 1) return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
  if (form === 2) return `\\u${code.toString(16).padStart(4, '0')}`;
  if (form === 3) return `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
  if (form === 4) return `%${code.toString(16).padStart(2, '0')}`;
  return c;
};

/** The text with JSON \u escapes and percent escapes decoded, lower-cased: where any form of a secret shows. */
const decoded = (text: string) => text.replace(/\\u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)))
  .replace(/%([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))).toLowerCase();

const secret = fc.string({ unit: fc.constantFrom(...'abcdefghijKLMNOPqrstuvwxyz0123456789-_.'), minLength: 8, maxLength: 24 });
const filler = fc.string({ unit: fc.constantFrom(...'abc XYZ019{}":,/\\%u'), maxLength: 30 });

describe('Redactor.text', () => {
  it('leaves no form of an ASCII secret, whatever mix of cases and escapes it is written in', () => {
    fc.assert(fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(filler, fc.nat(2), fc.array(fc.nat(4))), { maxLength: 4 }), filler,
      (secrets, pieces, tail) => {
        const text = pieces.map(([before, which, forms]) => {
          const s = secrets[which % secrets.length];
          return before + [...s].map((c, i) => charForm(c, forms.length === 0 ? 0 : forms[i % forms.length])).join('');
        }).join('') + tail;
        const masked = new Redactor(secrets).text(text);
        for (const s of secrets) expect(decoded(masked)).not.toContain(s.toLowerCase());
      }));
  });

  it('returns text that holds no secret unchanged', () => {
    fc.assert(fc.property(fc.array(secret, { minLength: 1, maxLength: 3 }), filler, (secrets, text) => {
      fc.pre(secrets.every((s) => !decoded(text).includes(s.toLowerCase())));
      expect(new Redactor(secrets).text(text)).toBe(text);
    }));
  });

  it('masks a secret with characters beyond ASCII in another case', () => {
    const r = new Redactor(['Schlüssel-Geheim-42']);
    expect(r.text('echo: SCHLÜSSEL-GEHEIM-42 and schl\\u00fcssel-geheim-42')).toBe('echo: [REDACTED] and [REDACTED]');
  });
});
