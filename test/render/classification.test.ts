import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { defaultCatalog } from '../../src/data/catalog.js';
import { renderClassification } from '../../src/render/classification.js';
import { PLAIN_THEME } from '../../src/render/theme.js';

const view = { theme: PLAIN_THEME, width: 100, showSource: false };
/** The text of a FastAPI validation error on one field. */
const shown = (field: string, msg: string) => {
  const detail = [{ type: 'value_error', loc: ['body', field], msg }];
  const c = classify({ status: 422, headers: {}, body: JSON.stringify({ detail }) }, { catalog: defaultCatalog, now: 0 });
  return renderClassification(c, [], { input: '-', line: 1 }, view);
};

describe('renderClassification', () => {
  it('shows each exchange its own field table, even when cells joined by tabs would read the same', () => {
    const first = shown('a\tb', 'c');
    const second = shown('a', 'b\tc');
    expect(first).toMatch(/Field +│ Problem/);
    expect(first).not.toBe(second);
    expect(second).toBe(shown('a', 'b\tc'));
  });
});
