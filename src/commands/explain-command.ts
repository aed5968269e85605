import { parseStatus } from '../core/option-values.js';
import { defineCommand } from './definition.js';
// explain is run in loops, so its module loads with the program instead of on demand.
import { type ExplainOptions, runExplain } from './explain.js';

/** `explain [code]`: one code or status, or the list. */
export const explainCommand = defineCommand<ExplainOptions>({
  name: 'explain',
  description: 'explain an error code or an HTTP status: meaning, retry rule, cause and fix',
  arguments: [{ key: 'query', name: 'code', description: 'an error code (any case, e.g. order_not_found), an alias such as ECONNREFUSED, or an HTTP status' }],
  options: [
    { key: 'list', short: 'l', description: 'list every code in a table' },
    { key: 'status', value: '<code>', description: 'with --list: only codes documented with this HTTP status', parse: parseStatus },
  ],
  help: `
Examples:
  $ op-errors explain ORDER_NOT_FOUND
  $ op-errors explain rate_limit_exceeded --json
  $ op-errors explain 409            # the generic meaning and every code documented with 409
  $ op-errors explain ECONNRESET     # transport failures by errno or curl exit code (curl:28)
  $ op-errors explain --list --status 403`,
  load: async () => ({ run: runExplain }),
});

/** `codes`: the list of every code (explain --list). */
export const codesCommand = defineCommand<Pick<ExplainOptions, 'status'>>({
  name: 'codes',
  description: 'list every error code in a table (same as explain --list)',
  arguments: [],
  options: [{ key: 'status', value: '<code>', description: 'only codes documented with this HTTP status', parse: parseStatus }],
  load: async () => ({ run: (opts, ctx) => runExplain({ list: true, status: opts.status }, ctx) }),
});
