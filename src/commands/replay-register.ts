import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { type Register, addRetryOptions } from '../cli/options.js';

/** Adds `replay` to the program; the command module loads only when it runs. */
export const registerReplay: Register = (program, context, setExit) => {
  const cmd = program.command('replay')
    .description('re-run saved responses (op-errors cassettes, HAR exports, curl -i captures, NDJSON) through the classifier and retry policy')
    .argument('<files...>', 'recordings, or folders of them')
    .option('--seed <n>', 'seed of the jitter, so a replay is the same every time (default 1)', (v: string) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('Expected a whole number.');
      return Number(v);
    }, 1)
    .option('--realtime', 'really wait the simulated waits instead of using a virtual clock');
  addRetryOptions(cmd)
    .addHelpText('after', `
Consecutive requests with the same method and URL are the attempts of one call. With --retry, the policy of
op-errors call runs over each recorded call on a virtual clock: every step is logged as call would log it,
and the verdict says whether the call would have succeeded within the retries and the deadline. When the
recording has timestamps (cassettes, HAR), an attempt at virtual time t meets the response recorded t after
the first one, so a different backoff meets a different moment of the outage.

Examples:
  $ op-errors replay examples/
  $ op-errors replay examples/flaky-orders.json --retry 3
  $ op-errors replay incident.har --retry 6 --retry-max-time 120 --json`)
    .action(async (files: string[], opts: Record<string, unknown>, command: Command) => {
      const { runReplay } = await import('./replay.js');
      setExit(await runReplay({
        files, retry: opts.retry as number | undefined, retryMaxDelay: opts.retryMaxDelay as number | undefined,
        retryMaxTime: opts.retryMaxTime as number | undefined, jitter: opts.jitter as 'full' | undefined,
        retryUnsafe: opts.retryUnsafe === true, seed: opts.seed as number, realtime: opts.realtime === true,
      }, await context(command)));
    });
};
