// Writes docs/cli.md's option tables from the command definitions (run after `npm run build`).
import { readFileSync, writeFileSync } from 'node:fs';
import { updateCliDoc } from '../dist/cli/cli-doc.js';

const file = new URL('../docs/cli.md', import.meta.url);
writeFileSync(file, updateCliDoc(readFileSync(file, 'utf8')));
console.log('wrote docs/cli.md option tables');
