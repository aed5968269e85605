#!/usr/bin/env node
// The published package ships dist/; a git checkout builds it on first use, as the package runs no
// install scripts (a `prepare` script would need the devDependencies on every install).
async function load() {
  try {
    return await import('../dist/bundle/main.js');
  } catch (e) {
    if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/bundle/main.js')) throw e;
    const { existsSync } = await import('node:fs');
    if (!existsSync(new URL('../scripts/bundle.mjs', import.meta.url))) throw e;
    process.stderr.write('op-errors: building this checkout first (npm run build)\n');
    const { spawnSync } = await import('node:child_process');
    const root = new URL('..', import.meta.url);
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) {
      process.stderr.write('op-errors: the build failed; run npm install, then npm run build\n');
      process.exit(1);
    }
    return import('../dist/bundle/main.js');
  }
}
const { main } = await load();
process.exitCode = await main(process.argv.slice(2));
