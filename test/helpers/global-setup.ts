import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** Builds dist/ (CLI bundle, library, declarations) once so that spawned tests run the current sources. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/bundle.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/library-types.mjs'], { stdio: 'inherit' });
}
