import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliDocSections, updateCliDoc } from '../src/cli/cli-doc.js';

const doc = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');

describe('docs/cli.md', () => {
  it('has a generated option table for the global options and every command with options', () => {
    for (const name of cliDocSections().keys()) expect(doc, name).toContain(`<!-- options:${name} -->`);
  });

  it('matches the command definitions (node scripts/gen-cli-doc.mjs after a build rewrites it)', () => {
    expect(updateCliDoc(doc)).toBe(doc);
  });
});
