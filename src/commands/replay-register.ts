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
    .option('--realtime', 'really wait the simulated waits instead of using a virtual clock')
    .option('--suggest-policy', 'search for the cheapest retry policy that recovers every recoverable call (see below)')
    .option('--target <share>', 'with --suggest-policy: share of the recoverable calls to recover, above 0 up to 1 (default 1)', parseShare, 1)
    .option('--runs <n>', 'with --suggest-policy: seeded runs per call for a jittered policy (default 100)', parseRuns, 100)
    .option('--request-weight <seconds>', 'with --suggest-policy: seconds of waiting one request costs as much as (default 1)', parseWeight, 1)
    .option('--report <file.html>', 'also write a self-contained HTML report: a timeline of every call')
    .option('--timeline', 'draw each call as a timeline of attempts and waits instead of the table');
  addRetryOptions(cmd)
    .addHelpText('after', `
Consecutive requests with the same method and URL are the attempts of one call. With --retry, the policy of
op-errors call runs over each recorded call on a virtual clock: every step is logged as call would log it,
and the verdict says whether the call would have succeeded within the retries and the deadline. When the
recording has timestamps (cassettes, HAR), an attempt at virtual time t meets the response recorded t after
the first one, so a different backoff meets a different moment of the outage.

With --suggest-policy, every policy of retries 0-10, first wait 0.1-5 s, cap 1-120 s, jitter none, equal or
full, and a deadline up to --retry-max-time is replayed over --runs seeded runs of every call (the same for
the same --seed). It prints the cheapest policy that recovers the --target share of the calls some policy
can recover, where cost = expected total wait in seconds + --request-weight x requests sent; the calls no
policy saves are listed apart with the reason; and the retry section for .openprospectrc, checked by a
replay of the same files with that config and seed.

Examples:
  $ op-errors replay examples/
  $ op-errors replay examples/flaky-orders.json --retry 3
  $ op-errors replay incident.har --retry 6 --retry-max-time 120 --json
  $ op-errors replay examples/ --suggest-policy
  $ op-errors replay examples/ --retry 3 --timeline --report incident.html`)
    .action(async (files: string[], opts: Record<string, unknown>, command: Command) => {
      const retry = {
        files, retry: opts.retry as number | undefined, retryMaxDelay: opts.retryMaxDelay as number | undefined,
        retryMaxTime: opts.retryMaxTime as number | undefined, jitter: opts.jitter as 'full' | undefined,
        retryUnsafe: opts.retryUnsafe === true, seed: opts.seed as number,
      };
      if (opts.suggestPolicy === true) {
        const clash = ['retry', 'retryMaxDelay', 'jitter', 'report', 'timeline', 'realtime'].find((k) => opts[k] !== undefined);
        if (clash) command.error(`error: --suggest-policy chooses the policy itself; drop --${clash.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, { exitCode: 2 });
        const [{ runSuggestPolicy }, { catalogFor }] = await Promise.all([import('./replay-incident.js'), import('./catalog-for.js')]);
        const ctx = await context(command);
        setExit(await runSuggestPolicy({ ...retry, target: opts.target as number, runs: opts.runs as number,
          requestWeight: opts.requestWeight as number }, ctx, await catalogFor(ctx)));
        return;
      }
      const { runReplay } = await import('./replay.js');
      setExit(await runReplay({ ...retry, realtime: opts.realtime === true, report: opts.report as string | undefined,
        timeline: opts.timeline === true }, await context(command)));
    });
};

function parseShare(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw new InvalidArgumentError('Expected a share above 0 and at most 1, e.g. 0.99.');
  return n;
}

function parseRuns(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 10_000) throw new InvalidArgumentError('Expected a whole number from 1 to 10000.');
  return Number(v);
}

function parseWeight(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('Expected a number of seconds, 0 or more.');
  return n;
}
