import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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

const ANY_IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Every relative module a file names, static, type-only or dynamic, resolved to a path under src/. */
function allImports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(ANY_IMPORT)].map((m) => resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts')));
}

describe('architecture', () => {
  it('has no two files that import each other', () => {
    // The layer test (layers.test.ts) keeps folders in order; this one keeps files of one folder from a loop.
    const files = readdirSync(SRC).flatMap((folder) => readdirSync(join(SRC, folder)).map((f) => join(SRC, folder, f)));
    const deps = new Map(files.map((f) => [f, allImports(f)]));
    const loops = files.flatMap((f) => deps.get(f)!.filter((d) => deps.get(d)?.includes(f)).map((d) => `${relative(SRC, f)} <-> ${relative(SRC, d)}`));
    expect(loops).toEqual([]);
  });

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
