import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTRIES } from '../src/data/catalog.js';
import { renderErrorsMarkdown } from '../src/render/errors-doc.js';

describe('docs', () => {
  it('docs/errors.md matches the catalog (run npm run docs:errors after changing src/data/)', () => {
    const onDisk = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    expect(onDisk === renderErrorsMarkdown(ENTRIES), 'docs/errors.md is out of date: run npm run docs:errors').toBe(true);
  });

  it('docs/cli.md documents every field of the JSON contract and every exit code', () => {
    const cli = readFileSync(new URL('../docs/cli.md', import.meta.url), 'utf8');
    for (const field of ['ok', 'status', 'statusSource', 'code', 'known', 'retryable', 'retry', 'retryAfter', 'message', 'fix',
      'requestId', 'fields', 'details', 'attempts', 'source']) expect(cli).toContain(`\`${field}\``);
    for (const exit of ['0', '1', '2', '75']) expect(cli).toMatch(new RegExp(`\\| ${exit} \\|`));
  });
});
