import type { Endpoint } from '../data/endpoints.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';
import { wrap } from './words.js';

/** One doctor check: what was checked, how it went and, when it failed, the fix. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

/** Pass/fail lines with fixes, then the endpoints the key's scopes open and close. */
export function renderChecks(checks: Check[], endpoints: (Endpoint & { open: boolean })[], theme: Theme, width: number): string {
  const lines = checks.map((c) => {
    const head = c.ok ? theme.ok(`✔ ${c.name.padEnd(10)}`) : theme.error(`✖ ${c.name.padEnd(10)}`);
    return `${head} ${wrap(c.detail, width, ' '.repeat(13))}${c.fix ? `\n  ${theme.bold('Fix')}  ${wrap(c.fix, width, ' '.repeat(7))}` : ''}`;
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
