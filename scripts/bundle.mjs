// Bundles the CLI into dist/bundle/main.cjs: one CommonJS file that bin/op-errors.js compiles from a V8
// code cache (Node 20 has no compile cache of its own, and an ES module alone costs more than the cache
// saves). Every package is bundled, so the published package has no dependencies. The large ones that
// startup does not need (got, cosmiconfig, cli-table3) become vendor-*.cjs files, required when used.
// The library (src/library) becomes one file, dist/lib/index.js, that holds none of the CLI.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import { build } from 'esbuild';
import { trimMap } from './trim-map.mjs';

const require = createRequire(import.meta.url);

/**
 * The built-ins that modules evaluated on every start import (commander requires child_process, which loads
 * net and the stream modules; the config search and chalk use os and tty) become objects whose properties
 * require them on first use: a command that never touches them no longer loads them, about 4 ms of every
 * start. The other built-ins are imported only by modules that load when used.
 */
const LAZY_BUILTINS = new Set(['child_process', 'fs/promises', 'os', 'tty', 'string_decoder']);

const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (a) => {
      const name = a.path.replace(/^node:/, '');
      if (!isBuiltin(a.path) || !LAZY_BUILTINS.has(name)) return undefined;
      if (a.namespace === 'lazy-builtin') return { path: `node:${name}`, external: true };
      return { path: name, namespace: 'lazy-builtin' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => {
      const names = Object.getOwnPropertyNames(require(`node:${a.path}`)).filter((n) => n !== 'default' && n !== '__esModule');
      return {
        contents: `let real;\nconst load = () => (real ??= require(${JSON.stringify(`node:${a.path}`)}));\n` +
          `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
        loader: 'js',
      };
    });
  },
};

rmSync('dist/bundle', { recursive: true, force: true });

// Each package's module as the sources import it: got is an ES module, the other two are CommonJS.
const VENDORED = { got: 'esm', cosmiconfig: 'cjs', 'cli-table3': 'cjs' };
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
  await build({ ...common, stdin: { contents, resolveDir: '.' }, outfile: `dist/bundle/vendor-${name}.cjs` });
}

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bundle/main.cjs',
  // import.meta does not exist in CommonJS: give the sources the bundle's own URL instead.
  // The version is written in, so that no start reads package.json for it.
  define: { 'import.meta.url': '__opModuleUrl', OP_ERRORS_VERSION: JSON.stringify(require('../package.json').version) },
  banner: { js: "var __opModuleUrl=require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyBuiltins, {
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
