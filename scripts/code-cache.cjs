// Writes dist/bundle/main.cjs.cache: V8's compiled code of the bundle once its top level has run and once
// the commands that must start fastest (explain, classify on one response, --help) have run in it, quietly:
// code compiled on the way is in the cache, so those starts compile almost nothing (about 2 ms each).
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { CACHE, load } = require('../bin/op-errors.js');

/** An Io that reads nothing and drops what is written. */
function quietIo() {
  return {
    out() {}, async flush() {}, err() {}, stdin: (async function* () {})(), stdinIsTTY: false, stdoutIsTTY: false,
    stderrIsTTY: false, columns: undefined, env: { NO_COLOR: '1' }, cwd: process.cwd(), now: () => Date.now(), onInterrupt: () => () => {},
  };
}

async function writeCache() {
  const { main, script } = load(false);
  const dir = mkdtempSync(join(tmpdir(), 'op-errors-cache-'));
  try {
    const body = join(dir, 'body.json');
    writeFileSync(body, '{"code":"ORDER_NOT_FOUND","message":"Order with identifier 42 not found"}\n');
    for (const argv of [['explain', 'ORDER_NOT_FOUND'], ['classify', body], ['--help']]) await main(argv, quietIo());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(CACHE, script.createCachedData());
}

writeCache();
