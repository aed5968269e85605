// Bundles the CLI into dist/bundle/main.cjs: one CommonJS file that bin/op-errors.js compiles from a V8
// code cache (Node 20 has no compile cache of its own, and an ES module alone costs more than the cache
// saves). Every package is bundled, so the published package has no dependencies. The large ones that
// startup does not need (got, cosmiconfig) become vendor-*.cjs files, required when used.
// The library (src/library) becomes one file, dist/lib/index.js, that holds none of the CLI.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { lazyListFormats, lazyModules } from './lazy-modules.mjs';
import { trimMap } from './trim-map.mjs';

const require = createRequire(import.meta.url);

/**
 * The built-ins that modules evaluated on every start import (commander requires child_process, which loads
 * net and the stream modules; the config search and chalk use os and tty) become objects whose properties
 * require them on first use: a command that never touches them no longer loads them, about 4 ms of every
 * start. The other built-ins are imported only by modules that load when used.
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

trimMap('dist/bundle/main.cjs.map');

// The code cache: V8's code for the bundle's top level and the fastest commands (scripts/code-cache.cjs).
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
