// Bundles the CLI into dist/bundle/: one module per command chunk, so startup loads a handful of files
// instead of ~40 (Node 20's ESM loader costs about a millisecond per module). got, cosmiconfig, chalk
// and cli-table3 stay external and are imported lazily where they are needed.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry content hashes: clear old ones so dist/ holds only what main.js loads.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['cosmiconfig', 'chalk', 'cli-table3'],
  // commander is CommonJS; its require() calls need a require function inside the ESM bundle.
  banner: { js: "import { createRequire as __opCreateRequire } from 'node:module'; const require = __opCreateRequire(import.meta.url);" },
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
});
