// Writes docs/errors.md from the built catalog (run through `npm run docs:errors`, which builds first).
import { writeFileSync } from 'node:fs';
import { ENTRIES } from '../dist/data/catalog.js';
import { renderErrorsMarkdown } from '../dist/render/errors-doc.js';

const target = new URL('../docs/errors.md', import.meta.url);
writeFileSync(target, renderErrorsMarkdown(ENTRIES));
console.log(`wrote docs/errors.md (${ENTRIES.length} codes)`);
