// Bundles the CLI into dist/bundle/: one module per command chunk, so startup loads a handful of files
// instead of ~40 (Node 20's ESM loader costs about a millisecond per module). Every package is bundled,
// so the published package has no dependencies; the ones startup does not need load lazily as chunks.
// The library (src/library) becomes one file, dist/lib/index.js, that holds none of the CLI.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: clear old ones so dist/ holds only what main.js loads.
rmSync('dist/bundle', { recursive: true, force: true });

const cli = await build({
  entryPoints: ['src/cli/main.ts'],
  metafile: true,
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // cosmiconfig loads typescript only for .ts config files, which op-errors does not look for.
  external: ['typescript'],
  // commander is CommonJS; its require() calls need a require function inside the ESM bundle.
  banner: { js: "import { createRequire as __opCreateRequire } from 'node:module'; const require = __opCreateRequire(import.meta.url);" },
  // Maps without the sources' text: --debug traces name the TypeScript file and line, at a fifth of the bytes.
  sourcemap: true,
  sourcesContent: false,
  minify: !process.env.OP_NO_MINIFY,
  logLevel: 'warning',
});

// A chunk made only of packages (got, cosmiconfig...) keeps no map: --debug traces are read for our own
// frames, and those maps were a third of the package.
for (const [file, output] of Object.entries(cli.metafile.outputs)) {
  if (!file.endsWith('.js') || Object.keys(output.inputs).some((input) => input.startsWith('src/'))) continue;
  rmSync(`${file}.map`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\n?$/, '\n'));
}

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
