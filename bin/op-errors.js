#!/usr/bin/env node
'use strict';
// Starts the CLI from dist/bundle/main.cjs, compiled with a V8 code cache (Node 20 has no compile cache of
// its own), as is got's vendor file when it is required (most of `call`'s start). The build makes the
// caches for a checkout; an installed package makes each on its first use, beside the file when that folder
// is writable (else it runs without). This file is CommonJS (bin/package.json): loading an ES module first
// would cost more than the cache saves.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const DIR = join(__dirname, '..', 'dist', 'bundle');
const BUNDLE = join(DIR, 'main.cjs');
const CACHE = `${BUNDLE}.cache`;

/** Compiles a CommonJS file, with its code cache when there is one, and runs it; returns its exports and script. */
function run(file, requireFrom, useCache) {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    if (useCache) cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache yet: compile normally.
  }
  const { Script } = require('node:vm');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, requireFrom, mod, file, DIR);
  return { exports: mod.exports, script, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/**
 * Compiles and runs the bundle; returns its exports, the compiled scripts by file (the bundle's and those of
 * the vendor files required so far), and whether each used a cache.
 */
function load(useCache = true) {
  const { createRequire } = require('node:module');
  const base = createRequire(BUNDLE);
  const scripts = new Map();
  const vendors = new Map();
  const bundleRequire = (id) => {
    // Only got: code compiled from a cache cannot import(), and cosmiconfig imports ES module config files.
    if (id !== './vendor-got.cjs') return base(id);
    const file = join(DIR, id);
    if (!vendors.has(file)) {
      const loaded = run(file, createRequire(file), useCache);
      scripts.set(file, loaded);
      vendors.set(file, loaded.exports);
    }
    return vendors.get(file);
  };
  const main = run(BUNDLE, Object.assign(bundleRequire, { resolve: base.resolve, cache: base.cache }), useCache);
  scripts.set(BUNDLE, main);
  return { main: main.exports.main, script: main.script, cached: main.cached, scripts };
}

/** Saves the code compiled so far in `script` as the cache of `file`, atomically; a read-only install simply has none. */
function saveCache(file, script) {
  const { renameSync, writeFileSync } = require('node:fs');
  const temp = `${file}.cache.${process.pid}.tmp`;
  try {
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, `${file}.cache`);
  } catch {
    try {
      require('node:fs').rmSync(temp, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

/** The CLI's main function, and the compiled scripts to cache; a git checkout is built first if it has not been (the package runs no install scripts). */
function cli() {
  const argv = process.argv.slice(2);
  try {
    // Stack traces mapped to the TypeScript sources need Node's own loader; the cache is not worth it there.
    if (argv.includes('--debug') || argv.includes('--verbose')) {
      process.setSourceMapsEnabled(true);
      return { main: require(BUNDLE).main, scripts: new Map() };
    }
    const loaded = load();
    return { main: loaded.main, scripts: loaded.scripts };
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
    return { main: load().main, scripts: new Map() };
  }
}

if (require.main === module) {
  const { main, scripts } = cli();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // Files that ran without a cache (the first run, or a new Node) leave one for the next run.
    for (const [file, { script, cached }] of scripts) if (!cached) saveCache(file, script);
  });
} else {
  module.exports = { load, saveCache, BUNDLE, CACHE };
}
