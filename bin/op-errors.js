#!/usr/bin/env node
let main;
try {
  ({ main } = await import('../dist/bundle/main.js'));
} catch (e) {
  // A git checkout is built by `npm run build`, not at install time (the package runs no install scripts).
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/bundle/main.js')) throw e;
  process.stderr.write('op-errors: this checkout is not built yet: run npm run build\n');
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
