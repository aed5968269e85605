import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const dir = mkdtempSync(join(tmpdir(), 'op-errors-config-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the built CLI reads JavaScript config files of both module kinds', () => {
  // The config loader imports ES modules; code compiled from a V8 code cache could not, so it must not be.
  it.each([['mjs', 'export default'], ['cjs', 'module.exports =']])('.%s, checked key by key, on every run', async (ext, exportWord) => {
    const file = join(dir, `openprospect.config.${ext}`);
    writeFileSync(file, `${exportWord} { retry: 'many' };\n`);
    for (let run = 0; run < 2; run++) {
      const r = await runBin(['replay', 'examples/flaky-orders.json', '--config', file]);
      expect(r.err).toBe(`op-errors: config file ${file}: retry: expected a whole number, 0 or more\n`);
      expect(r.code).toBe(2);
    }
  });
});
