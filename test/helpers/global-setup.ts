import { execFileSync } from 'node:child_process';

/**
 * Bundles the CLI and the library once, so that spawned tests run the current sources. `npm test`
 * type-checks beside the suite, and the package test emits the library's declarations itself.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
}
