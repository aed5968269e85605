import { describe, expect, it } from 'vitest';
import { jsonArrayElements } from '../../src/input/json-elements.js';

async function collect(text: string, path: string[], size: number) {
  const chunks = Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));
  const scalars: Record<string, string> = {};
  const out: unknown[] = [];
  for await (const e of jsonArrayElements((async function* () { yield* chunks; })(), path, (k, v) => (scalars[k] = v))) out.push(e);
  return { out, scalars };
}

describe('reading the elements of a JSON array in chunks', () => {
  const interactions = [
    { request: { url: 'a"b\\', headers: { x: '[{]}' } }, body: 'say "hi" \\"' },
    { request: { url: '\\\\' } }, { n: [1, [2, { deep: '}' }]] },
  ];
  const doc = JSON.stringify({ format: 'op-errors-cassette', version: 1, note: { interactions: ['decoy'] }, interactions }, null, 2);
  it('yields every element and the top scalars, whatever the chunk size', async () => {
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      const { out, scalars } = await collect(doc, ['interactions'], size);
      expect(out, `chunk ${size}`).toEqual(interactions);
      expect(scalars).toMatchObject({ format: '"op-errors-cassette"', version: '1' });
    }
  });

  it('finds a nested path (HAR log.entries) and refuses a document cut short', async () => {
    const har = JSON.stringify({ log: { version: '1.2', entries: [{ a: 1 }, { b: [2] }] } });
    expect((await collect(har, ['log', 'entries'], 5)).out).toEqual([{ a: 1 }, { b: [2] }]);
    await expect(collect(har.slice(0, -3), ['log', 'entries'], 5)).rejects.toThrow(/ends before/);
  });
});
