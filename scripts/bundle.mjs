// Bundles the CLI into dist/bundle/main.cjs: one CommonJS file that bin/op-errors.js compiles from a V8
// code cache (Node 20 has no compile cache of its own, and an ES module alone costs more than the cache
// saves). Every package is bundled, so the published package has no dependencies. The large ones that
// startup does not need (got, cosmiconfig) become vendor-*.cjs files, required when used.
// The library (src/library) becomes one file, dist/lib/index.js, that holds none of the CLI.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { lazyListFormats, lazyModules } from './lazy-modules.mjs';

const require = createRequire(import.meta.url);
/** The digits of a source map's base64 VLQ numbers. */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The built-ins that modules evaluated on every start import (commander requires child_process, which loads
 * net and the stream modules; the config search and chalk use os and tty) become objects whose properties
 * require them on first use, so that a command that never touches them does not pay for loading them, about
 * 4 ms of every start. The other built-ins are imported only by modules that load when used.
 */
const LAZY_AT_START = ['child_process', 'fs/promises', 'os', 'tty', 'string_decoder'];

/**
 * What got imports at its top but a plain-HTTP call never uses: HTTP/2 (http2-wrapper creates a TLS socket
 * as it loads), TLS and decompression load when a request needs them, about 15 ms of `call` on loopback.
 * got reads tls.checkServerIdentity for every request, and calls it only for HTTPS.
 */
const LAZY_IN_GOT = ['http2-wrapper', 'http2', 'tls', 'https', 'zlib'];
const CALLED_IN_GOT = { tls: ['checkServerIdentity'] };

rmSync('dist/bundle', { recursive: true, force: true });

// Each package's module as the sources import it: got is an ES module, cosmiconfig CommonJS.
const VENDORED = { got: 'esm', cosmiconfig: 'cjs' };
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // cosmiconfig loads typescript only for .ts config files, which op-errors does not look for.
  external: ['typescript'],
  minify: !process.env.OP_NO_MINIFY,
  logLevel: 'warning',
};

for (const [name, kind] of Object.entries(VENDORED)) {
  // No map: --debug traces are read for our own frames.
  const contents = kind === 'esm' ? `export * from '${name}'; export { default } from '${name}';` : `module.exports = require('${name}');`;
  const plugins = name === 'got' ? [lazyModules(LAZY_IN_GOT, CALLED_IN_GOT), lazyListFormats] : [];
  await build({ ...common, stdin: { contents, resolveDir: '.' }, outfile: `dist/bundle/vendor-${name}.cjs`, plugins });
}

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bundle/main.cjs',
  // import.meta does not exist in CommonJS: give the sources the bundle's own URL instead.
  // The version is written in, so that no start reads package.json for it.
  define: { 'import.meta.url': '__opModuleUrl', OP_ERRORS_VERSION: JSON.stringify(require('../package.json').version) },
  banner: { js: "var __opModuleUrl=require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyModules(LAZY_AT_START), {
    name: 'vendored',
    setup(b) {
      // A package becomes a small module that requires its vendor file, so `await import('got')` turns into
      // a plain require: an import() would need the ES module loader, whose start-up the cache is to avoid.
      b.onResolve({ filter: new RegExp(`^(${Object.keys(VENDORED).join('|')})$`) }, (a) => ({ path: a.path, namespace: 'vendored' }));
      // An ES module package is re-exported as one, so that its default export stays the default.
      b.onLoad({ filter: /.*/, namespace: 'vendored' }, (a) => {
        const file = `./vendor-${a.path}.cjs`;
        const contents = VENDORED[a.path] === 'esm' ? `export * from '${file}'; export { default } from '${file}';` : `module.exports = require('${file}');`;
        return { contents, loader: 'js' };
      });
      b.onResolve({ filter: /^\.\/vendor-/ }, (a) => ({ path: a.path, external: true }));
    },
  }],
  // Maps without the sources' text: --debug traces name the TypeScript file and line, at a fifth of the bytes.
  sourcemap: true,
  sourcesContent: false,
});

ownSourcesOnly('dist/bundle/main.cjs.map');

// The code caches: V8's code for the bundle's top level and the fastest commands, and got's (scripts/code-cache.cjs).
execFileSync(process.execPath, ['scripts/code-cache.cjs'], { stdio: ['ignore', 'ignore', 'inherit'] });

rmSync('dist/lib', { recursive: true, force: true });
await build({
  entryPoints: ['src/library/index.ts'],
  outfile: 'dist/lib/index.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  minify: true,
  logLevel: 'warning',
});

/**
 * Keeps only the map's positions in op-errors' own sources: a frame in a bundled package (commander, chalk) is
 * named by its place in the bundle, and the map is a sixth smaller. A dropped position becomes an unmapped one,
 * so no code of a package is ever mapped to a line of ours.
 */
function ownSourcesOnly(file) {
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const own = map.sources.map((source) => !source.includes('node_modules/'));
  const read = [0, 0, 0, 0, 0];
  const written = [0, 0, 0, 0, 0];
  map.mappings = map.mappings.split(';').map((line) => {
    read[0] = 0;
    written[0] = 0;
    const kept = [];
    // A line that starts in a package's code must say so: a line with no segment before its first one would
    // be read as the end of the previous line's last mapping, which may be ours.
    let unmapped = false;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      fields.forEach((d, i) => (read[i] += d));
      const keep = fields.length > 1 && own[read[1]];
      // A run of unmapped positions needs only its first.
      if (!keep && unmapped) continue;
      const values = keep ? read.slice(0, fields.length) : [read[0]];
      kept.push(values.map((v, i) => encodeVlq(v - written[i])).join(''));
      values.forEach((v, i) => (written[i] = v));
      unmapped = !keep;
    }
    return kept.join(',');
  }).join(';');
  writeFileSync(file, JSON.stringify(map));
}

function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeVlq(n) {
  let value = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    out += BASE64[digit];
  } while (value > 0);
  return out;
}
