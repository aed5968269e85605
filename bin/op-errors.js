#!/usr/bin/env node
'use strict';
// Starts the CLI from dist/bundle/main.cjs, compiled with a V8 code cache (Node 20 has no compile cache of
// its own). The build makes the cache for a checkout; an installed package makes it on its first run, beside
// the bundle when that folder is writable (else it runs without). This file is CommonJS (bin/package.json):
// loading an ES module first would cost more than the cache saves.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle', 'main.cjs');
const CACHE = `${BUNDLE}.cache`;

/** Compiles and runs the bundle; returns its exports, the compiled script, and whether a cache was used. */
function load(useCache = true) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    if (useCache) cachedData = readFileSync(CACHE);
  } catch {
    // No cache yet: compile normally.
  }
  const { Script } = require('node:vm');
  const { createRequire } = require('node:module');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: BUNDLE, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(BUNDLE), mod, BUNDLE, join(BUNDLE, '..'));
  return { main: mod.exports.main, script, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/** Saves the code compiled so far as the cache, atomically; a read-only install simply has none. */
function saveCache(script) {
  const { renameSync, writeFileSync } = require('node:fs');
  const temp = `${CACHE}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, CACHE);
  } catch {
    try {
      require('node:fs').rmSync(temp, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

/** The CLI's main function, and the script to cache when it ran without a cache; a git checkout is built first if it has not been (the package runs no install scripts). */
function cli() {
  const argv = process.argv.slice(2);
  try {
    // Stack traces mapped to the TypeScript sources need Node's own loader; the cache is not worth it there.
    if (argv.includes('--debug') || argv.includes('--verbose')) {
      process.setSourceMapsEnabled(true);
      return { main: require(BUNDLE).main };
    }
    const loaded = load();
    return { main: loaded.main, uncached: loaded.cached ? null : loaded.script };
  } catch (e) {
    if (e.code !== 'ENOENT' && e.code !== 'MODULE_NOT_FOUND') throw e;
    if (!require('node:fs').existsSync(join(__dirname, '..', 'scripts', 'bundle.mjs'))) throw e;
    process.stderr.write('op-errors: building this checkout first (npm run build)\n');
    const build = require('node:child_process').spawnSync('npm', ['run', '--silent', 'build'],
      { cwd: join(__dirname, '..'), stdio: ['ignore', 2, 2] });
    if (build.status !== 0) {
      process.stderr.write('op-errors: the build failed; run npm install, then npm run build\n');
      process.exit(1);
    }
    return { main: load().main };
  }
}

if (require.main === module) {
  const { main, uncached } = cli();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    if (uncached) saveCache(uncached);
  });
} else {
  module.exports = { load, CACHE };
}
