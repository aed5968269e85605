import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bundle = readFileSync(fileURLToPath(new URL('../../dist/bundle/main.cjs', import.meta.url)), 'utf8');
const map = new SourceMap(JSON.parse(readFileSync(fileURLToPath(new URL('../../dist/bundle/main.cjs.map', import.meta.url)), 'utf8')));

/** Where the map sends the bundle's code at the first occurrence of `text`. */
function sourceOf(text: string): string | undefined {
  const at = bundle.indexOf(text);
  expect(at).toBeGreaterThan(-1);
  const before = bundle.slice(0, at).split('\n');
  const entry = map.findEntry(before.length - 1, before[before.length - 1].length);
  return 'originalSource' in entry ? entry.originalSource : undefined;
}

describe('the bundle\'s source map', () => {
  it('maps op-errors\' code to its TypeScript source and the bundled packages\' code to nothing', () => {
    expect(sourceOf('sandbox listening on')).toMatch(/src\/commands\/serve\.ts$/);
    expect(sourceOf('unknown option')).toBeUndefined();
  });
});
