import { execFileSync } from 'node:child_process';

/**
 * Bundles the CLI and the library, and emits the library's declarations, once, so that spawned tests run
 * the current sources. `npm test` type-checks everything before, so no second full tsc run is needed here.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/library-types.mjs'], { stdio: 'inherit' });
}
