import type { CatalogEntry } from '../core/types.js';
import { FIELD_FIXES } from '../data/field-fixes.js';
import { RETRY_EXPLAINED, SOURCE_NAMES } from './words.js';

const anchor = (code: string) => code.toLowerCase().replace(/_/g, '-');
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** docs/errors.md: every catalog entry, generated so the page cannot drift from the data. */
export function renderErrorsMarkdown(entries: readonly CatalogEntry[]): string {
  const out = [
    '# Error codes',
    '',
    '<!-- Generated from src/data/ by `npm run docs:errors`. Do not edit by hand: a test fails when this page is out of date. -->',
    '',
    `op-errors knows ${entries.length} codes: those named by the OpenProspect error pages and by the error pages of`,
    'similar APIs, a generic code for each HTTP error status, and client-side transport failures. `op-errors explain',
    '<CODE>` prints the same information in the terminal.',
    '',
    'Retry strategies:',
    '',
    ...(['none', 'backoff', 'reauth', 'refresh'] as const).map((r) => `- \`${r}\`: ${RETRY_EXPLAINED[r]}`),
    '',
    '| Code | Status | Retry | Summary |',
    '| --- | --- | --- | --- |',
    ...entries.map((e) => `| [${e.code}](#${anchor(e.code)}) | ${e.status ?? '-'} | ${e.retry} | ${cell(e.summary)} |`),
    '',
    '## Decisions that depart from a seed document',
    '',
    'Where the documents disagree or leave a gap, op-errors decided; each decision is recorded in its entry below.',
    '',
    ...entries.filter((e) => e.decision).map((e) => `- [${e.code}](#${anchor(e.code)}): ${e.decision}`),
    '',
    '## Per-field fixes',
    '',
    'The order and blacklist validation tables of the OpenProspect error reference give a fix for each error type',
    'and location. `classify`, `call` and `replay` attach it to the matching entry of `fields` (as `fix`), and show it',
    'in the field table; the code\'s own fix stays generic. `*` stands for any list index.',
    '',
    '| Error type | Location | Fix |',
    '| --- | --- | --- |',
    ...FIELD_FIXES.map((r) => `| \`${r.type}\`${r.msg ? ` (message ${cell(String(r.msg))})` : ''} | \`${cell(JSON.stringify(r.loc))}\` | ${cell(r.fix)} |`),
  ];
  for (const e of entries) {
    out.push('', `## ${e.code}`, '', `${e.summary}.`, '');
    out.push(`- **Status:** ${e.status === null ? 'none documented' : e.status}`);
    out.push(`- **Retry:** \`${e.retry}\``);
    out.push(`- **Cause:** ${e.cause}`);
    out.push(`- **Fix:** ${e.fix}`);
    if (e.decision) out.push(`- **Decision:** ${e.decision}`);
    if (e.aliases?.length) out.push(`- **Aliases:** ${e.aliases.map((a) => `\`${a}\``).join(', ')}`);
    out.push(`- **Documented by:** ${e.sources.map((s) => SOURCE_NAMES[s]).join('; ')}`);
    out.push(`- **Related:** ${e.related.map((r) => `[${r}](#${anchor(r)})`).join(', ')}`);
    if (e.example !== undefined) out.push('', '```json', JSON.stringify(e.example, null, 2), '```');
  }
  return `${out.join('\n')}\n`;
}
