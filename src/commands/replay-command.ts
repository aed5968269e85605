import { UsageError } from '../core/errors.js';
import { parseCount, parseRuns, parseShare, parseWeight } from '../core/option-values.js';
import type { CommandContext } from './context.js';
import { type OptionDef, defineCommand, longFlag } from './definition.js';
import type { ReplayOptions } from './replay.js';
import { RETRY_OPTIONS } from './retry-options.js';

/** `replay`'s options, --suggest-policy's included. */
export interface ReplayCommandOptions extends ReplayOptions {
  suggestPolicy?: boolean;
  target: number;
  runs: number;
  requestWeight: number;
}

const OPTIONS: OptionDef<keyof ReplayCommandOptions>[] = [
  { key: 'seed', value: '<n>', description: 'seed of the jitter, so a replay is the same every time', parse: parseCount, default: 1 },
  { key: 'realtime', description: 'really wait the simulated waits instead of using a virtual clock' },
  { key: 'suggestPolicy', description: 'search for the cheapest retry policy that recovers every recoverable call (see below)' },
  { key: 'target', value: '<share>', description: 'with --suggest-policy: share of the recoverable calls to recover, above 0 up to 1', parse: parseShare, default: 1 },
  { key: 'runs', value: '<n>', description: 'with --suggest-policy: seeded runs per call for a jittered policy', parse: parseRuns, default: 100 },
  { key: 'requestWeight', value: '<seconds>', description: 'with --suggest-policy: seconds of waiting one request costs as much as', parse: parseWeight, default: 1 },
  { key: 'report', value: '<file.html>', description: 'also write a self-contained HTML report: a timeline of every call' },
  { key: 'timeline', description: 'draw each call as a timeline of attempts and waits instead of the table' },
  ...RETRY_OPTIONS,
];

/** The options --suggest-policy chooses itself, so giving one with it is a mistake. */
const CHOSEN_BY_SEARCH = ['retry', 'retryBaseDelay', 'retryMaxDelay', 'jitter', 'report', 'timeline', 'realtime'] as const;

/** `replay <files...>`: recordings through the classifier and, with --retry, the retry policy. */
export const replayCommand = defineCommand<ReplayCommandOptions>({
  name: 'replay',
  description: 're-run saved responses (op-errors cassettes, HAR exports, curl -i captures, NDJSON) through the classifier and retry policy',
  arguments: [{ key: 'files', name: 'files', required: true, variadic: true, description: 'recordings, or folders of them; "-" reads stdin' }],
  options: OPTIONS,
  help: `
Consecutive requests with the same method and URL are the attempts of one call. With --retry, the policy of
op-errors call runs over each recorded call on a virtual clock: every step is logged as call would log it,
and the verdict says whether the call would have succeeded within the retries and the deadline. When the
recording has timestamps (cassettes, HAR), an attempt at virtual time t meets the response recorded t after
the first one, so a different backoff meets a different moment of the outage. A file that cannot be read is
reported (exit 2) and the others are still replayed.

With --suggest-policy, every policy of retries 0-10, first wait 0.1-5 s, cap 1-120 s, jitter none, equal or
full, and a deadline up to --retry-max-time is replayed over --runs seeded runs of every call (the same for
the same --seed). It prints the cheapest policy that recovers the --target share of the calls some policy
can recover, where cost = expected total wait in seconds + --request-weight x requests sent; the calls no
policy saves are listed apart with the reason; and the retry settings for .openprospectrc, checked by a
replay of the same files with that config and seed.

Examples:
  $ op-errors replay examples/
  $ op-errors replay examples/flaky-orders.json --retry 3
  $ op-errors replay incident.har --retry 6 --retry-max-time 120 --json
  $ cat incident.har | op-errors replay - --retry 3
  $ op-errors replay examples/ --suggest-policy
  $ op-errors replay examples/ --retry 3 --timeline --report incident.html`,
  load: async () => ({ run: runReplayCommand }),
});

/** Runs the replay, or with --suggest-policy the search, which chooses the retry options itself. */
async function runReplayCommand(opts: ReplayCommandOptions, ctx: CommandContext): Promise<number> {
  if (!opts.suggestPolicy) {
    const { runReplay } = await import('./replay.js');
    return runReplay(opts, ctx);
  }
  const clash = CHOSEN_BY_SEARCH.find((k) => opts[k] !== undefined);
  if (clash) throw new UsageError(`--suggest-policy chooses the policy itself; drop ${longFlag(OPTIONS.find((o) => o.key === clash)!)}`);
  const [{ runSuggestPolicy }, { catalogFor }] = await Promise.all([import('./replay-incident.js'), import('./catalog-for.js')]);
  return runSuggestPolicy(opts, ctx, await catalogFor(ctx));
}
