import type { CatalogEntry } from '../core/types.js';
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
