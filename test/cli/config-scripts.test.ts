import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const RECORDING = fileURLToPath(new URL('../../examples/flaky-orders.json', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'op-config-scripts-'));
mkdirSync(join(dir, 'esm'));
writeFileSync(join(dir, 'esm', 'package.json'), '{"type": "module"}');

/** Writes a config script and replays a recording with it; returns what the real CLI printed. */
async function withConfig(name: string, text: string, ...extra: string[]) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, ...(await runBin(['--config', file, 'replay', RECORDING, ...extra])) };
}

describe('a JavaScript config file that does not load', () => {
  it.each([
    ['throws.cjs', 'const retries = 3;\nthrow new Error("no settings today");\n', ', line 2: no settings today'],
    ['syntax.cjs', 'module.exports = {\n  retry: 3\n  jitter: "none"\n};\n', ", line 3: Unexpected identifier 'jitter'"],
    ['number.cjs', 'module.exports = 42;\n', ': the file must hold an object of settings'],
    ['array.mjs', 'export default [1, 2];\n', ': the file must hold an object of settings'],
    ['requires.cjs', 'require("./settings-that-are-not-there");\nmodule.exports = {};\n', ", line 1: Cannot find module './settings-that-are-not-there'"],
    ['reads.cjs', 'module.exports = JSON.parse(require("fs").readFileSync(__dirname + "/absent.json", "utf8"));\n',
      `, line 1: ENOENT: no such file or directory, open '${join(dir, 'absent.json')}'`],
    ['esm-syntax.cjs', 'export default { retry: 2 };\n',
      ", line 1: Unexpected token 'export' (the file is loaded as CommonJS: write `module.exports = { ... }`, or name it .mjs)"],
    ['esm/commonjs.js', 'module.exports = { retry: 2 };\n',
      ', line 1: module is not defined in ES module scope (the file is loaded as an ES module: write `export default { ... }`, or name it .cjs)'],
    ['esm/filename.mjs', 'export default { retry: __filename.length };\n',
      ', line 1: __filename is not defined in ES module scope (the file is loaded as an ES module: write `export default { ... }`, or name it .cjs)'],
  ])('%s: one line naming the file, the line and the reason, exit 2', async (name, text, problem) => {
    const r = await withConfig(name, text);
    expect(r.err).toBe(`op-errors: config file ${r.file}${problem}\n`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('--debug', () => {
  it('maps an internal error\'s trace to the TypeScript file and line; without it, one line', async () => {
    // A getter that throws is read while the settings are checked: an error no check expects.
    const text = 'module.exports = { get retry() { throw new Error("a getter that throws"); } };\n';
    const plain = await withConfig('getter.cjs', text);
    expect(plain.code).toBe(1);
    expect(plain.err).toBe('op-errors: internal error: a getter that throws (run with --debug for details)\n');

    const debug = await withConfig('getter.cjs', text, '--debug');
    expect(debug.code).toBe(1);
    expect(debug.err.split('\n')[0]).toBe('op-errors: internal error: a getter that throws');
    const frame = /at validateConfig \((.+\/src\/core\/config-schema\.ts):(\d+):(\d+)\)/.exec(debug.err);
    expect(frame, debug.err).not.toBeNull();
    const [, source, line] = frame!;
    expect(existsSync(source)).toBe(true);
    // The named line is the one that reads the settings object.
    expect(readFileSync(source, 'utf8').split('\n')[Number(line) - 1]).toMatch(/\braw\b/);
    // The way up to the entry point is mapped too; only a bundled package's frames (commander) name the bundle.
    expect(debug.err).toMatch(/\/src\/cli\/main\.ts:\d+:\d+\)/);
    expect(debug.err.split('\n').filter((l) => /main\.cjs:\d+/.test(l)).every((l) => /parseAsync|Command/.test(l))).toBe(true);
  });
});
