// Writes the code caches beside the bundle: V8's compiled code of dist/bundle/main.cjs once its top level
// has run and once the commands that must start fastest (explain, classify on one response, --help) have
// run in it, quietly, so that they compile almost nothing (about 2 ms each); then that of the vendor files
// after a `call` against a local server has used got (its cache saves `call` about 10 ms). The bundle's
// cache is taken before the call, so that the code only `call` needs does not slow every other start.
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:http');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { BUNDLE, CACHE, load } = require('../bin/op-errors.js');

/** An Io that reads nothing and drops what is written. */
function quietIo() {
  return {
    out() {}, async flush() {}, err() {}, stdin: (async function* () {})(), stdinIsTTY: false, stdoutIsTTY: false,
    stderrIsTTY: false, columns: undefined, env: { NO_COLOR: '1' }, cwd: process.cwd(), now: () => Date.now(), onInterrupt: () => () => {},
  };
}

async function writeCaches() {
  const { main, script, scripts } = load(false);
  const dir = mkdtempSync(join(tmpdir(), 'op-errors-cache-'));
  try {
    const body = join(dir, 'body.json');
    writeFileSync(body, '{"code":"ORDER_NOT_FOUND","message":"Order with identifier 42 not found"}\n');
    for (const argv of [['explain', 'ORDER_NOT_FOUND'], ['classify', body], ['--help']]) await main(argv, quietIo());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  writeFileSync(CACHE, script.createCachedData());
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"items":[]}'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await main(['call', 'GET', `http://127.0.0.1:${server.address().port}/orders`, '--no-auth'], quietIo());
  } finally {
    server.close();
  }
  for (const [file, vendor] of scripts) if (file !== BUNDLE) writeFileSync(`${file}.cache`, vendor.script.createCachedData());
}

writeCaches().catch((e) => {
  console.error(`code-cache: ${e.message}`);
  process.exit(1);
});
