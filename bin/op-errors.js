#!/usr/bin/env node
'use strict';
// Starts the CLI from dist/bundle/main.cjs, compiled from the V8 code cache made at build time when the
// running Node accepts it (Node 20 has no compile cache of its own). This file is CommonJS (see
// bin/package.json): loading an ES module first would cost more than the cache saves.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle', 'main.cjs');
const CACHE = `${BUNDLE}.cache`;

/** Compiles and runs the bundle; returns its exports and the compiled script (to make the cache from). */
function load(useCache = true) {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    if (useCache) cachedData = readFileSync(CACHE);
  } catch {
    // No cache (a fresh build, or a Node that rejected it): compile normally.
  }
  const { Script } = require('node:vm');
  const { createRequire } = require('node:module');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: BUNDLE, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(BUNDLE), mod, BUNDLE, join(BUNDLE, '..'));
  return { main: mod.exports.main, script };
}

/** The CLI's main function; a git checkout is built first if it has not been (the package runs no install scripts). */
function cli() {
  const argv = process.argv.slice(2);
  try {
    // Stack traces mapped to the TypeScript sources need Node's own loader; the cache is not worth it there.
    if (argv.includes('--debug') || argv.includes('--verbose')) {
      process.setSourceMapsEnabled(true);
      return require(BUNDLE).main;
    }
    return load().main;
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
    return load().main;
  }
}

if (require.main === module) {
  cli()(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} else {
  module.exports = { load, CACHE };
}
