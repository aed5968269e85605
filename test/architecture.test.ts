import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const STATIC_IMPORT = /^\s*import\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** The modules a file imports statically (type-only imports are erased, dynamic ones load later). */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(STATIC_IMPORT)].map((m) => m[1]);
}

/** Every package a module loads at startup, following relative static imports. */
function packagesLoadedBy(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(join(SRC, entry));
  return packages;
}

describe('architecture', () => {
  it('keeps got and cosmiconfig out of explain and classify', () => {
    for (const entry of ['cli/main.ts', 'commands/explain.ts', 'commands/classify.ts']) {
      const loaded = packagesLoadedBy(entry);
      expect([...loaded].filter((p) => p === 'got' || p === 'cosmiconfig'), entry).toEqual([]);
    }
  });

  it('keeps the core pure: no I/O, no terminal, no HTTP', () => {
    for (const file of readdirSync(join(SRC, 'core'))) {
      const imports = staticImports(join(SRC, 'core', file)).filter((s) => !s.startsWith('./'));
      expect(imports, file).toEqual([]);
    }
  });
});
