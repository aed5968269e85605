// Emits the library's declarations into dist/types and keeps only the files its public types reach,
// so the package ships a handful of .d.ts files instead of one per source module.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const OUT = 'dist/types';
rmSync(OUT, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { stdio: 'inherit' });

const reached = new Set();
const visit = (file) => {
  if (reached.has(file)) return;
  reached.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from\s+['"](\.[^'"]+)['"]/g)) {
    visit(resolve(dirname(file), m[1].replace(/\.js$/, '.d.ts')));
  }
};
visit(resolve(OUT, 'library/index.d.ts'));

for (const entry of readdirSync(OUT, { recursive: true, withFileTypes: true })) {
  const file = resolve(join(entry.parentPath ?? entry.path, entry.name));
  if (entry.isFile() && !reached.has(file)) rmSync(file);
}
for (const entry of readdirSync(OUT, { withFileTypes: true })) {
  const dir = join(OUT, entry.name);
  if (entry.isDirectory() && readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
}
