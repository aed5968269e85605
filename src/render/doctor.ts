import type { Check } from '../core/doctor-diagnosis.js';
import type { Endpoint } from '../data/endpoints.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';
import { wrap } from './words.js';

/** The doctor check type, for callers that render checks. */
export type { Check } from '../core/doctor-diagnosis.js';

/** Pass/fail lines with fixes, then the endpoints the key's scopes open and close. */
export function renderChecks(checks: Check[], endpoints: (Endpoint & { open: boolean })[], theme: Theme, width: number): string {
  const lines = checks.map((c) => {
    const mark = !c.ok ? '✖' : c.warn ? '!' : '✔';
    const head = c.ok && !c.warn ? theme.ok(`${mark} ${c.name.padEnd(10)}`) : theme.error(`${mark} ${c.name.padEnd(10)}`);
    const fix = c.fix && (!c.ok || c.warn) ? `\n  ${theme.bold('Fix')}   ${wrap(c.fix, width, ' '.repeat(8))}` : '';
    const more = c.more && (!c.ok || c.warn) ? `\n  ${theme.bold('More')}  ${wrap(c.more, width, ' '.repeat(8))}` : '';
    return `${head} ${wrap(c.detail, width, ' '.repeat(13))}${fix}${more}`;
  });
  let out = `${lines.join('\n')}\n`;
  if (endpoints.length > 0) {
    const rows = endpoints.map((e) => [e.open ? theme.ok('open') : theme.error('closed'), `${e.method} /api/v1${e.path}`, e.scopes.join(' + '), e.what]);
    out += `\n${renderTable(['Access', 'Endpoint', 'Needs', 'For'].map((h) => theme.bold(h)), rows, [], width)}\n`;
  }
  const failed = checks.filter((c) => !c.ok).length;
  out += failed === 0 ? theme.ok('All checks passed.\n') : theme.error(`${failed} of ${checks.length} checks failed.\n`);
  return out;
}
