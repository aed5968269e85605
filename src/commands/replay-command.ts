import { parseCount } from '../core/option-values.js';
import { defineCommand } from './definition.js';
import type { ReplayOptions } from './replay.js';
import { RETRY_OPTIONS } from './retry-options.js';

/** `replay <files...>`: recordings through the classifier and, with --retry, the retry policy. */
export const replayCommand = defineCommand<ReplayOptions>({
  name: 'replay',
  description: 're-run saved responses (op-errors cassettes, HAR exports, curl -i captures, NDJSON) through the classifier and retry policy',
  arguments: [{ key: 'files', name: 'files', required: true, variadic: true, description: 'recordings, or folders of them' }],
  options: [
    { key: 'seed', value: '<n>', description: 'seed of the jitter, so a replay is the same every time', parse: parseCount, default: 1 },
    { key: 'realtime', description: 'really wait the simulated waits instead of using a virtual clock' },
    ...RETRY_OPTIONS,
  ],
  help: `
Consecutive requests with the same method and URL are the attempts of one call. With --retry, the policy of
op-errors call runs over each recorded call on a virtual clock: every step is logged as call would log it,
and the verdict says whether the call would have succeeded within the retries and the deadline. When the
recording has timestamps (cassettes, HAR), an attempt at virtual time t meets the response recorded t after
the first one, so a different backoff meets a different moment of the outage.

Examples:
  $ op-errors replay examples/
  $ op-errors replay examples/flaky-orders.json --retry 3
  $ op-errors replay incident.har --retry 6 --retry-max-time 120 --json`,
  load: async () => {
    const { runReplay } = await import('./replay.js');
    return { run: runReplay };
  },
});
