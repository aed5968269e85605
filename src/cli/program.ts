import { Command } from 'commander';
import type { Io } from './io.js';
import { createContext, type GlobalFlags } from './context.js';
import { statusOption } from './options.js';
import { VERSION } from './version.js';
// explain and classify are the commands run in loops, so they load with the program; the rest load lazily.
import { runClassify } from '../commands/classify.js';
import { runExplain } from '../commands/explain.js';
import { registerCall } from '../commands/call-register.js';
import { registerReplay } from '../commands/replay-register.js';
import { registerDoctor } from '../commands/doctor-register.js';
import { registerServe } from '../commands/serve-register.js';

/** The state main() reads back after parsing: the exit code the command decided. */
export interface RunState {
  exitCode: number;
}

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
  const setExit = (code: number) => void (state.exitCode = code);

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
      state.exitCode = await runExplain({ query: code, list: opts.list === true, status: opts.status }, await context(cmd));
    });

  program.command('codes')
    .description('list every error code in a table (same as explain --list)')
    .addOption(statusOption('only codes documented with this HTTP status'))
    .action(async (opts: { status?: number }, cmd: Command) => {
      state.exitCode = await runExplain({ list: true, status: opts.status }, await context(cmd));
    });

  registerCall(program, context, setExit);
  registerReplay(program, context, setExit);
  registerServe(program, context, setExit);
  registerDoctor(program, context, setExit);

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
      state.exitCode = await runClassify({ files, status: opts.status }, await context(cmd));
    });

  return program;
}
