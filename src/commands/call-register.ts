import { type Command, Option } from 'commander';
import { type Register, addRetryOptions, collect, parseSeconds } from '../cli/options.js';

/** Adds `call` to the program; the command module loads only when it runs. */
export const registerCall: Register = (program, context, setExit) => {
  const cmd = program.command('call')
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
    .option('-o, --output <file>', 'write the response body (any size, secrets masked) to this file instead of stdout')
    .option('--no-auth', 'send no API key')
    .option('--insecure-http', 'allow sending the key over plain http to a host other than this machine')
    .option('--idempotency-key <key>', 'send Idempotency-Key (auto: a new UUID, kept across attempts) so POST/PATCH may be retried')
    .option('--record <file>', 'append every attempt (secrets masked) to this cassette file')
    .addOption(new Option('--sandbox [scenario]', 'call the built-in sandbox (no key or network needed), optionally with a fault scenario')
      .choices(['flaky', 'rate-limited', 'outage', 'slow', 'reset', 'gateway']));
  addRetryOptions(cmd)
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
  $ op-errors call GET /orders --retry 5 --record incident.json
  $ op-errors call GET /orders --sandbox flaky --retry 3      # no key, no network: the built-in sandbox`)
    .action(async (method: string, target: string, opts: Record<string, unknown>, command: Command) => {
      const { runCall } = await import('../commands/call.js');
      setExit(await runCall({
        method, target, header: opts.header as string[], query: opts.query as string[], auth: opts.auth !== false,
        insecureHttp: opts.insecureHttp === true, retryUnsafe: opts.retryUnsafe === true, include: opts.include === true,
        body: opts.body !== false, bodyOnly: opts.bodyOnly === true, data: opts.data as string | undefined,
        output: opts.output as string | undefined,
        baseUrl: opts.baseUrl as string | undefined, timeout: opts.timeout as number | undefined,
        retry: opts.retry as number | undefined, retryMaxDelay: opts.retryMaxDelay as number | undefined,
        retryMaxTime: opts.retryMaxTime as number | undefined, jitter: opts.jitter as 'full' | undefined,
        idempotencyKey: opts.idempotencyKey as string | undefined, record: opts.record as string | undefined,
        sandbox: opts.sandbox as boolean | string | undefined,
      }, await context(command)));
    });
};
