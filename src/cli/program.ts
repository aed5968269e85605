import { Command, InvalidArgumentError, Option } from 'commander';
import type { Io } from './io.js';
import { createContext, type GlobalFlags } from './context.js';
import { VERSION } from './version.js';

/** The state main() reads back after parsing: the exit code the command decided. */
export interface RunState {
  exitCode: number;
}


/** Parses an HTTP status argument (100-599). */
export function parseStatus(value: string): number {
  const n = Number(value);
  if (!/^\d{3}$/.test(value.trim()) || n < 100 || n > 599) throw new InvalidArgumentError('Expected an HTTP status from 100 to 599.');
  return n;
}

const statusOption = (what: string) => new Option('--status <code>', what).argParser(parseStatus);

/** Parses a number of seconds above 0. */
function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number of seconds above 0.');
  return n;
}

/** Parses a whole number, 0 or more. */
function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number, 0 or more.');
  return Number(value);
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Builds the commander program; each command module is imported only when that command runs. */
export function buildProgram(io: Io, state: RunState): Command {
  const program = new Command('op-errors')
    .description('Explain and classify OpenProspect API errors: what went wrong, whether to retry, and the fix.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--json', 'machine-readable output on stdout')
    .option('--no-color', 'turn colour off (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('--verbose', 'show stack traces of internal errors')
    .option('--config <file>', 'read this config file instead of searching for .openprospectrc and friends')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'op-errors: ')),
    })
    .addHelpText('after', `
Exit codes: 0 success, 1 non-retryable error (or unknown code), 2 usage or unreadable input,
75 retryable error.

Examples:
  $ op-errors explain ORDER_NOT_FOUND
  $ op-errors explain 429
  $ op-errors codes --status 404
  $ curl -si https://api.openprospect.io/api/v1/orders -H "Authorization: Bearer $OPENPROSPECT_API_KEY" | op-errors classify
  $ op-errors classify --json logs/errors.ndjson`);

  const context = async (cmd: Command) => createContext(io, cmd.optsWithGlobals<GlobalFlags>());

  program.command('explain')
    .description('explain an error code or an HTTP status: meaning, retry rule, cause and fix')
    .argument('[code]', 'an error code (any case, e.g. order_not_found), an alias such as ECONNREFUSED, or an HTTP status')
    .option('-l, --list', 'list every code in a table')
    .addOption(statusOption('with --list: only codes documented with this HTTP status'))
    .addHelpText('after', `
Examples:
  $ op-errors explain ORDER_NOT_FOUND
  $ op-errors explain rate_limit_exceeded --json
  $ op-errors explain 409            # the generic meaning and every code documented with 409
  $ op-errors explain ECONNRESET     # transport failures by errno or curl exit code (curl:28)
  $ op-errors explain --list --status 403`)
    .action(async (code: string | undefined, opts: { list?: boolean; status?: number }, cmd: Command) => {
      const { runExplain } = await import('../commands/explain.js');
      state.exitCode = await runExplain({ query: code, list: opts.list === true, status: opts.status }, await context(cmd));
    });

  program.command('codes')
    .description('list every error code in a table (same as explain --list)')
    .addOption(statusOption('only codes documented with this HTTP status'))
    .action(async (opts: { status?: number }, cmd: Command) => {
      const { runExplain } = await import('../commands/explain.js');
      state.exitCode = await runExplain({ list: true, status: opts.status }, await context(cmd));
    });

  program.command('call')
    .description('call the OpenProspect API, classify the result, and retry with backoff when it can help')
    .argument('<method>', 'GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS')
    .argument('<path>', 'a path joined to the base URL (e.g. /orders), or a full URL')
    .option('-d, --data <json>', 'request body: JSON text, @file, or @- for stdin (checked before sending)')
    .option('-H, --header <header>', 'extra header "Name: value" (repeatable)', collect, [])
    .option('-q, --query <key=value>', 'query parameter (repeatable)', collect, [])
    .option('--base-url <url>', 'base URL for paths (env OPENPROSPECT_BASE_URL, config baseUrl; default https://api.openprospect.io/api/v1)')
    .addOption(new Option('--timeout <seconds>', 'timeout of each attempt (default 30)').argParser(parseSeconds))
    .option('-i, --include', 'show the response headers')
    .option('--body-only', 'print only the response body (pretty JSON), e.g. to pipe into jq')
    .option('--no-body', 'leave the response body out')
    .option('--no-auth', 'send no API key')
    .option('--insecure-http', 'allow sending the key over plain http to a host other than this machine')
    .addOption(new Option('--retry <n>', 'retry retryable outcomes up to n times (default 0: off)').argParser(parseCount))
    .addOption(new Option('--retry-max-delay <seconds>', 'cap on one computed backoff wait (default 30)').argParser(parseSeconds))
    .addOption(new Option('--retry-max-time <seconds>', 'deadline for all attempts and waits together (default 300)').argParser(parseSeconds))
    .addOption(new Option('--jitter <kind>', 'backoff jitter (default full)').choices(['full', 'equal', 'none']))
    .option('--idempotency-key <key>', 'send Idempotency-Key (auto: a new UUID, kept across attempts) so POST/PATCH may be retried')
    .option('--retry-unsafe', 'retry POST/PATCH on any retryable outcome, even without an idempotency key')
    .option('--record <file>', 'append every attempt (secrets masked) to this cassette file')
    .addHelpText('after', `
The key is read from OPENPROSPECT_API_KEY (or the variable named by the config key apiKeyEnv) and sent as
Authorization: Bearer. Retries happen only for outcomes whose rule is backoff (429, 5xx, network failures);
POST and PATCH are retried only on 429 or a refused connection unless they carry an Idempotency-Key.
Every retry step is logged on stderr before the wait.

Examples:
  $ op-errors call GET /orders
  $ op-errors call GET /orders -q limit=10 --retry 5
  $ op-errors call POST /orders -d @order.json --retry 3 --idempotency-key auto
  $ op-errors call GET /auth/validate --json | jq .body.scopes
  $ op-errors call GET /orders --retry 5 --record incident.json`)
    .action(async (method: string, target: string, opts: Record<string, unknown>, cmd: Command) => {
      const { runCall } = await import('../commands/call.js');
      state.exitCode = await runCall({
        method, target, header: opts.header as string[], query: opts.query as string[], auth: opts.auth !== false,
        insecureHttp: opts.insecureHttp === true, retryUnsafe: opts.retryUnsafe === true, include: opts.include === true,
        body: opts.body !== false, bodyOnly: opts.bodyOnly === true, data: opts.data as string | undefined,
        baseUrl: opts.baseUrl as string | undefined, timeout: opts.timeout as number | undefined,
        retry: opts.retry as number | undefined, retryMaxDelay: opts.retryMaxDelay as number | undefined,
        retryMaxTime: opts.retryMaxTime as number | undefined, jitter: opts.jitter as 'full' | undefined,
        idempotencyKey: opts.idempotencyKey as string | undefined, record: opts.record as string | undefined,
      }, await context(cmd));
    });

  program.command('classify')
    .description('classify responses piped in or saved: a JSON body, NDJSON, or curl -i / -D - output')
    .argument('[files...]', 'files to read; stdin when none is given or for "-"')
    .addOption(statusOption('the HTTP status of a bare body that carries none'))
    .addHelpText('after', `
Examples:
  $ curl -si https://api.openprospect.io/api/v1/orders/123 -H "Authorization: Bearer $OPENPROSPECT_API_KEY" | op-errors classify
  $ echo '{"code":"ORDER_NOT_FOUND","message":"Order not found"}' | op-errors classify
  $ op-errors classify --status 503 body.json
  $ op-errors classify --json app-errors.ndjson | jq -r 'select(.retryable) | .code'`)
    .action(async (files: string[], opts: { status?: number }, cmd: Command) => {
      const { runClassify } = await import('../commands/classify.js');
      state.exitCode = await runClassify({ files, status: opts.status }, await context(cmd));
    });

  return program;
}
