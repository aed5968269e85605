import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/**
 * The layers of src/, bottom to top (docs/architecture.md). A folder may import only folders on a lower
 * layer; folders on the same layer (input and adapters, cli and library) may not import each other.
 */
const LAYER: Record<string, number> = {
  core: 0, data: 1, input: 2, adapters: 2, render: 3, sandbox: 4, commands: 5, cli: 6, library: 6,
};

/**
 * Imports that still go the wrong way, as "from-file -> to-file". This list only shrinks: an entry that no
 * longer matches an import fails the test too, so fixing an import means deleting its line here.
 */
const KNOWN_VIOLATIONS: string[] = [];

// Static, type-only and re-exporting imports, and dynamic import() with a literal path.
const IMPORT = /(?:\bimport|\bexport)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const folderOf = (file: string) => relative(SRC, file).split('/')[0];

/** Every import from a folder of src/ to a folder that is not below it. */
function upwardImports(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), (m[1] ?? m[2]).replace(/\.js$/, '.ts'));
      const to = folderOf(target);
      if (to === from) continue;
      if (!(from in LAYER) || !(to in LAYER) || LAYER[to] >= LAYER[from]) {
        found.push(`${relative(SRC, file)} -> ${relative(SRC, target)}`);
      }
    }
  }
  return [...new Set(found)].sort();
}

describe('the layers of src/', () => {
  it('has every folder of src/ on a layer', () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.filter((f) => !(f in LAYER))).toEqual([]);
  });

  it('imports nothing from a folder above (type-only imports included), except the known list', () => {
    const upward = upwardImports();
    expect(upward.filter((v) => !KNOWN_VIOLATIONS.includes(v)), 'new upward imports').toEqual([]);
    expect(KNOWN_VIOLATIONS.filter((v) => !upward.includes(v)), 'fixed: delete from KNOWN_VIOLATIONS').toEqual([]);
  });

  it('keeps every source file at 250 lines or fewer', () => {
    const long = sourceFiles(SRC).map((f) => ({ file: relative(SRC, f), lines: readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 250);
    expect(long).toEqual([]);
  });
});
