import { parseStatus } from '../core/option-values.js';
import { parseFieldList } from '../render/classification-json.js';
import { defineCommand } from './definition.js';
// classify is run in loops and on large logs, so its module loads with the program.
import { type ClassifyCommandOptions, runClassify } from './classify.js';

/** `classify [files...]`: what was piped in or saved. */
export const classifyCommand = defineCommand<ClassifyCommandOptions>({
  name: 'classify',
  description: 'classify responses piped in or saved: a JSON body, NDJSON, or curl -i / -D - output',
  arguments: [{ key: 'files', name: 'files', variadic: true, description: 'files to read; stdin when none is given or for "-"' }],
  options: [
    { key: 'status', value: '<code>', description: 'the HTTP status of a bare body that carries none', parse: parseStatus },
    { key: 'fields', value: '<list>', description: 'print only these fields of the JSON contract, comma-separated (implies --json)', parse: parseFieldList },
    { key: 'summary', description: 'one table of codes for the whole input: counts, retryable share, first and last line, sample request ids', conflicts: ['fields'] },
  ],
  help: `
Examples:
  $ curl -si https://api.openprospect.io/api/v1/orders/123 -H "Authorization: Bearer $OPENPROSPECT_API_KEY" | op-errors classify
  $ echo '{"code":"ORDER_NOT_FOUND"}' | op-errors classify
  $ op-errors classify --status 503 body.json
  $ op-errors classify --json app-errors.ndjson | jq -r 'select(.retryable) | .code'
  $ op-errors classify --fields code,retryable,retryAfter,requestId app-errors.ndjson
  $ op-errors classify --summary app-errors.ndjson`,
  load: async () => ({ run: runClassify }),
});
