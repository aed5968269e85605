import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from '../cli/context.js';
import { ENVELOPES, type Envelope, SCENARIOS, type ScenarioName } from '../sandbox/types.js';

/** Parses a TCP port, 0 to 65535 (0: pick a free one). */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('Expected a port from 0 to 65535 (0 picks a free one).');
  return n;
}

/** Parses a share of requests, 0 to 1. */
export function parseRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('Expected a number from 0 to 1, e.g. 0.2.');
  }
  return n;
}

/** Parses a delay in milliseconds, 0 or more. */
function parseMs(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number of milliseconds, 0 or more.');
  return Number(value);
}

/** Parses a rate limit: `<requests>/<seconds>`, e.g. 120/60, or `off` (false: commander turns null into ''). */
export function parseRateLimit(value: string): { limit: number; windowMs: number } | false {
  if (value.trim() === 'off') return false;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value.trim());
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) {
    throw new InvalidArgumentError('Expected <requests>/<seconds>, e.g. 120/60, or off.');
  }
  return { limit: Number(m[1]), windowMs: Math.round(Number(m[2]) * 1000) };
}

/** Adds `serve` to the program; the sandbox module loads only when the command runs. */
export function registerServe(
  program: Command,
  context: (cmd: Command) => Promise<CommandContext>,
  setExit: (code: number) => void,
): void {
  program.command('serve')
    .description('run a local OpenProspect-like API (test keys, seeded data, scripted failures) to try clients against')
    .addOption(new Option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)').argParser(parsePort).default(4010))
    .addOption(new Option('--scenario <name>', 'script a failure mode').choices([...SCENARIOS]))
    .addOption(new Option('--fail-rate <0..1>', 'share of requests that answer 503, on top of the scenario').argParser(parseRate))
    .option('--cassette <file>', 'replay the responses recorded in an op-errors cassette or a HAR file')
    .addOption(new Option('--slow-ms <ms>', 'delay of each response with --scenario slow (default 35000)').argParser(parseMs))
    .addOption(new Option('--envelope <shape>', 'error body shape: flat {code,message} (default), nested {error:{code}}, legacy {error:CODE}').choices([...ENVELOPES]))
    .addOption(new Option('--rate-limit <n/s>', 'requests per window per key, e.g. 120/60 (the default), or off').argParser(parseRateLimit))
    .addHelpText('after', `
The sandbox listens on 127.0.0.1 only and serves /api/v1 like api.openprospect.io, with data in memory.
Keys: lnc_test_full_access (every scope) and lnc_test_read_only (the :read scopes); lnc_test_revoked and
lnc_test_expired answer 401 with their own bodies. 120 requests per minute per key. Each request is
logged on stderr; Ctrl-C stops it.

Scenarios:
  flaky         each method and path answers 503, 503, then normally, and again
  rate-limited  3 requests per 10 s per key, then 429 with Retry-After
  outage        every request answers 503 with Retry-After: 5
  slow          every response is delayed by --slow-ms (default 35 s, past a 30 s client timeout)
  reset         every other request has its connection dropped
  gateway       nginx's HTML 502 and 504 pages, alternately

Examples:
  $ op-errors serve
  $ OPENPROSPECT_API_KEY=lnc_test_full_access op-errors call GET /orders --base-url http://127.0.0.1:4010/api/v1
  $ op-errors serve --scenario flaky     # then: op-errors call GET /orders --retry 3 --base-url ...
  $ op-errors serve --port 0 --json      # prints {"url": ..., "port": ...} on stdout
  $ op-errors serve --cassette incident.json
  $ op-errors serve --fail-rate 0.2
  $ op-errors serve --envelope legacy   # errors as {"error": "CODE", "message": ...}
  $ op-errors serve --rate-limit off      # e.g. to load-test your own client`)
    .action(async (opts: Record<string, unknown>, cmd: Command) => {
      const { runServe } = await import('./serve.js');
      setExit(await runServe({
        port: opts.port as number, scenario: opts.scenario as ScenarioName | undefined,
        failRate: opts.failRate as number | undefined, cassette: opts.cassette as string | undefined,
        slowMs: opts.slowMs as number | undefined,
        rateLimit: opts.rateLimit as { limit: number; windowMs: number } | false | undefined,
        envelope: opts.envelope as Envelope | undefined,
      }, await context(cmd)));
    });
}
